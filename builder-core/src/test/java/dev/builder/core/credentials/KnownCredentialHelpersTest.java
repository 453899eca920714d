package dev.builder.core.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builder.core.registry.Credentials;
import dev.builder.testing.CredentialHelperScript;
import dev.builder.testing.CredentialHelperScript.Credential;
import dev.builder.testing.RecordingListener;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnownCredentialHelpersTest {
  @TempDir Path tmp;

  @Test
  void cloudRegistriesHaveTheirDocumentedHelpers() {
    assertThat(KnownCredentialHelpers.helpersFor("gcr.io")).containsExactly("gcr", "gcloud");
    assertThat(KnownCredentialHelpers.helpersFor("eu.gcr.io")).containsExactly("gcr", "gcloud");
    assertThat(KnownCredentialHelpers.helpersFor("europe-west1-docker.pkg.dev")).containsExactly("gcr", "gcloud");
    assertThat(KnownCredentialHelpers.helpersFor("123456789012.dkr.ecr.us-east-1.amazonaws.com"))
        .containsExactly("ecr-login");
    assertThat(KnownCredentialHelpers.helpersFor("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn"))
        .containsExactly("ecr-login");
    assertThat(KnownCredentialHelpers.helpersFor("public.ecr.aws")).containsExactly("ecr-login");
    assertThat(KnownCredentialHelpers.helpersFor("acme.azurecr.io")).containsExactly("acr-env");
    assertThat(KnownCredentialHelpers.helpersFor("ghcr.io")).isEmpty();
    assertThat(KnownCredentialHelpers.helpersFor("s3.amazonaws.com")).isEmpty();
    assertThat(KnownCredentialHelpers.helpersFor("notgcr.io")).isEmpty();
  }

  @Test
  void aKnownHelperOnThePathIsAsked() {
    String ecr = "123456789012.dkr.ecr.us-east-1.amazonaws.com";
    Path bin = tmp.resolve("bin");
    CredentialHelperScript.write(bin, "ecr-login", Map.of(ecr, new Credential("AWS", "ecr-token")));
    RecordingListener listener = new RecordingListener();
    KnownCredentialHelpers helpers = new KnownCredentialHelpers(Map.of("PATH", bin.toString()), listener);

    assertThat(helpers.find(ecr)).hasValueSatisfying(c -> {
      assertThat(c.username()).isEqualTo("AWS");
      assertThat(c.source()).isEqualTo("credential helper docker-credential-ecr-login (on the PATH, known for " + ecr + ")");
    });
    assertThat(helpers.find("ghcr.io")).isEmpty();
    assertThat(new KnownCredentialHelpers(Map.of("PATH", tmp.resolve("empty").toString()), listener).find(ecr))
        .isEmpty();
  }

  @Test
  void aKnownHelperThatFailsIsReportedAndSkipped() {
    Path bin = tmp.resolve("bin");
    CredentialHelperScript.writeExecutable(bin.resolve("docker-credential-gcr"),
        "#!/bin/sh\ncat >/dev/null\necho 'not logged in' >&2\nexit 1\n");
    CredentialHelperScript.write(bin, "gcloud", Map.of("gcr.io", new Credential("oauth2accesstoken", "ya29")));
    RecordingListener listener = new RecordingListener();

    Credentials found = new KnownCredentialHelpers(Map.of("PATH", bin.toString()), listener).find("gcr.io").orElseThrow();

    assertThat(found.username()).isEqualTo("oauth2accesstoken");
    assertThat(listener.warnings()).singleElement().asString().contains("docker-credential-gcr")
        .contains("exit code 1").doesNotContain("not logged in"); // a helper's output may hold a secret
  }
}
