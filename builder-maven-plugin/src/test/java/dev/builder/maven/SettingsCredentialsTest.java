package dev.builder.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.builder.core.BuilderException;
import dev.builder.core.registry.Credentials;
import java.util.List;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.DefaultSettingsProblem;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.junit.jupiter.api.Test;

class SettingsCredentialsTest {

  private static Settings settings(String id, String username, String password) {
    Server server = new Server();
    server.setId(id);
    server.setUsername(username);
    server.setPassword(password);
    Settings settings = new Settings();
    settings.addServer(server);
    return settings;
  }

  /** Stands in for Maven's decrypter: "{...}" decrypts to "plain-...". */
  private static final SettingsDecrypter DECRYPTER = request -> result(request, List.of());

  private static SettingsDecryptionResult result(SettingsDecryptionRequest request, List<SettingsProblem> problems) {
    Server copy = request.getServers().get(0).clone();
    copy.setPassword(copy.getPassword().replaceFirst("^\\{(.*)}$", "plain-$1"));
    return new SettingsDecryptionResult() {
      @Override
      public Server getServer() {
        return copy;
      }

      @Override
      public List<Server> getServers() {
        return List.of(copy);
      }

      @Override
      public org.apache.maven.settings.Proxy getProxy() {
        return null;
      }

      @Override
      public List<org.apache.maven.settings.Proxy> getProxies() {
        return List.of();
      }

      @Override
      public List<SettingsProblem> getProblems() {
        return problems;
      }
    };
  }

  @Test
  void aServerWhoseIdIsTheRegistryGivesItsDecryptedPassword() {
    Credentials found = new SettingsCredentials(settings("registry.example:5000", "deploy", "{abc}"), DECRYPTER)
        .find("registry.example:5000").orElseThrow();

    assertThat(found.username()).isEqualTo("deploy");
    assertThat(found.password()).isEqualTo("plain-abc");
    assertThat(found.source()).isEqualTo("settings.xml <server> with id registry.example:5000");
  }

  @Test
  void dockerHubMatchesAServerCalledDockerIo() {
    assertThat(new SettingsCredentials(settings("docker.io", "me", "pw"), DECRYPTER).find("registry-1.docker.io"))
        .map(Credentials::source).hasValue("settings.xml <server> with id docker.io");
  }

  @Test
  void otherRegistriesAndServersWithoutPasswordsAreNotMatched() {
    assertThat(new SettingsCredentials(settings("registry.example", "u", "p"), DECRYPTER).find("other.example")).isEmpty();
    assertThat(new SettingsCredentials(settings("registry.example", "u", null), DECRYPTER).find("registry.example"))
        .isEmpty();
  }

  @Test
  void aPasswordThatCannotBeDecryptedSaysWhereTheMasterPasswordIs() {
    SettingsDecrypter failing = request -> result(request, List.of(new DefaultSettingsProblem(
        "Failed to decrypt password for server registry.example: master password missing",
        SettingsProblem.Severity.ERROR, "server: registry.example", -1, -1, null)));

    assertThatThrownBy(() -> new SettingsCredentials(settings("registry.example", "u", "{x}"), failing)
            .find("registry.example"))
        .isInstanceOf(BuilderException.class)
        .hasMessageStartingWith("cannot decrypt the password of the settings.xml <server> with id registry.example:")
        .hasMessageContaining("settings-security.xml");
  }
}
