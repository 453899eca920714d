package dev.builder.core.registry;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.util.SslUtils;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.http.FailoverHttpClient;
import com.google.cloud.tools.jib.http.TimedFailoverHttpClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * Makes jib-core's HTTP clients, with the JVM's TLS settings or with a TLS context of builder's own, and always with
 * builder's timeout and without jib's own retries (see {@link TimedFailoverHttpClient}).
 *
 * <p>jib-core's public {@link FailoverHttpClient} constructor always verifies HTTPS with the JVM-wide default
 * context ({@code SSLSocketFactory.getDefault()}). The only ways to add a private registry CA are then to change that
 * JVM-wide default ({@code SSLContext.setDefault}), which would change TLS for Maven and every other plugin in the
 * build, or to give jib the transports to use, which jib-core 0.28.1 takes only in a package-private constructor.
 * {@link TimedFailoverHttpClient}, in jib's package, calls it; jib-core's version is pinned, and a change to that
 * constructor fails the compilation of builder-core.
 *
 * <p>The transports are google-http-client's JDK transport ({@code HttpURLConnection}: HTTPS verified with host
 * names checked as the JDK does; proxies as {@link ProxyConnections} picks them), not the Apache HttpClient transport
 * jib makes. jib needs Apache for the PATCH of its chunked uploads, which {@code HttpURLConnection} cannot send;
 * builder's requests are GET, HEAD, POST and PUT. The first request through Apache's client costs a new JVM about
 * 0.2 s more (some 370 classes of Apache HttpClient and its logging and codecs), in every build. TLS is set up at the
 * first HTTPS connection, not when a client is made, so a push to a plain-HTTP registry never reads the JVM's CA
 * certificates.
 */
final class HttpClients {
  private HttpClients() {}

  /**
   * A client that verifies HTTPS with {@code tls}, or with the JVM's default when {@code tls} is null, and reaches
   * every registry directly.
   *
   * @param failover fall back to unverified HTTPS and then plain HTTP when verified HTTPS fails
   * @param authorizationOverHttp send credentials when it fell back to plain HTTP
   * @param timeout the connect timeout and read timeout of every request
   * @param memory with failover, the registries asked in plain HTTP first; null for none
   */
  static FailoverHttpClient create(boolean failover, boolean authorizationOverHttp, Consumer<LogEvent> log,
      SSLContext tls, Duration timeout, PlainHttpMemory memory) {
    return create(failover, authorizationOverHttp, log, tls, timeout, memory, ProxySettings.NONE,
        new ProxyConnections.Announcer(line -> {}));
  }

  /** As above, reaching registries through the proxies that {@code proxies} picks for them. */
  static FailoverHttpClient create(boolean failover, boolean authorizationOverHttp, Consumer<LogEvent> log,
      SSLContext tls, Duration timeout, PlainHttpMemory memory, ProxySettings proxies,
      ProxyConnections.Announcer announcer) {
    // no host name verifier: HttpsURLConnection's own check of the host name against the certificate
    HttpTransport verified = transport(new ProxyConnections(proxies, verifiedTls(tls), announcer), null);
    HttpTransport unverified = transport(new ProxyConnections(proxies, new LazyTls(HttpClients::trustAll), announcer),
        SslUtils.trustAllHostnameVerifier());
    return new TimedFailoverHttpClient(failover, authorizationOverHttp, log, () -> verified, () -> unverified,
        timeout, memory);
  }

  /** HTTPS verified with {@code tls}, or with the JVM's default when it is null, set up at its first use. */
  static SSLSocketFactory verifiedTls(SSLContext tls) {
    return new LazyTls(() -> tls == null ? (SSLSocketFactory) SSLSocketFactory.getDefault() : tls.getSocketFactory());
  }

  /** Unverified HTTPS, used only where builder allows it (loopback, or insecure allowed). */
  private static SSLSocketFactory trustAll() {
    try {
      return SslUtils.trustAllSSLContext().getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM does not support TLS", e);
    }
  }

  /**
   * One transport serves every request of a client: it holds no connection, only how to open one. The connections
   * come with their TLS socket factory set, so the transport has none of its own to put in its place.
   */
  private static HttpTransport transport(ProxyConnections connections, HostnameVerifier hostnames) {
    return new NetHttpTransport.Builder().setConnectionFactory(connections).setHostnameVerifier(hostnames).build();
  }

  /** A TLS socket factory made at its first use. */
  private static final class LazyTls extends SSLSocketFactory {
    private final Supplier<SSLSocketFactory> make;
    private SSLSocketFactory made;

    LazyTls(Supplier<SSLSocketFactory> make) {
      this.make = make;
    }

    private synchronized SSLSocketFactory tls() {
      if (made == null) {
        made = make.get();
      }
      return made;
    }

    @Override
    public String[] getDefaultCipherSuites() {
      return tls().getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return tls().getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
      return tls().createSocket();
    }

    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
      return tls().createSocket(socket, host, port, autoClose);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return tls().createSocket(host, port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
      return tls().createSocket(host, port, localHost, localPort);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return tls().createSocket(host, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
        throws IOException {
      return tls().createSocket(address, port, localAddress, localPort);
    }
  }
}
