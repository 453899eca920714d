package dev.builder.core.credentials;

import dev.builder.core.registry.CredentialSource;
import dev.builder.core.registry.Credentials;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Asks sources in order and takes the first credentials found. The answer for each registry is kept, so helpers run
 * and files are read at most once per registry in a build.
 */
public final class CredentialChain implements CredentialSource {
  private final List<CredentialSource> sources;
  private final Map<String, Optional<Credentials>> answers = new ConcurrentHashMap<>();

  public CredentialChain(List<CredentialSource> sources) {
    this.sources = List.copyOf(sources);
  }

  public List<CredentialSource> sources() {
    return sources;
  }

  @Override
  public Optional<Credentials> find(String registry) {
    Optional<Credentials> known = answers.get(registry);
    if (known != null) {
      return known;
    }
    Optional<Credentials> found = Optional.empty();
    for (CredentialSource source : sources) {
      found = source.find(registry);
      if (found.isPresent()) {
        break;
      }
    }
    answers.putIfAbsent(registry, found);
    return answers.get(registry);
  }
}
