package dev.builder.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.tools.jib.http.FailoverHttpClient;
import com.google.cloud.tools.jib.http.Request;
import com.google.cloud.tools.jib.http.Response;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.builder.testing.RegistryServer;
import dev.builder.testing.TestCertificates;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jib-core's client built with builder's TLS context verifies a registry signed by a private CA, and only with it:
 * this also pins the package-private jib-core constructor that {@link HttpClients} reaches from jib's package.
 */
@Tag("registry")
class HttpClientsTest {
  @TempDir static Path tmp;
  private static TestCertificates certificates;
  private static RegistryServer registry;

  @BeforeAll
  static void start() throws Exception {
    certificates = TestCertificates.create(tmp.resolve("certs"));
    registry = RegistryServer.builder().withTls(certificates).start();
  }

  @AfterAll
  static void stop() {
    registry.close();
  }

  private static int status(FailoverHttpClient client) throws Exception {
    try (Response response = client.get(new URL("https://" + registry.host() + "/v2/"), Request.builder().build())) {
      return response.getStatusCode();
    } finally {
      client.shutDown();
    }
  }

  @Test
  void withTheCaTheRegistryIsVerified() throws Exception {
    FailoverHttpClient client =
        HttpClients.create(false, false, e -> {}, TrustedCertificates.context(List.of(certificates.caCertificate())),
            RegistryOptions.DEFAULT_TIMEOUT, null);

    assertThat(status(client)).isEqualTo(200);
  }

  @Test
  void withoutTheCaTheClientRefusesTheRegistry() {
    // TLS is set up at the first HTTPS connection, not when the client is made: it must verify all the same
    FailoverHttpClient client = HttpClients.create(false, false, e -> {}, null, RegistryOptions.DEFAULT_TIMEOUT, null);

    assertThatThrownBy(() -> status(client)).isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void oneClientAsksAPlainHttpRegistryAndThenVerifiesATlsOne() throws Exception {
    try (RegistryServer plain = RegistryServer.builder().start()) {
      FailoverHttpClient client = HttpClients.create(true, false, e -> {},
          TrustedCertificates.context(List.of(certificates.caCertificate())), RegistryOptions.DEFAULT_TIMEOUT, null);
      try (Response response = client.get(new URL("http://" + plain.host() + "/v2/"), Request.builder().build())) {
        assertThat(response.getStatusCode()).isEqualTo(200);
      }

      assertThat(status(client)).isEqualTo(200);
    }
  }

  @Test
  void aCertificateSignedByTheCaForAnotherHostIsRefused() throws Exception {
    TestCertificates elsewhere = TestCertificates.forAnotherHost(tmp.resolve("elsewhere"), "registry.example");
    // a bare HTTPS server: a registry's readiness check would refuse the certificate itself
    HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(elsewhere.serverContext()));
    server.createContext("/", exchange -> {
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.start();
    try {
      FailoverHttpClient client = HttpClients.create(false, false, e -> {},
          TrustedCertificates.context(List.of(elsewhere.caCertificate())), RegistryOptions.DEFAULT_TIMEOUT, null);
      URL url = new URL("https://127.0.0.1:" + server.getAddress().getPort() + "/v2/");

      assertThatThrownBy(() -> client.get(url, Request.builder().build()))
          .isInstanceOf(SSLHandshakeException.class)
          .hasMessageContaining("127.0.0.1");
    } finally {
      server.stop(0);
    }
  }

  // The refusals are checked with a bare TLS handshake, so that they test the TLS context and nothing of jib.

  @Test
  void theJvmDefaultsAloneDoNotTrustThePrivateCa() throws Exception {
    assertThatThrownBy(() -> handshake(SSLContext.getDefault())).isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void aContextWithNoExtraFilesTrustsWhatTheJvmTrustsAndNoMore() {
    assertThatThrownBy(() -> handshake(TrustedCertificates.context(List.of())))
        .isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void theContextWithTheCaCompletesTheHandshake() throws Exception {
    handshake(TrustedCertificates.context(List.of(certificates.caCertificate())));
  }

  private static void handshake(SSLContext context) throws Exception {
    String[] hostPort = registry.host().split(":");
    try (SSLSocket socket = (SSLSocket) context.getSocketFactory()
        .createSocket(hostPort[0], Integer.parseInt(hostPort[1]))) {
      socket.startHandshake();
    }
  }
}
