package dev.builder.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.builder.core.BuilderException;
import dev.builder.testing.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustedCertificatesTest {
  @TempDir Path tmp;

  @Test
  void readsTheCaOfAPemFile() {
    TestCertificates certificates = TestCertificates.create(tmp);

    List<X509Certificate> read = TrustedCertificates.read(certificates.caCertificate());

    assertThat(read).singleElement().satisfies(c ->
        assertThat(c.getSubjectX500Principal().getName()).isEqualTo("CN=builder test CA"));
  }

  @Test
  void theAnchorsAreTheJvmsAndTheGivenCas() throws Exception {
    TestCertificates certificates = TestCertificates.create(tmp);

    KeyStore anchors = TrustedCertificates.trustAnchors(List.of(certificates.caCertificate()));

    List<Certificate> all = Collections.list(anchors.aliases()).stream().map(a -> {
      try {
        return anchors.getCertificate(a);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).toList();
    X509Certificate[] jvm = TrustedCertificates.jvmAnchors();
    assertThat(jvm).isNotEmpty();
    assertThat(all).hasSize(jvm.length + 1).contains(jvm).contains(TrustedCertificates.read(certificates.caCertificate()).get(0));
  }

  @Test
  void aMissingFileSaysWhatTheListIsFor() {
    assertThatThrownBy(() -> TrustedCertificates.read(tmp.resolve("nope.pem")))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("nope.pem does not exist; the caCertificates setting lists PEM files");
  }

  @Test
  void aFileThatIsNoCertificateSaysSo() throws Exception {
    Path text = Files.writeString(tmp.resolve("ca.pem"), "hello\n");

    assertThatThrownBy(() -> TrustedCertificates.read(text))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("ca.pem");
  }
}
