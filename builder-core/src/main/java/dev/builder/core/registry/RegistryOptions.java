package dev.builder.core.registry;

import java.nio.file.Path;
import java.util.List;

/**
 * How builder reaches registries: where credentials come from for base image pulls and for pushes (which may differ,
 * even on one registry), the PEM files of private CAs to trust besides the JVM's trust store, and whether registries
 * that are not on this machine may be reached over plain HTTP or unverified HTTPS.
 */
public record RegistryOptions(
    CredentialSource pullCredentials,
    CredentialSource pushCredentials,
    List<Path> caCertificates,
    boolean allowInsecure) {

  public RegistryOptions {
    caCertificates = List.copyOf(caCertificates);
  }

  /** Anonymous access, the JVM's trust store, verified HTTPS to other machines. */
  public static RegistryOptions anonymous() {
    return new RegistryOptions(CredentialSource.ANONYMOUS, CredentialSource.ANONYMOUS, List.of(), false);
  }
}
