package dev.builder.core.credentials;

import dev.builder.core.BuildListener;
import dev.builder.core.registry.CredentialSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where Docker and Podman users already keep registry credentials, found from environment variables and the home
 * folder given here (never read from the JVM by the core, so tests and callers decide).
 *
 * @param variables the environment: {@code DOCKER_CONFIG}, {@code REGISTRY_AUTH_FILE}, {@code XDG_RUNTIME_DIR},
 *     {@code PATH}
 * @param home the user's home folder
 */
public record CredentialEnvironment(Map<String, String> variables, Path home) {

  public CredentialEnvironment {
    variables = Map.copyOf(variables);
  }

  /** The environment of this process. */
  public static CredentialEnvironment ofThisProcess() {
    return new CredentialEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /** {@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}, as the docker CLI reads. */
  public Path dockerConfig() {
    String dir = variables.get("DOCKER_CONFIG");
    return (dir == null || dir.isBlank() ? home.resolve(".docker") : Path.of(dir)).resolve("config.json");
  }

  /** {@code $REGISTRY_AUTH_FILE}, else {@code $XDG_RUNTIME_DIR/containers/auth.json}, as podman and skopeo read. */
  public Optional<Path> podmanAuthFile() {
    String file = variables.get("REGISTRY_AUTH_FILE");
    if (file != null && !file.isBlank()) {
      return Optional.of(Path.of(file));
    }
    String runtime = variables.get("XDG_RUNTIME_DIR");
    return runtime == null || runtime.isBlank()
        ? Optional.empty()
        : Optional.of(Path.of(runtime, "containers", "auth.json"));
  }

  /** The sources this environment offers, in order: Docker config, Podman auth file, known helpers on the PATH. */
  public List<CredentialSource> sources(BuildListener listener) {
    List<CredentialSource> sources = new ArrayList<>();
    sources.add(new DockerConfigFile(dockerConfig(), "Docker config", variables, listener));
    podmanAuthFile().ifPresent(f -> sources.add(new DockerConfigFile(f, "Podman auth file", variables, listener)));
    sources.add(new KnownCredentialHelpers(variables, listener));
    return sources;
  }
}
