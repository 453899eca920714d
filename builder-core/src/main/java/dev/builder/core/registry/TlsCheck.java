package dev.builder.core.registry;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * One TLS handshake with a registry before jib-core's first request, so that a certificate this JVM cannot verify
 * fails the build at once, with the message about certificates, before anything else is tried. (It was written when
 * jib-core retried every failed HTTPS request for about a minute; builder has since turned those retries off, see
 * {@code TimedFailoverHttpClient}.) Any other failure is left to the requests that follow, whose retries are for
 * exactly those.
 */
final class TlsCheck {
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private TlsCheck() {}

  /**
   * @param tls the context builder verifies with, or null for the JVM's default
   * @throws SSLException when the registry's certificate is not trusted or does not name it
   * @throws SocketTimeoutException when the registry did not answer in time: it is not tried again
   */
  static void verify(String registry, SSLContext tls) throws SSLException, SocketTimeoutException {
    verify(registry, tls, DEFAULT_TIMEOUT);
  }

  /** As above, waiting at most {@code timeout} (the registry timeout) to connect and for each answer. */
  static void verify(String registry, SSLContext tls, Duration timeout) throws SSLException, SocketTimeoutException {
    verify(registry, tls, timeout, ProxySettings.NONE, new ProxyConnections.Announcer(line -> {}));
  }

  /** As above, through the proxy that {@code proxies} picks for the registry, as its requests will go. */
  static void verify(String registry, SSLContext tls, Duration timeout, ProxySettings proxies,
      ProxyConnections.Announcer announcer) throws SSLException, SocketTimeoutException {
    HttpURLConnection connection;
    try {
      connection = new ProxyConnections(proxies, (tls != null ? tls : SSLContext.getDefault()).getSocketFactory(),
          announcer).openConnection(new URL("https://" + registry + "/v2/"));
    } catch (IOException | NoSuchAlgorithmException e) {
      return; // nothing to check with; jib will report what is wrong
    }
    connection.setConnectTimeout((int) timeout.toMillis());
    connection.setReadTimeout((int) timeout.toMillis());
    connection.setInstanceFollowRedirects(false);
    try {
      connection.getResponseCode(); // 200 or 401 alike: the handshake is what is checked
    } catch (SSLException | SocketTimeoutException e) {
      throw e;
    } catch (IOException notAboutTls) {
      // refused, unknown host, a proxy's refusal: jib's own requests report these
    } finally {
      connection.disconnect();
    }
  }
}
