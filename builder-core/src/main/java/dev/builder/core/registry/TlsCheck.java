package dev.builder.core.registry;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.security.NoSuchAlgorithmException;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * One TLS handshake with a registry before jib-core's first request, so that a certificate this JVM cannot verify
 * fails the build at once. jib retries every failed HTTPS request ten times with back-off, about a minute, before it
 * reports the same certificate error. Any other failure is left to jib, whose retries are for exactly those.
 */
final class TlsCheck {
  private static final int TIMEOUT_MILLIS = 10_000;

  private TlsCheck() {}

  /**
   * @param tls the context builder verifies with, or null for the JVM's default
   * @throws SSLException when the registry's certificate is not trusted or does not name it
   */
  static void verify(String registry, SSLContext tls) throws SSLException {
    HttpsURLConnection connection;
    try {
      connection = (HttpsURLConnection) new URL("https://" + registry + "/v2/").openConnection();
      connection.setSSLSocketFactory((tls != null ? tls : SSLContext.getDefault()).getSocketFactory());
    } catch (IOException | NoSuchAlgorithmException e) {
      return; // nothing to check with; jib will report what is wrong
    }
    connection.setConnectTimeout(TIMEOUT_MILLIS);
    connection.setReadTimeout(TIMEOUT_MILLIS);
    connection.setInstanceFollowRedirects(false);
    try {
      connection.getResponseCode(); // 200 or 401 alike: the handshake is what is checked
    } catch (SSLException e) {
      throw e;
    } catch (IOException notAboutTls) {
      // refused, unknown host, a proxy's answer: jib's own requests report these
    } finally {
      ((HttpURLConnection) connection).disconnect();
    }
  }
}
