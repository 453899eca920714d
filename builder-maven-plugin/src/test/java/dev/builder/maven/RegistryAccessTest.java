package dev.builder.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.builder.core.BuildListener;
import dev.builder.core.credentials.CredentialEnvironment;
import dev.builder.core.registry.Credentials;
import dev.builder.core.registry.ImageName;
import dev.builder.core.registry.RegistryMirrors;
import dev.builder.core.registry.RegistryOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.maven.settings.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryAccessTest {
  @TempDir Path home;

  @Test
  void thePomsMirrorsAreReplacedPerRegistryByTheCommandLines() {
    RegistryMirrors mirrors = RegistryAccess.mirrors(List.of(
        new RegistryMirror("docker.io", List.of("pom.example")), new RegistryMirror("quay.io", List.of("q.example"))),
        "docker.io=cli.example");
    assertThat(mirrors.mirrorsOf(ImageName.parse("alpine:3"))).extracting(ImageName::registry)
        .containsExactly("cli.example");
    assertThat(mirrors.mirrorsOf(ImageName.parse("quay.io/a/b:1"))).extracting(ImageName::registry)
        .containsExactly("q.example");
    assertThat(RegistryAccess.mirrors(null, null).isEmpty()).isTrue();
  }

  @Test
  void aBadMirrorNamesTheParameterItCameFrom() {
    assertThatThrownBy(() -> RegistryAccess.mirrors(
        List.of(new RegistryMirror("docker.io", List.of("http://mirror.example"))), null))
        .hasMessageStartingWith("<registryMirrors>: the mirror 'http://mirror.example' of docker.io has a scheme");
    assertThatThrownBy(() -> RegistryAccess.mirrors(null, "docker.io=mirror.example/hub?x=1"))
        .hasMessageStartingWith("builder.registryMirrors: the mirror 'mirror.example/hub?x=1' of docker.io has the"
            + " path");
  }

  @Test
  void theBaseRegistrysCredentialsAreNeverSentToAMirror() {
    Auth auth = new Auth(new RegistryAuth("base-user", "base-secret", null), null);
    RegistryOptions options = RegistryAccess.options(auth, List.of(), false,
        RegistryAccess.mirrors(List.of(new RegistryMirror("docker.io", List.of("Mirror.Acme.example:5000"))), null),
        new Settings(), request -> null, new CredentialEnvironment(Map.of(), home), BuildListener.SILENT);

    assertThat(options.pullCredentials().find("registry-1.docker.io")).map(Credentials::username)
        .contains("base-user");
    assertThat(options.pullCredentials().find("mirror.acme.example:5000")).isEmpty();
  }
}
