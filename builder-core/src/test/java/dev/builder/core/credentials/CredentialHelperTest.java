package dev.builder.core.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.builder.core.BuilderException;
import dev.builder.testing.CredentialHelperScript;
import dev.builder.testing.CredentialHelperScript.Credential;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialHelperTest {
  @TempDir Path tmp;

  @Test
  void asksWithTheServerOnStandardInputAndReadsTheAnswer() throws Exception {
    Path script = CredentialHelperScript.write(tmp, "test", Map.of("reg.example:5000", new Credential("carol", "s3")));
    CredentialHelper helper = new CredentialHelper(script, "credential helper docker-credential-test (a test)");

    assertThat(helper.find("reg.example:5000")).hasValueSatisfying(c -> {
      assertThat(c.username()).isEqualTo("carol");
      assertThat(c.password()).isEqualTo("s3");
      assertThat(c.source()).isEqualTo("credential helper docker-credential-test (a test)");
    });
    assertThat(Files.readString(tmp.resolve("test.calls"))).isEqualTo("reg.example:5000\n");
    assertThat(helper.name()).isEqualTo("docker-credential-test");
  }

  @Test
  void notFoundIsNoCredentialsNotAFailure() {
    Path script = CredentialHelperScript.write(tmp, "test", Map.of("reg.example", new Credential("u", "p")));

    assertThat(new CredentialHelper(script, "t").find("other.example")).isEmpty();
  }

  @Test
  void dockerHubIsAskedForUnderItsLoginServer() throws Exception {
    Path script = CredentialHelperScript.write(tmp, "hub", Map.of("https://index.docker.io/v1/", new Credential("h", "p")));

    assertThat(new CredentialHelper(script, "t").find("registry-1.docker.io")).isPresent();
  }

  @Test
  void aFailingHelperIsReportedWithoutWhatItPrinted() {
    Path script = CredentialHelperScript.writeExecutable(tmp.resolve("docker-credential-broken"),
        "#!/bin/sh\ncat >/dev/null\necho '{\"Username\":\"u\",\"Secret\":\"leaked-secret\"}'\n"
            + "echo 'curl https://u:stderr-secret@auth.example failed' >&2\nexit 3\n");

    assertThatThrownBy(() -> new CredentialHelper(script, "credential helper docker-credential-broken").find("r.example"))
        .isInstanceOf(BuilderException.class)
        .hasMessage("credential helper docker-credential-broken failed for registry r.example (exit code 3); its"
            + " output is not shown, as it may hold a secret. Run 'docker-credential-broken get' with r.example on"
            + " its input to see why.")
        .hasNoCause();
  }

  @Test
  void aFailingHelpersShortAnswerWithoutASecretIsNotQuotedEither() {
    Path script = CredentialHelperScript.writeExecutable(tmp.resolve("docker-credential-short"),
        "#!/bin/sh\ncat >/dev/null\necho 'password=stdout-secret'\nexit 1\n");

    assertThatThrownBy(() -> new CredentialHelper(script, "helper short").find("r.example"))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("helper short failed for registry r.example (exit code 1)")
        .hasMessageNotContaining("stdout-secret");
  }

  @Test
  void anAnswerThatIsNotJsonIsNotQuoted() {
    Path script = CredentialHelperScript.writeExecutable(tmp.resolve("docker-credential-odd"),
        "#!/bin/sh\ncat >/dev/null\necho 'Secret: plain-secret'\n");

    assertThatThrownBy(() -> new CredentialHelper(script, "helper odd").find("r.example"))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("something other than the JSON of the credential-helper protocol")
        .hasMessageNotContaining("plain-secret");
  }

  @Test
  void aHelperThatHangsIsStopped() {
    Path script = CredentialHelperScript.writeExecutable(tmp.resolve("docker-credential-slow"),
        "#!/bin/sh\nexec sleep 600\n");

    assertThatThrownBy(() -> new CredentialHelper(script, "helper slow", Duration.ofMillis(300)).find("r.example"))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("helper slow did not answer for registry r.example within");
  }

  @Test
  void aMissingProgramIsACleanError() {
    assertThatThrownBy(() -> new CredentialHelper(tmp.resolve("docker-credential-none"), "helper none").find("r"))
        .isInstanceOf(BuilderException.class)
        .hasMessageStartingWith("cannot run helper none");
  }

  @Test
  void aHelperNamedByTheUserIsFoundOnThePathOrByItsPath() {
    Path bin = tmp.resolve("bin");
    Path script = CredentialHelperScript.write(bin, "corp", Map.of("r", new Credential("u", "p")));
    Map<String, String> environment = Map.of("PATH", bin.toString());

    assertThat(CredentialHelper.named("corp", environment, "<auth><to><helper>").executable()).isEqualTo(script);
    assertThat(CredentialHelper.named("docker-credential-corp", environment, "x").executable()).isEqualTo(script);
    assertThat(CredentialHelper.named(script.toString(), Map.of(), "x").executable()).isEqualTo(script);
    assertThat(CredentialHelper.named("corp", environment, "<auth><to><helper>").source())
        .isEqualTo("credential helper docker-credential-corp (<auth><to><helper>)");
    assertThatThrownBy(() -> CredentialHelper.named("nothere", environment, "<auth><from><helper>"))
        .isInstanceOf(BuilderException.class)
        .hasMessage("<auth><from><helper> names the credential helper \"nothere\", but docker-credential-nothere is"
            + " not on the PATH. Install it, or give the helper's full path.");
  }
}
