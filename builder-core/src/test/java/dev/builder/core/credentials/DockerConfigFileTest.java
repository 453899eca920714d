package dev.builder.core.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.builder.core.BuilderException;
import dev.builder.core.registry.Credentials;
import dev.builder.testing.CredentialHelperScript;
import dev.builder.testing.CredentialHelperScript.Credential;
import dev.builder.testing.RecordingListener;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerConfigFileTest {
  @TempDir Path tmp;
  private Path bin;
  private Path file;
  private final RecordingListener listener = new RecordingListener();

  @BeforeEach
  void setUp() {
    bin = tmp.resolve("bin");
    file = tmp.resolve("docker/config.json");
  }

  private DockerConfigFile source(String json) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, json);
    return new DockerConfigFile(file, "Docker config", Map.of("PATH", "/nonexistent:" + bin), listener);
  }

  private static String auth(String userColonPassword) {
    return Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void authsGiveCredentialsNamedByTheFile() throws Exception {
    DockerConfigFile source = source("{\"auths\":{\"reg.example\":{\"auth\":\"" + auth("dave:pw") + "\"}}}");

    assertThat(source.find("reg.example")).hasValueSatisfying(c -> {
      assertThat(c.username()).isEqualTo("dave");
      assertThat(c.source()).isEqualTo("auths in Docker config " + file);
    });
  }

  @Test
  void credHelpersComeBeforeAuthsAndRunFromThePathGiven() throws Exception {
    CredentialHelperScript.write(bin, "pass", Map.of("reg.example", new Credential("from-helper", "h")));
    DockerConfigFile source = source("{\"credHelpers\":{\"reg.example\":\"pass\"},"
        + "\"auths\":{\"reg.example\":{\"auth\":\"" + auth("from-auths:a") + "\"}}}");

    Credentials found = source.find("reg.example").orElseThrow();

    assertThat(found.username()).isEqualTo("from-helper");
    assertThat(found.source())
        .isEqualTo("credential helper docker-credential-pass (credHelpers in Docker config " + file + ")");
  }

  @Test
  void aCredHelperThatIsNotInstalledIsAnErrorThatSaysSo() throws Exception {
    DockerConfigFile source = source("{\"credHelpers\":{\"reg.example\":\"missing\"}}");

    assertThatThrownBy(() -> source.find("reg.example"))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("names the credential helper \"missing\" in credHelpers, but docker-credential-missing"
            + " is not on the PATH");
    assertThat(source.find("other.example")).isEmpty(); // other registries are not affected
  }

  @Test
  void credsStoreServesEveryRegistryAndAMissingStoreIsOnlyAWarning() throws Exception {
    CredentialHelperScript.write(bin, "store", Map.of("reg.example", new Credential("stored", "s")));
    DockerConfigFile withStore = source("{\"credsStore\":\"store\",\"auths\":{\"reg.example\":{}}}");

    assertThat(withStore.find("reg.example")).map(Credentials::username).hasValue("stored");
    assertThat(withStore.find("public.example")).isEmpty();

    DockerConfigFile missingStore = source("{\"credsStore\":\"desktop\",\"auths\":{\"reg.example\":{\"auth\":\""
        + auth("fallback:f") + "\"}}}");
    assertThat(missingStore.find("reg.example")).map(Credentials::username).hasValue("fallback");
    assertThat(missingStore.find("another.example")).isEmpty();
    assertThat(listener.warnings()).singleElement().asString()
        .contains("docker-credential-desktop is not on the PATH").endsWith("builder goes on without it");
  }

  @Test
  void aMissingFileHasNothing() {
    DockerConfigFile source = new DockerConfigFile(tmp.resolve("none.json"), "Docker config", Map.of(), listener);

    assertThat(source.find("reg.example")).isEmpty();
    assertThat(listener.lines).isEmpty();
  }

  @Test
  void aBrokenFileIsReportedOnceAndThenHasNothing() throws Exception {
    DockerConfigFile source = source("{\"auths\": {\"reg.example\": {\"auth\": hunter2}}}");

    assertThat(source.find("reg.example")).isEmpty();
    assertThat(source.find("other.example")).isEmpty();
    assertThat(listener.warnings()).singleElement().asString()
        .startsWith("Docker config " + file + " is not valid JSON (line 1")
        .doesNotContain("hunter2");
  }
}
