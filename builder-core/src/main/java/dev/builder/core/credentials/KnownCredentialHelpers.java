package dev.builder.core.credentials;

import dev.builder.core.BuildListener;
import dev.builder.core.BuilderException;
import dev.builder.core.registry.CredentialSource;
import dev.builder.core.registry.Credentials;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The credential helpers that cloud registries document, used when one is on the PATH and nothing before it had
 * credentials, as ko and jib do: {@code docker-credential-gcr} (then {@code -gcloud}) for Google's registries,
 * {@code docker-credential-ecr-login} for Amazon ECR, {@code docker-credential-acr-env} for Azure. A helper that
 * fails is reported and skipped: nobody named it, so it must not stop a build that may need no credentials.
 */
public final class KnownCredentialHelpers implements CredentialSource {
  private final Map<String, String> environment;
  private final BuildListener listener;

  public KnownCredentialHelpers(Map<String, String> environment, BuildListener listener) {
    this.environment = Map.copyOf(environment);
    this.listener = listener;
  }

  /** The helpers (names after {@code docker-credential-}) known for a registry, in the order they are tried. */
  static List<String> helpersFor(String registry) {
    String host = registry.toLowerCase(Locale.ROOT).replaceFirst(":\\d+$", "");
    if (host.equals("gcr.io") || host.endsWith(".gcr.io") || host.endsWith("-docker.pkg.dev")) {
      return List.of("gcr", "gcloud");
    }
    if (host.matches("[0-9]+\\.dkr\\.ecr(-fips)?\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?") || host.equals("public.ecr.aws")) {
      return List.of("ecr-login");
    }
    if (host.endsWith(".azurecr.io")) {
      return List.of("acr-env");
    }
    return List.of();
  }

  @Override
  public Optional<Credentials> find(String registry) {
    for (String name : helpersFor(registry)) {
      String program = "docker-credential-" + name;
      Optional<CredentialHelper> helper = Executables.find(program, environment)
          .map(path -> new CredentialHelper(path, "credential helper " + program + " (on the PATH, known for "
              + registry + ")"));
      if (helper.isEmpty()) {
        continue;
      }
      try {
        Optional<Credentials> found = helper.get().find(registry);
        if (found.isPresent()) {
          return found;
        }
      } catch (BuilderException e) {
        listener.warn(e.getMessage() + "; builder goes on without it");
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "known credential helpers on the PATH";
  }
}
