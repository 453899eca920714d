package dev.builder.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.builder.core.BuilderException;
import dev.builder.core.registry.Credentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryAuthTest {
  @TempDir Path tmp;

  @Test
  void aUserAndPasswordAreCredentialsForAnyRegistryNamedAsThePluginsAuth() {
    Credentials found = new RegistryAuth("ci", "pw", null).source("to", Map.of()).orElseThrow()
        .find("ghcr.io").orElseThrow();

    assertThat(found.username()).isEqualTo("ci");
    assertThat(found.password()).isEqualTo("pw");
    assertThat(found.source()).isEqualTo("<auth><to> in the plugin configuration");
  }

  @Test
  void nothingSetIsNoSource() {
    assertThat(new RegistryAuth().source("from", Map.of())).isEmpty();
    assertThat(new RegistryAuth(" ", "", null).source("from", Map.of())).isEmpty();
  }

  @Test
  void aHelperIsFoundOnThePath() throws Exception {
    Path helper = tmp.resolve("docker-credential-corp");
    Files.writeString(helper, "#!/bin/sh\n");
    Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwx------"));

    assertThat(new RegistryAuth(null, null, "corp").source("from", Map.of("PATH", tmp.toString()))).isPresent();
  }

  @Test
  void halfGivenSettingsAreErrorsThatSayWhatIsMissing() {
    assertThatThrownBy(() -> new RegistryAuth("ci", null, null).source("to", Map.of()))
        .isInstanceOf(BuilderException.class)
        .hasMessage("<auth><to> has a <username> but no <password>; give both");
    assertThatThrownBy(() -> new RegistryAuth("ci", "pw", "corp").source("from", Map.of()))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("<auth><from> has both a <helper> and a <username> or <password>");
  }

  @Test
  void anUnresolvedVariableIsNamedButNeverShown() {
    assertThatThrownBy(() -> new RegistryAuth("ci", "${env.REGISTRY_TOKEN}", null).source("to", Map.of()))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("<auth><to><password> is an expression Maven could not resolve")
        .hasMessageNotContaining("REGISTRY_TOKEN");
  }

  @Test
  void printingItNeverShowsThePassword() {
    assertThat(new RegistryAuth("ci", "hunter2", null).toString()).doesNotContain("hunter2").contains("ci");
    assertThat(SecretMaskingConfigurator.Masking.mask("password", "hunter2", new RegistryAuth())).isEqualTo("******");
    assertThat(SecretMaskingConfigurator.Masking.mask("username", "ci", new RegistryAuth())).isEqualTo("ci");
    assertThat(SecretMaskingConfigurator.Masking.mask("password", "p", new Object())).isEqualTo("p");
  }
}
