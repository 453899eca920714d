package dev.builder.core.registry;

import com.google.api.client.http.javanet.ConnectionFactory;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URL;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

/**
 * Opens the JDK connections of registry requests (jib's, builder's, token requests, the TLS check), each directly or
 * through the proxy {@link ProxySettings} picks for its URL, with the TLS socket factory given here. The JVM's own
 * proxy selection is bypassed ({@link Proxy#NO_PROXY}), since builder has already applied the JVM's proxy properties
 * in their place among the other sources.
 */
final class ProxyConnections implements ConnectionFactory {
  private final ProxySettings proxies;
  private final SSLSocketFactory tls;
  private final Announcer announcer;
  private final Map<RegistryProxy, ProxyTunnel> tunnels = new ConcurrentHashMap<>();

  ProxyConnections(ProxySettings proxies, SSLSocketFactory tls, Announcer announcer) {
    this.proxies = proxies;
    this.tls = tls;
    this.announcer = announcer;
  }

  @Override
  public HttpURLConnection openConnection(URL url) throws IOException {
    int port = url.getPort() != -1 ? url.getPort() : url.getDefaultPort();
    Optional<RegistryProxy> proxy = proxies.forTarget(url.getProtocol(), url.getHost(), port);
    proxy.ifPresent(p -> announcer.using(url.getProtocol() + "://" + RegistryProxy.authority(url.getHost(), port), p));
    if ("https".equals(url.getProtocol())) {
      HttpsURLConnection connection = (HttpsURLConnection) url.openConnection(Proxy.NO_PROXY);
      // the same factory for every connection through one proxy, so the JDK keeps those connections alive
      connection.setSSLSocketFactory(proxy.<SSLSocketFactory>map(p -> tunnels.computeIfAbsent(p,
          k -> new ProxyTunnel(k, tls))).orElse(tls));
      return connection;
    }
    if (proxy.isEmpty()) {
      return (HttpURLConnection) url.openConnection(Proxy.NO_PROXY);
    }
    // plain HTTP (an insecure registry): an absolute request to the proxy, which the JDK makes itself
    RegistryProxy p = proxy.get();
    HttpURLConnection connection =
        (HttpURLConnection) url.openConnection(new Proxy(Proxy.Type.HTTP, new InetSocketAddress(p.host(), p.port())));
    p.basicAuthorization().ifPresent(value -> connection.setRequestProperty("Proxy-Authorization", value));
    return connection;
  }

  /** Says once per registry (or token service) which proxy reaches it. */
  static final class Announcer {
    private final Consumer<String> log;
    private final Set<String> announced = ConcurrentHashMap.newKeySet();

    Announcer(Consumer<String> log) {
      this.log = log;
    }

    void using(String target, RegistryProxy proxy) {
      if (announced.add(target + " " + proxy.address())) {
        log.accept("reaching " + target + " through proxy " + proxy);
      }
    }
  }
}
