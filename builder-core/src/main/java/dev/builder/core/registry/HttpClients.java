package dev.builder.core.registry;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.apache.v2.ApacheHttpTransport;
import com.google.api.client.util.SslUtils;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.http.FailoverHttpClient;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.security.GeneralSecurityException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.apache.http.conn.ssl.NoopHostnameVerifier;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;

/**
 * Makes jib-core's HTTP clients, with the JVM's TLS settings or with a TLS context of builder's own.
 *
 * <p>jib-core's public {@link FailoverHttpClient} constructor always verifies HTTPS with the JVM-wide default
 * context ({@code SSLSocketFactory.getDefault()}). The only ways to add a private registry CA are then to change that
 * JVM-wide default ({@code SSLContext.setDefault}), which would change TLS for Maven and every other plugin in the
 * build, or to give jib the transports to use. jib-core 0.28.1 takes transports only in a package-private
 * constructor, and its {@code Response} and {@code ResponseException} have package-private constructors too, so
 * neither a subclass nor a wrapper can stand in for it. builder therefore calls that one constructor by reflection,
 * and only when {@code <caCertificates>} are given: the default path uses the public constructor. jib-core's version
 * is pinned, and {@code HttpClientsTest} fails at once if the constructor changes.
 */
final class HttpClients {
  private HttpClients() {}

  /**
   * A client that verifies HTTPS with {@code tls}, or with the JVM's default when {@code tls} is null.
   *
   * @param failover fall back to unverified HTTPS and then plain HTTP when verified HTTPS fails
   * @param authorizationOverHttp send credentials when it fell back to plain HTTP
   */
  static FailoverHttpClient create(
      boolean failover, boolean authorizationOverHttp, Consumer<LogEvent> log, SSLContext tls) {
    if (tls == null) {
      return new FailoverHttpClient(failover, authorizationOverHttp, log);
    }
    Supplier<HttpTransport> secure = () -> verifying(tls);
    Supplier<HttpTransport> insecure = HttpClients::unverified;
    try {
      Constructor<FailoverHttpClient> constructor =
          FailoverHttpClient.class.getDeclaredConstructor(
              boolean.class, boolean.class, Consumer.class, Supplier.class, Supplier.class, boolean.class);
      constructor.setAccessible(true);
      return constructor.newInstance(failover, authorizationOverHttp, log, secure, insecure, true);
    } catch (NoSuchMethodException | IllegalAccessException | InstantiationException | RuntimeException e) {
      throw new IllegalStateException(
          "this jib-core has no FailoverHttpClient(boolean, boolean, Consumer, Supplier, Supplier, boolean);"
              + " builder needs jib-core 0.28.1 to use <caCertificates>", e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("jib-core could not make its HTTP client", e.getCause());
    }
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
