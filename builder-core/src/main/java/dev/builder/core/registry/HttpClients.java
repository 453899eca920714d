package dev.builder.core.registry;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.apache.v2.ApacheHttpTransport;
import com.google.api.client.util.SslUtils;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.http.FailoverHttpClient;
import com.google.cloud.tools.jib.http.TimedFailoverHttpClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.apache.http.HttpHost;
import org.apache.http.conn.socket.LayeredConnectionSocketFactory;
import org.apache.http.conn.ssl.NoopHostnameVerifier;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import org.apache.http.impl.client.HttpClientBuilder;
import org.apache.http.impl.conn.SystemDefaultRoutePlanner;
import org.apache.http.protocol.HttpContext;

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
 * <p>The transports are jib's own (Apache, the JVM's proxies, no redirects, no retries) with one difference: TLS is
 * set up at the first HTTPS connection, not when a transport is made. jib makes a transport per request, and
 * google-http-client's default builder makes an {@link SSLContext} at once, which reads the JVM's CA certificates:
 * about a tenth of a second of a push to a plain-HTTP registry on this machine, for TLS it never uses.
 */
final class HttpClients {
  private HttpClients() {}

  /**
   * A client that verifies HTTPS with {@code tls}, or with the JVM's default when {@code tls} is null.
   *
   * @param failover fall back to unverified HTTPS and then plain HTTP when verified HTTPS fails
   * @param authorizationOverHttp send credentials when it fell back to plain HTTP
   * @param timeout the connect timeout and read timeout of every request
   * @param memory with failover, the registries asked in plain HTTP first; null for none
   */
  static FailoverHttpClient create(boolean failover, boolean authorizationOverHttp, Consumer<LogEvent> log,
      SSLContext tls, Duration timeout, PlainHttpMemory memory) {
    LazyTls verified = new LazyTls(
        () -> tls == null ? SSLConnectionSocketFactory.getSystemSocketFactory() : verifying(tls));
    LazyTls unverified = new LazyTls(HttpClients::unverified);
    return new TimedFailoverHttpClient(failover, authorizationOverHttp, log, () -> transport(verified),
        () -> transport(unverified), timeout, memory);
  }

  /**
   * jib-core's secure transport with {@code tls} in place of the JVM-wide default: the JVM's {@code https.protocols}
   * and {@code https.cipherSuites}, and host name verification.
   */
  static LayeredConnectionSocketFactory verifying(SSLContext tls) {
    return new SSLConnectionSocketFactory(
        tls,
        split(System.getProperty("https.protocols")),
        split(System.getProperty("https.cipherSuites")),
        SSLConnectionSocketFactory.getDefaultHostnameVerifier());
  }

  /** jib-core's unverified HTTPS, used only where builder allows it (loopback, or insecure allowed). */
  private static LayeredConnectionSocketFactory unverified() {
    try {
      return new SSLConnectionSocketFactory(SslUtils.trustAllSSLContext(), new NoopHostnameVerifier());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM does not support TLS", e);
    }
  }

  /**
   * What {@code ApacheHttpTransport.newDefaultHttpClientBuilder()} makes (jib's choice: the JDK transport
   * mishandles error responses), a new one per request as jib asks, with {@code tls} for HTTPS.
   */
  private static HttpTransport transport(LayeredConnectionSocketFactory tls) {
    return new ApacheHttpTransport(
        HttpClientBuilder.create()
            .useSystemProperties()
            .setSSLSocketFactory(tls)
            .setMaxConnTotal(200)
            .setMaxConnPerRoute(20)
            .setConnectionTimeToLive(-1, TimeUnit.MILLISECONDS)
            .setRoutePlanner(new SystemDefaultRoutePlanner(ProxySelector.getDefault()))
            .disableRedirectHandling()
            .disableAutomaticRetries()
            .build());
  }

  private static String[] split(String commaSeparated) {
    return commaSeparated == null || commaSeparated.isBlank() ? null : commaSeparated.trim().split("\\s*,\\s*");
  }

  /** A TLS socket factory made at its first use, then shared by every transport of one client. */
  private static final class LazyTls implements LayeredConnectionSocketFactory {
    private final Supplier<LayeredConnectionSocketFactory> make;
    private LayeredConnectionSocketFactory made;

    LazyTls(Supplier<LayeredConnectionSocketFactory> make) {
      this.make = make;
    }

    private synchronized LayeredConnectionSocketFactory tls() {
      if (made == null) {
        made = make.get();
      }
      return made;
    }

    @Override
    public Socket createSocket(HttpContext context) throws IOException {
      return tls().createSocket(context);
    }

    @Override
    public Socket connectSocket(int connectTimeout, Socket socket, HttpHost host, InetSocketAddress remoteAddress,
        InetSocketAddress localAddress, HttpContext context) throws IOException {
      return tls().connectSocket(connectTimeout, socket, host, remoteAddress, localAddress, context);
    }

    @Override
    public Socket createLayeredSocket(Socket socket, String target, int port, HttpContext context)
        throws IOException {
      return tls().createLayeredSocket(socket, target, port, context);
    }
  }
}
