package dev.builder.core.registry;

import com.google.cloud.tools.jib.http.ResponseException;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.Locale;
import java.util.Optional;

/**
 * Which host a request went to, and whether it is the registry's own: the registry's credentials and tokens go to its
 * own host only (and to its token service, under {@link RepositoryHttp}'s rules).
 */
final class Hosts {
  private Hosts() {}

  /**
   * Whether {@code a} and {@code b} name the same host and port. A URL without a port is taken to be on its scheme's
   * default port, and two URLs without one are the same host whatever their schemes: jib's client asks a registry
   * named without a port over HTTPS on 443, and falls back to plain HTTP on 80.
   */
  static boolean same(URL a, URL b) {
    if (!a.getHost().equalsIgnoreCase(b.getHost())) {
      return false;
    }
    return a.getPort() == -1 && b.getPort() == -1 || port(a) == port(b);
  }

  private static int port(URL url) {
    return url.getPort() == -1 ? url.getDefaultPort() : url.getPort();
  }

  /** {@code host} or {@code host:port}, as messages name a host; never the path or query, which may hold a secret. */
  static String name(URL url) {
    return url.getHost().toLowerCase(Locale.ROOT) + (url.getPort() == -1 ? "" : ":" + url.getPort());
  }

  /**
   * The URL that gave this answer, after the redirects the HTTP client followed: google-http-client's message is the
   * status line, then the method and URL of the last request.
   */
  static Optional<URL> answeredBy(ResponseException e) {
    String message = e.getMessage();
    if (message == null) {
      return Optional.empty();
    }
    String[] lines = message.split("\n", 3);
    if (lines.length < 2) {
      return Optional.empty();
    }
    String[] request = lines[1].trim().split(" ", 2);
    try {
      return Optional.of(new URL(request[request.length - 1]));
    } catch (MalformedURLException e2) {
      return Optional.empty();
    }
  }
}
