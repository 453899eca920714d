package dev.builder.core.registry;

import java.util.Optional;

/** Finds the credentials to use for a registry host, if any. */
@FunctionalInterface
public interface CredentialSource {

  CredentialSource ANONYMOUS = registry -> Optional.empty();

  Optional<Credentials> find(String registry);
}
