package dev.builder.maven;

import dev.builder.core.BuilderException;
import dev.builder.core.credentials.RegistryAliases;
import dev.builder.core.registry.CredentialSource;
import dev.builder.core.registry.Credentials;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * A settings.xml {@code <server>} whose id is the registry host (with its port, if it has one), with the password
 * decrypted by Maven's own {@link SettingsDecrypter}, so {@code mvn --encrypt-password} passwords work.
 */
final class SettingsCredentials implements CredentialSource {
  private final Settings settings;
  private final SettingsDecrypter decrypter;

  SettingsCredentials(Settings settings, SettingsDecrypter decrypter) {
    this.settings = settings;
    this.decrypter = decrypter;
  }

  @Override
  public Optional<Credentials> find(String registry) {
    for (String id : RegistryAliases.of(registry)) {
      Server server = settings.getServer(id);
      if (server != null && server.getUsername() != null && server.getPassword() != null) {
        return Optional.of(new Credentials(
            server.getUsername(), decrypt(server).getPassword(), "settings.xml <server> with id " + id));
      }
    }
    return Optional.empty();
  }

  private Server decrypt(Server server) {
    SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
    String problems = result.getProblems().stream()
        .filter(p -> p.getSeverity() != SettingsProblem.Severity.WARNING)
        .map(SettingsProblem::getMessage)
        .collect(Collectors.joining("; "));
    if (!problems.isEmpty()) {
      throw new BuilderException("cannot decrypt the password of the settings.xml <server> with id " + server.getId()
          + ": " + problems + ". The master password is in ~/.m2/settings-security.xml (or the file"
          + " -Dsettings.security names); see https://maven.apache.org/guides/mini/guide-encryption.html");
    }
    return result.getServer();
  }

  @Override
  public String toString() {
    return "settings.xml servers";
  }
}
