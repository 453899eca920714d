package dev.builder.core.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builder.core.BuildListener;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("podman")
class CredentialEnvironmentTest {
  private static final Path HOME = Path.of("/home/me");

  @Test
  void dockerConfigIsInDockerConfigElseInTheHomeFolder() {
    assertThat(new CredentialEnvironment(Map.of(), HOME).dockerConfig())
        .isEqualTo(Path.of("/home/me/.docker/config.json"));
    assertThat(new CredentialEnvironment(Map.of("DOCKER_CONFIG", "/ci/docker"), HOME).dockerConfig())
        .isEqualTo(Path.of("/ci/docker/config.json"));
  }

  @Test
  void podmanAuthFilesAreRegistryAuthFileElseTheRuntimeThenThePersistentOne() {
    assertThat(new CredentialEnvironment(Map.of(), HOME).podmanAuthFiles())
        .containsExactly(Path.of("/home/me/.config/containers/auth.json"));
    assertThat(new CredentialEnvironment(Map.of("XDG_RUNTIME_DIR", "/run/user/1000"), HOME).podmanAuthFiles())
        .containsExactly(Path.of("/run/user/1000/containers/auth.json"),
            Path.of("/home/me/.config/containers/auth.json"));
    assertThat(new CredentialEnvironment(Map.of("XDG_CONFIG_HOME", "/cfg"), HOME).podmanAuthFiles())
        .containsExactly(Path.of("/cfg/containers/auth.json"));
    assertThat(new CredentialEnvironment(
            Map.of("XDG_RUNTIME_DIR", "/run/user/1000", "REGISTRY_AUTH_FILE", "/ci/auth.json"), HOME)
        .podmanAuthFiles())
        .containsExactly(Path.of("/ci/auth.json"));
  }

  @Test
  void sourcesAreDockerThenPodmanThenKnownHelpers() {
    var sources = new CredentialEnvironment(Map.of("REGISTRY_AUTH_FILE", "/ci/auth.json"), HOME)
        .sources(BuildListener.SILENT);

    assertThat(sources).extracting(Object::toString).containsExactly(
        "Docker config /home/me/.docker/config.json",
        "Podman auth file /ci/auth.json",
        "known credential helpers on the PATH");
  }
}
