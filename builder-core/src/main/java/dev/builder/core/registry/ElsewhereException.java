package dev.builder.core.registry;

import java.io.IOException;

/**
 * A failure at a host other than the registry's own (its token service, or where it sent an upload or redirected a
 * request), so that the message names the host that answered and not the registry.
 */
final class ElsewhereException extends IOException {
  private final String host;
  private final String who;
  private final boolean tokenService;

  /**
   * @param host {@code host} or {@code host:port}
   * @param who the host as messages name it, with how builder came to it: {@code the token service auth.example:5001
   *     of registry 127.0.0.1:5000}
   * @param tokenService whether it is the token service, to which the credentials did go
   */
  ElsewhereException(String host, String who, boolean tokenService, IOException cause) {
    super(who, cause);
    this.host = host;
    this.who = who;
    this.tokenService = tokenService;
  }

  String host() {
    return host;
  }

  String who() {
    return who;
  }

  boolean tokenService() {
    return tokenService;
  }
}
