package dev.builder.core.registry;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.builder.testing.RegistryServer;
import dev.builder.testing.TestCertificates;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("registry")
class TlsCheckTest {
  @TempDir static Path tmp;
  private static TestCertificates certificates;
  private static RegistryServer tlsRegistry;
  private static RegistryServer plainRegistry;

  @BeforeAll
  static void start() throws Exception {
    certificates = TestCertificates.create(tmp);
    tlsRegistry = RegistryServer.builder().withTls(certificates).withHtpasswd("u", "p").start();
    plainRegistry = RegistryServer.start();
  }

  @AfterAll
  static void stop() {
    tlsRegistry.close();
    plainRegistry.close();
  }

  @Test
  void aCertificateFromAnUntrustedCaFailsAtOnce() {
    assertThatThrownBy(() -> TlsCheck.verify(tlsRegistry.host(), null)).isInstanceOf(SSLException.class);
  }

  @Test
  void withItsCaTheHandshakePassesAndA401IsNoConcernOfThisCheck() throws Exception {
    TlsCheck.verify(tlsRegistry.host(), TrustedCertificates.context(List.of(certificates.caCertificate())));
  }

  @Test
  void whatIsNotAboutTlsIsLeftToJib() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    TlsCheck.verify("127.0.0.1:" + closed, null); // refused: no exception here
  }

  @Test
  void aRegistryThatDoesNotAnswerTheHandshakeInTimeIsDown() throws Exception {
    try (dev.builder.testing.SilentServer silent = dev.builder.testing.SilentServer.start()) {
      assertThatThrownBy(() -> TlsCheck.verify(silent.host(), null, java.time.Duration.ofSeconds(1)))
          .isInstanceOf(java.net.SocketTimeoutException.class);
    }
  }
}
