package dev.builder.core.credentials;

import dev.builder.core.BuildListener;
import dev.builder.core.BuilderException;
import dev.builder.core.registry.CredentialSource;
import dev.builder.core.registry.Credentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Credentials from one Docker {@code config.json} or Podman {@code auth.json}, looked up as Docker does: the helper
 * {@code credHelpers} names for the registry, else the {@code credsStore} helper, then {@code auths}. The file is
 * read once, when a registry is first asked for; a missing file has nothing, and a broken one is reported once and
 * then treated as empty, as Docker does, so that a broken file never stops a build that needs no credentials.
 */
public final class DockerConfigFile implements CredentialSource {
  private final Path file;
  private final String what;
  private final Map<String, String> environment;
  private final BuildListener listener;
  private DockerConfig config;
  private boolean storeReported;

  /**
   * @param kind {@code Docker config} or {@code Podman auth file}, for messages
   * @param environment where helpers are looked for ({@code PATH})
   */
  public DockerConfigFile(Path file, String kind, Map<String, String> environment, BuildListener listener) {
    this.file = file;
    this.what = kind + " " + file;
    this.environment = Map.copyOf(environment);
    this.listener = listener;
  }

  public Path file() {
    return file;
  }

  @Override
  public Optional<Credentials> find(String registry) {
    DockerConfig parsed = config();
    Optional<String> helper = parsed.helperFor(registry);
    if (helper.isPresent()) {
      Optional<Credentials> found = helper(helper.get(), "credHelpers").find(registry);
      if (found.isPresent()) {
        return found;
      }
    } else if (parsed.store().isPresent()) {
      try {
        Optional<Credentials> found = helper(parsed.store().get(), "credsStore").find(registry);
        if (found.isPresent()) {
          return found;
        }
      } catch (BuilderException e) {
        // credsStore is for every registry, public ones too: a store that cannot answer must not stop the build.
        reportStore(e);
      }
    }
    return parsed.authFor(registry, what, "auths in " + what);
  }

  private CredentialHelper helper(String name, String section) {
    String program = "docker-credential-" + name;
    Path executable = Executables.find(program, environment).orElseThrow(() -> new BuilderException(
        what + " names the credential helper \"" + name + "\" in " + section + ", but " + program
            + " is not on the PATH. Install it, or remove it from " + section + "."));
    return new CredentialHelper(executable, "credential helper " + program + " (" + section + " in " + what + ")");
  }

  private synchronized void reportStore(BuilderException e) {
    if (!storeReported) {
      storeReported = true;
      listener.warn(e.getMessage() + "; builder goes on without it");
    }
  }

  private synchronized DockerConfig config() {
    if (config == null) {
      config = read();
    }
    return config;
  }

  private DockerConfig read() {
    if (!Files.isRegularFile(file)) {
      return DockerConfig.EMPTY;
    }
    try {
      return DockerConfig.parse(Files.readAllBytes(file), what);
    } catch (IOException e) {
      listener.warn("cannot read " + what + " (" + e.getMessage() + "); builder goes on without it");
    } catch (BuilderException e) {
      listener.warn(e.getMessage() + "; builder goes on without it");
    }
    return DockerConfig.EMPTY;
  }

  @Override
  public String toString() {
    return what;
  }
}
