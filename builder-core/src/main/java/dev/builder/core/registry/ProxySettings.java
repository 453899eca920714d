package dev.builder.core.registry;

import dev.builder.core.BuilderException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The proxies registry requests go through: one for HTTPS requests and one for plain-HTTP requests (either may be
 * null). {@link #of} picks them the way Maven users expect: the build tool's own proxy settings (settings.xml) first,
 * then the JVM's {@code https.proxyHost}/{@code http.proxyHost} properties, then the {@code HTTPS_PROXY}/
 * {@code HTTP_PROXY}/{@code NO_PROXY} environment variables. Registries on this machine are never reached through a
 * proxy, which could not reach this machine's loopback anyway.
 */
public record ProxySettings(RegistryProxy https, RegistryProxy http) {
  /** Every registry reached directly. */
  public static final ProxySettings NONE = new ProxySettings(null, null);

  /**
   * For each scheme, the first of: the build tool's proxy, the JVM's properties, the environment.
   *
   * @param buildTool the build tool's proxies (from settings.xml), or {@link #NONE}
   * @param jvm the JVM's system properties
   * @param environment the process's environment variables
   */
  public static ProxySettings of(ProxySettings buildTool, Properties jvm, Map<String, String> environment) {
    ProxySettings fromJvm = fromJvm(jvm);
    ProxySettings fromEnvironment = fromEnvironment(environment);
    return new ProxySettings(
        first(buildTool.https(), fromJvm.https(), fromEnvironment.https()),
        first(buildTool.http(), fromJvm.http(), fromEnvironment.http()));
  }

  /** The proxy for a request of {@code scheme} to {@code host:port}, if it goes through one. */
  public Optional<RegistryProxy> forTarget(String scheme, String host, int port) {
    RegistryProxy proxy = "https".equalsIgnoreCase(scheme) ? https : "http".equalsIgnoreCase(scheme) ? http : null;
    if (proxy == null || ImageName.isLoopbackHost(host) || proxy.bypasses(host, port)) {
      return Optional.empty();
    }
    return Optional.of(proxy);
  }

  /**
   * The JDK's networking properties: {@code https.proxyHost}/{@code https.proxyPort} (443 by default),
   * {@code http.proxyHost}/{@code http.proxyPort} (80), {@code http.nonProxyHosts} for both, and the user and
   * password properties jib and Apache HttpClient read ({@code https.proxyUser}, {@code https.proxyPassword},
   * {@code http.proxyUser}, {@code http.proxyPassword}).
   */
  static ProxySettings fromJvm(Properties jvm) {
    String nonProxyHosts = jvm.getProperty("http.nonProxyHosts", "");
    return new ProxySettings(fromJvm(jvm, "https", 443, nonProxyHosts), fromJvm(jvm, "http", 80, nonProxyHosts));
  }

  private static RegistryProxy fromJvm(Properties jvm, String scheme, int defaultPort, String nonProxyHosts) {
    String host = jvm.getProperty(scheme + ".proxyHost", "").trim();
    if (host.isEmpty()) {
      return null;
    }
    String portText = jvm.getProperty(scheme + ".proxyPort", "").trim();
    int port = defaultPort;
    if (!portText.isEmpty()) {
      try {
        port = Integer.parseInt(portText);
      } catch (NumberFormatException e) {
        port = -1;
      }
      if (port < 1 || port > 65535) {
        throw new BuilderException("the JVM property " + scheme + ".proxyPort must be a port number (1 to 65535), not '"
            + portText + "'");
      }
    }
    return new RegistryProxy(host, port, jvm.getProperty(scheme + ".proxyUser"),
        jvm.getProperty(scheme + ".proxyPassword"), patterns(nonProxyHosts), "the JVM property " + scheme
        + ".proxyHost");
  }

  /**
   * {@code https_proxy} or {@code HTTPS_PROXY}, {@code http_proxy} or {@code HTTP_PROXY} (the lower-case name first,
   * as curl reads them), each a URL {@code http://[user:password@]host[:port]} or just {@code host:port}, and
   * {@code no_proxy} or {@code NO_PROXY}: host names, domains ({@code .corp.example} or {@code corp.example}, which
   * include their subdomains), addresses, each optionally with {@code :port}, separated by commas; {@code *} for all.
   */
  static ProxySettings fromEnvironment(Map<String, String> environment) {
    List<String> noProxy = noProxy(variable(environment, "no_proxy"));
    return new ProxySettings(fromEnvironment(variable(environment, "https_proxy"), noProxy),
        fromEnvironment(variable(environment, "http_proxy"), noProxy));
  }

  private record Variable(String name, String value) {}

  private static Variable variable(Map<String, String> environment, String lowerCase) {
    for (String name : List.of(lowerCase, lowerCase.toUpperCase(Locale.ROOT))) {
      String value = environment.get(name);
      if (value != null && !value.isBlank()) {
        return new Variable(name, value.trim());
      }
    }
    return null;
  }

  private static RegistryProxy fromEnvironment(Variable variable, List<String> noProxy) {
    if (variable == null) {
      return null;
    }
    String text = variable.value().contains("://") ? variable.value() : "http://" + variable.value();
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      uri = null;
    }
    // the value may hold a password: the messages show the variable's name only
    if (uri == null || uri.getHost() == null) {
      throw new BuilderException("the environment variable " + variable.name() + " is not a proxy URL; write"
          + " http://host:port or http://user:password@host:port (with the user and password URL-encoded)");
    }
    if (!"http".equalsIgnoreCase(uri.getScheme())) {
      throw new BuilderException("the environment variable " + variable.name() + " names a " + uri.getScheme()
          + " proxy; builder speaks plain HTTP to proxies (as Maven does): write http://" + uri.getHost()
          + ":PORT, or leave it to another variable");
    }
    String user = null;
    String password = null;
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
      password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
    }
    return new RegistryProxy(uri.getHost(), uri.getPort() == -1 ? 80 : uri.getPort(), user, password, noProxy,
        "the environment variable " + variable.name());
  }

  private static String decode(String text) {
    return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** NO_PROXY's entries as non-proxy host patterns: a domain stands for itself and its subdomains. */
  private static List<String> noProxy(Variable variable) {
    List<String> patterns = new ArrayList<>();
    if (variable == null) {
      return patterns;
    }
    for (String entry : variable.value().split("[,\\s]+")) {
      String trimmed = entry.trim();
      if (trimmed.equals("*")) {
        patterns.add("*");
      } else if (!trimmed.isEmpty()) {
        String domain = trimmed.replaceFirst("^\\*?\\.", "");
        patterns.add(domain);
        patterns.add("*." + domain);
      }
    }
    return patterns;
  }

  /** Maven's and the JVM's non-proxy hosts: patterns separated by {@code |} (Maven also takes commas). */
  public static List<String> patterns(String nonProxyHosts) {
    List<String> patterns = new ArrayList<>();
    if (nonProxyHosts != null) {
      for (String pattern : nonProxyHosts.split("[|,]")) {
        if (!pattern.isBlank()) {
          patterns.add(pattern.trim());
        }
      }
    }
    return patterns;
  }

  private static RegistryProxy first(RegistryProxy... candidates) {
    for (RegistryProxy candidate : candidates) {
      if (candidate != null) {
        return candidate;
      }
    }
    return null;
  }
}
