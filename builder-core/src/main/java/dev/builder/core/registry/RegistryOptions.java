package dev.builder.core.registry;

import dev.builder.core.Setting;
import dev.builder.core.BuilderException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How builder reaches registries: where credentials come from for base image pulls and for pushes (which may differ,
 * even on one registry), the PEM files of private CAs to trust besides the JVM's trust store, whether registries
 * that are not on this machine may be reached over plain HTTP or unverified HTTPS, how long a registry may stay
 * silent, how faults that may pass are tried again, which proxies registry requests go through, and which mirrors
 * base image pulls try first.
 *
 * @param timeout the connect timeout and the read timeout of every request
 * @param retry how faults that may pass (resets, timeouts, 408, 429, 5xx) are tried again
 * @param proxies the HTTP proxies that requests to registries (and their token services) go through; by default none
 * @param mirrors where base images are looked for before their own registry; never used for pushes
 */
public record RegistryOptions(
    CredentialSource pullCredentials,
    CredentialSource pushCredentials,
    List<Path> caCertificates,
    boolean allowInsecure,
    Duration timeout,
    RetryPolicy retry,
    ProxySettings proxies,
    RegistryMirrors mirrors) {

  /** jib's default: long enough for a registry to commit a large blob, short enough to notice a dead one. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

  public RegistryOptions {
    caCertificates = List.copyOf(caCertificates);
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    if (timeout.isNegative() || timeout.isZero()) {
      throw new BuilderException("the registry timeout must be positive, not " + timeout);
    }
    retry = retry == null ? RetryPolicy.DEFAULT : retry;
    proxies = proxies == null ? ProxySettings.NONE : proxies;
    mirrors = mirrors == null ? RegistryMirrors.NONE : mirrors;
  }

  /** Reaching every registry directly, with no mirrors. */
  public RegistryOptions(
      CredentialSource pullCredentials,
      CredentialSource pushCredentials,
      List<Path> caCertificates,
      boolean allowInsecure,
      Duration timeout,
      RetryPolicy retry) {
    this(pullCredentials, pushCredentials, caCertificates, allowInsecure, timeout, retry, ProxySettings.NONE,
        RegistryMirrors.NONE);
  }

  /** With the default timeout and retries. */
  public RegistryOptions(
      CredentialSource pullCredentials,
      CredentialSource pushCredentials,
      List<Path> caCertificates,
      boolean allowInsecure) {
    this(pullCredentials, pushCredentials, caCertificates, allowInsecure, DEFAULT_TIMEOUT, RetryPolicy.DEFAULT);
  }

  /** Anonymous access, the JVM's trust store, verified HTTPS to other machines. */
  public static RegistryOptions anonymous() {
    return new RegistryOptions(CredentialSource.ANONYMOUS, CredentialSource.ANONYMOUS, List.of(), false);
  }

  /**
   * These options with a build tool's timeout and retry parameters, checked with messages that name them.
   *
   * @param timeoutSeconds builder.registryTimeout
   * @param retries builder.retries: tries after the first
   * @param retrySeconds builder.retryTime: no retry starts after this long
   */
  public RegistryOptions withNetwork(int timeoutSeconds, int retries, int retrySeconds) {
    if (timeoutSeconds < 1) {
      throw new BuilderException(Setting.REGISTRY_TIMEOUT.mention() + " must be at least 1 (seconds), not "
          + timeoutSeconds);
    }
    if (retries < 0) {
      throw new BuilderException(Setting.RETRIES.mention() + " must be 0 or more, not " + retries);
    }
    if (retrySeconds < 0) {
      throw new BuilderException(Setting.RETRY_TIME.mention() + " must be 0 or more (seconds), not " + retrySeconds);
    }
    return withTimeout(Duration.ofSeconds(timeoutSeconds)).withRetry(RetryPolicy.of(retries,
        Duration.ofSeconds(retrySeconds)));
  }

  public RegistryOptions withTimeout(Duration value) {
    return new RegistryOptions(pullCredentials, pushCredentials, caCertificates, allowInsecure, value, retry, proxies,
        mirrors);
  }

  public RegistryOptions withRetry(RetryPolicy policy) {
    return new RegistryOptions(pullCredentials, pushCredentials, caCertificates, allowInsecure, timeout, policy,
        proxies, mirrors);
  }

  public RegistryOptions withProxies(ProxySettings settings) {
    return new RegistryOptions(pullCredentials, pushCredentials, caCertificates, allowInsecure, timeout, retry,
        settings, mirrors);
  }

  public RegistryOptions withMirrors(RegistryMirrors value) {
    return new RegistryOptions(pullCredentials, pushCredentials, caCertificates, allowInsecure, timeout, retry,
        proxies, value);
  }
}
