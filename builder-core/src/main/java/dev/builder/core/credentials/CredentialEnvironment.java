package dev.builder.core.credentials;

import dev.builder.core.BuildListener;
import dev.builder.core.registry.CredentialSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where Docker and Podman users already keep registry credentials, found from environment variables and the home
 * folder given here (never read from the JVM by the core, so tests and callers decide).
 *
 * @param variables the environment: {@code DOCKER_CONFIG}, {@code REGISTRY_AUTH_FILE}, {@code XDG_RUNTIME_DIR},
 *     {@code XDG_CONFIG_HOME}, {@code PATH}
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

  /**
   * {@code $REGISTRY_AUTH_FILE}; else {@code $XDG_RUNTIME_DIR/containers/auth.json} then the persistent
   * {@code $XDG_CONFIG_HOME/containers/auth.json} (default {@code ~/.config}), the order podman and skopeo read them
   * in (containers-auth.json(5)).
   */
  public List<Path> podmanAuthFiles() {
    String file = variables.get("REGISTRY_AUTH_FILE");
    if (file != null && !file.isBlank()) {
      return List.of(Path.of(file));
    }
    List<Path> files = new ArrayList<>();
    String runtime = variables.get("XDG_RUNTIME_DIR");
    if (runtime != null && !runtime.isBlank()) {
      files.add(Path.of(runtime, "containers", "auth.json"));
    }
    String config = variables.get("XDG_CONFIG_HOME");
    files.add((config == null || config.isBlank() ? home.resolve(".config") : Path.of(config))
        .resolve("containers").resolve("auth.json"));
    return files;
  }

  /** The sources this environment offers, in order: Docker config, Podman auth file, known helpers on the PATH. */
  public List<CredentialSource> sources(BuildListener listener) {
    List<CredentialSource> sources = new ArrayList<>();
    sources.add(new DockerConfigFile(dockerConfig(), "Docker config", variables, listener));
    podmanAuthFiles().forEach(f -> sources.add(new DockerConfigFile(f, "Podman auth file", variables, listener)));
    sources.add(new KnownCredentialHelpers(variables, listener));
    return sources;
  }
}
