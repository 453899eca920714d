package dev.builder.core.registry;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An HTTP proxy that registry requests go through: HTTPS in a {@code CONNECT} tunnel, plain HTTP as absolute
 * requests. {@link #toString()} names the proxy, its user and where it was configured, never the password.
 *
 * @param host the proxy's host name or address
 * @param port the proxy's port
 * @param username the proxy user, or null when the proxy asks for none
 * @param password the proxy user's password, or null
 * @param nonProxyHosts the hosts reached without it, as Maven's {@code <nonProxyHosts>} and the JVM's
 *     {@code http.nonProxyHosts} write them: host names or addresses with {@code *} as a wildcard, each optionally
 *     with {@code :port}
 * @param source where it was configured, such as {@code settings.xml <proxy> corp} or {@code HTTPS_PROXY}
 */
public record RegistryProxy(
    String host, int port, String username, String password, List<String> nonProxyHosts, String source) {

  public RegistryProxy {
    nonProxyHosts = nonProxyHosts == null ? List.of() : List.copyOf(nonProxyHosts);
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("a proxy needs a host");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("a proxy's port is 1 to 65535, not " + port);
    }
    username = username == null || username.isEmpty() ? null : username;
    password = username == null ? null : password == null ? "" : password;
  }

  /** {@code host:port}, as a CONNECT names it. */
  public String address() {
    return authority(host, port);
  }

  /** Whether requests to {@code targetHost:targetPort} bypass this proxy, by its non-proxy host patterns. */
  public boolean bypasses(String targetHost, int targetPort) {
    String hostName = bare(targetHost).toLowerCase(Locale.ROOT);
    for (String pattern : nonProxyHosts) {
      String glob = bare(pattern.trim()).toLowerCase(Locale.ROOT);
      String portGlob = null;
      int colon = glob.lastIndexOf(':');
      // one colon: host:port; more: an IPv6 address
      if (colon > 0 && glob.indexOf(':') == colon) {
        portGlob = glob.substring(colon + 1);
        glob = glob.substring(0, colon);
      }
      if (!glob.isEmpty() && matches(glob, hostName)
          && (portGlob == null || matches(portGlob, Integer.toString(targetPort)))) {
        return true;
      }
    }
    return false;
  }

  /** The {@code Proxy-Authorization} header's value when a user is given. */
  Optional<String> basicAuthorization() {
    if (username == null) {
      return Optional.empty();
    }
    byte[] pair = (username + ":" + password).getBytes(StandardCharsets.UTF_8);
    return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair));
  }

  static String authority(String host, int port) {
    return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
  }

  private static String bare(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  private static boolean matches(String glob, String value) {
    return Pattern.matches(
        Arrays.stream(glob.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining(".*")), value);
  }

  @Override
  public String toString() {
    return address() + (username == null ? "" : " as user " + username) + " (from " + source + ")";
  }
}
