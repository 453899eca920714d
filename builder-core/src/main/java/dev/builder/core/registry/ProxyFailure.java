package dev.builder.core.registry;

import java.io.IOException;

/**
 * A proxy that could not be reached, or that refused the tunnel to a registry: final, not tried again, and reported
 * by {@link RegistryErrors} in the proxy's words. The message names the proxy and its user, never the password.
 */
final class ProxyFailure extends IOException {
  ProxyFailure(String message) {
    super(message);
  }

  ProxyFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
