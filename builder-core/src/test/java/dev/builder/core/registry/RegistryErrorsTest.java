package dev.builder.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.tools.jib.http.ResponseExceptions;
import dev.builder.core.BuilderException;
import java.security.cert.CertificateException;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class RegistryErrorsTest {
  private static final ImageName TARGET = ImageName.parse("registry.example/apps/orders:1.0");
  private static final Optional<Credentials> CI =
      Optional.of(new Credentials("ci-bot", "never-shown", "settings.xml <server> with id registry.example"));

  @Test
  void a403SaysTheUserIsKnownButMayNotDoIt() {
    BuilderException e = RegistryErrors.explain(RegistryErrors.PUSH, "upload blob 0123456789ab", TARGET, CI,
        ResponseExceptions.status(403));

    assertThat(e).hasMessage("registry registry.example refused to push registry.example/apps/orders (HTTP 403"
        + " Forbidden, while trying to upload blob 0123456789ab) with the credentials of user 'ci-bot' from"
        + " settings.xml <server> with id registry.example: the registry knows the user, but it may not push"
        + " apps/orders. Ask for that access on registry.example, or give credentials that have it.")
        .hasNoCause();
    assertThat(e.getMessage()).doesNotContain("never-shown");
  }

  @Test
  void aPullOfTheBaseNamesTheWholeReference() {
    BuilderException e = RegistryErrors.explain(RegistryErrors.PULL_BASE, null,
        ImageName.parse("registry.example/base/java:21"), Optional.empty(), ResponseExceptions.status(401));

    assertThat(e.getMessage()).startsWith("registry registry.example refused to pull base image"
        + " registry.example/base/java:21 (HTTP 401 Unauthorized) with no credentials");
  }

  @Test
  void anUntrustedCertificateSaysHowToTrustIt() {
    SSLHandshakeException handshake = new SSLHandshakeException("PKIX path building failed");
    handshake.initCause(new CertificateException("unable to find valid certification path to requested target"));

    BuilderException e = RegistryErrors.explain(RegistryErrors.PUSH, "verify its certificate", TARGET,
        Optional.empty(), handshake);

    assertThat(e.getMessage())
        .startsWith("cannot push registry.example/apps/orders (verify its certificate): registry registry.example"
            + " does not offer HTTPS that this JVM can verify (PKIX path building failed).")
        .contains("the caCertificates setting")
        .contains("javax.net.ssl.trustStore")
        .contains("the allowInsecureRegistries setting set to true");
    // a front end names its settings its own way: the core's message carries the setting, not Maven's spelling
    assertThat(e.message(setting -> "--" + setting.key())).contains("list the CA's PEM file in --caCertificates")
        .doesNotContain("{{").doesNotContain("<caCertificates>");
  }
}
