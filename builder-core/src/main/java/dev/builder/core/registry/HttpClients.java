package dev.builder.core.registry;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.apache.v2.ApacheHttpTransport;
import com.google.api.client.util.SslUtils;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.http.FailoverHttpClient;
import com.google.cloud.tools.jib.http.TimedFailoverHttpClient;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.apache.http.conn.ssl.NoopHostnameVerifier;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;

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
    if (tls == null) {
      return new TimedFailoverHttpClient(failover, authorizationOverHttp, log, timeout, memory);
    }
    Supplier<HttpTransport> secure = () -> verifying(tls);
    Supplier<HttpTransport> insecure = HttpClients::unverified;
    return new TimedFailoverHttpClient(failover, authorizationOverHttp, log, secure, insecure, timeout, memory);
  }

  /**
   * What jib-core's own secure transport is, with {@code tls} in place of the JVM-wide default: an Apache transport
   * (jib avoids the JDK one, which mishandles error responses), a new one per request as jib asks, the JVM's
   * {@code https.protocols} and {@code https.cipherSuites}, and host name verification.
   */
  static HttpTransport verifying(SSLContext tls) {
    SSLConnectionSocketFactory sockets =
        new SSLConnectionSocketFactory(
            tls,
            split(System.getProperty("https.protocols")),
            split(System.getProperty("https.cipherSuites")),
            SSLConnectionSocketFactory.getDefaultHostnameVerifier());
    return new ApacheHttpTransport(ApacheHttpTransport.newDefaultHttpClientBuilder().setSSLSocketFactory(sockets).build());
  }

  /** jib-core's transport for unverified HTTPS, used only where builder allows it (loopback, or insecure allowed). */
  private static HttpTransport unverified() {
    try {
      return new ApacheHttpTransport(
          ApacheHttpTransport.newDefaultHttpClientBuilder()
              .setSSLSocketFactory(null)
              .setSSLContext(SslUtils.trustAllSSLContext())
              .setSSLHostnameVerifier(new NoopHostnameVerifier())
              .build());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM does not support TLS", e);
    }
  }

  private static String[] split(String commaSeparated) {
    return commaSeparated == null || commaSeparated.isBlank() ? null : commaSeparated.trim().split("\\s*,\\s*");
  }
}
