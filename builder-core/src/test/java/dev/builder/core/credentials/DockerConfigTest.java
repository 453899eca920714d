package dev.builder.core.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.builder.core.BuilderException;
import dev.builder.core.registry.Credentials;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DockerConfigTest {

  private static DockerConfig parse(String json) {
    return DockerConfig.parse(json.getBytes(StandardCharsets.UTF_8), "config.json");
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void authIsBase64OfUserColonPasswordAndThePasswordMayHoldColons() {
    DockerConfig config = parse("{\"auths\":{\"registry.example:5000\":{\"auth\":\"" + base64("bob:pa:ss") + "\"}}}");

    Optional<Credentials> found = config.authFor("registry.example:5000", "config.json", "auths in config.json");

    assertThat(found).hasValueSatisfying(c -> {
      assertThat(c.username()).isEqualTo("bob");
      assertThat(c.password()).isEqualTo("pa:ss");
      assertThat(c.source()).isEqualTo("auths in config.json");
    });
    assertThat(config.authFor("other.example", "config.json", "s")).isEmpty();
  }

  @Test
  void keysMatchWithSchemeOrPathAsDockerWritesThem() {
    DockerConfig config = parse("{\"auths\":{"
        + "\"https://one.example/v1/\":{\"auth\":\"" + base64("one:1") + "\"},"
        + "\"http://two.example\":{\"username\":\"two\",\"password\":\"2\"},"
        + "\"three.example/some/path\":{\"auth\":\"" + base64("three:3") + "\"}}}");

    assertThat(config.authFor("one.example", "f", "s")).map(Credentials::username).hasValue("one");
    assertThat(config.authFor("two.example", "f", "s")).map(Credentials::username).hasValue("two");
    assertThat(config.authFor("three.example", "f", "s")).map(Credentials::username).hasValue("three");
    assertThat(config.authFor("one.example.evil", "f", "s")).isEmpty();
  }

  @Test
  void dockerHubIsFoundUnderTheKeyDockerLoginWrites() {
    DockerConfig config = parse("{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"" + base64("hubuser:x") + "\"}}}");

    // image references on Docker Hub resolve to registry-1.docker.io
    assertThat(config.authFor("registry-1.docker.io", "f", "s")).map(Credentials::username).hasValue("hubuser");
    assertThat(RegistryAliases.serverUrl("registry-1.docker.io")).isEqualTo("https://index.docker.io/v1/");
    assertThat(RegistryAliases.serverUrl("ghcr.io")).isEqualTo("ghcr.io");
  }

  @Test
  void anIdentityTokenIsARefreshTokenForTheTokenUser() {
    DockerConfig config = parse("{\"auths\":{\"myreg.azurecr.io\":{\"auth\":\"" + base64("00000000-0000-0000-0000-000000000000:")
        + "\",\"identitytoken\":\"refresh-me\"}}}");

    assertThat(config.authFor("myreg.azurecr.io", "f", "s")).hasValueSatisfying(c -> {
      assertThat(c.username()).isEqualTo("<token>");
      assertThat(c.password()).isEqualTo("refresh-me");
    });
  }

  @Test
  void anEmptyEntryHasNothingAsWhenACredsStoreKeepsTheSecret() {
    DockerConfig config = parse("{\"auths\":{\"ghcr.io\":{}},\"credsStore\":\"desktop\"}");

    assertThat(config.authFor("ghcr.io", "f", "s")).isEmpty();
    assertThat(config.store()).hasValue("desktop");
  }

  @Test
  void credHelpersNameAHelperPerRegistry() {
    DockerConfig config = parse("{\"credHelpers\":{\"123.dkr.ecr.eu-west-1.amazonaws.com\":\"ecr-login\","
        + "\"https://gcr.io\":\"gcr\"}}");

    assertThat(config.helperFor("123.dkr.ecr.eu-west-1.amazonaws.com")).hasValue("ecr-login");
    assertThat(config.helperFor("gcr.io")).hasValue("gcr");
    assertThat(config.helperFor("ghcr.io")).isEmpty();
    assertThat(config.store()).isEmpty();
  }

  @Test
  void brokenJsonIsReportedByPlaceWithoutQuotingTheFile() {
    assertThatThrownBy(() -> parse("{\"auths\":{\"x\":{\"auth\": s3cr3t-not-quoted}}}"))
        .isInstanceOf(BuilderException.class)
        .hasMessageStartingWith("config.json is not valid JSON (line 1, column ")
        .hasMessageNotContaining("s3cr3t");
  }

  @Test
  void anAuthThatIsNotUserColonPasswordNamesTheEntryNotTheValue() {
    DockerConfig config = parse("{\"auths\":{\"reg.example\":{\"auth\":\"" + base64("nocolonsecret") + "\"}}}");

    assertThatThrownBy(() -> config.authFor("reg.example", "Docker config /x/config.json", "s"))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("\"reg.example\" in Docker config /x/config.json")
        .hasMessageNotContaining("nocolonsecret")
        .hasMessageNotContaining(base64("nocolonsecret"));
  }

  @Test
  void entriesNeverShowTheirContent() {
    DockerConfig config = parse("{\"auths\":{\"reg.example\":{\"auth\":\"" + base64("u:topsecret") + "\"}}}");

    assertThat(config.toString()).doesNotContain(base64("u:topsecret"));
    assertThat(config.authFor("reg.example", "f", "s").orElseThrow().toString()).doesNotContain("topsecret");
  }
}
