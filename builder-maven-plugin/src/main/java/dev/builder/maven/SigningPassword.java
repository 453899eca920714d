package dev.builder.maven;

import dev.builder.core.BuilderException;
import dev.builder.core.signing.SigningKeys;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * The password of an encrypted signing key: {@code BUILDER_SIGNING_PASSWORD}, else cosign's own
 * {@code COSIGN_PASSWORD}, else the settings.xml {@code <server>} with the id {@code builder-signing} (decrypted by
 * Maven, so {@code mvn --encrypt-password} works). Read only when the key is encrypted.
 */
final class SigningPassword implements SigningKeys.Password {
  static final String SERVER_ID = "builder-signing";

  private final Map<String, String> environment;
  private final Settings settings;
  private final SettingsDecrypter decrypter;

  SigningPassword(Map<String, String> environment, Settings settings, SettingsDecrypter decrypter) {
    this.environment = environment;
    this.settings = settings;
    this.decrypter = decrypter;
  }

  @Override
  public Optional<Named> get() {
    for (String variable : new String[] {"BUILDER_SIGNING_PASSWORD", "COSIGN_PASSWORD"}) {
      String value = environment.get(variable);
      if (value != null) {
        return Optional.of(new Named(value, variable));
      }
    }
    Server server = settings == null ? null : settings.getServer(SERVER_ID);
    if (server == null || server.getPassword() == null) {
      return Optional.empty();
    }
    SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
    boolean failed = result.getProblems().stream().anyMatch(p -> p.getSeverity() != SettingsProblem.Severity.WARNING);
    if (failed) {
      throw new BuilderException("cannot decrypt the password of the settings.xml <server> with id " + SERVER_ID
          + ". The master password is in ~/.m2/settings-security.xml (or the file -Dsettings.security names); see"
          + " https://maven.apache.org/guides/mini/guide-encryption.html");
    }
    return Optional.of(new Named(result.getServer().getPassword(), "the settings.xml <server> with id " + SERVER_ID));
  }
}
