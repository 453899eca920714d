package dev.builder.maven;

import dev.builder.core.BuilderException;
import dev.builder.core.credentials.CredentialHelper;
import dev.builder.core.registry.CredentialSource;
import dev.builder.core.registry.Credentials;
import java.util.Map;
import java.util.Optional;

/**
 * {@code <from>} or {@code <to>} inside {@code <auth>}: a user name and password, or a credential helper. Write the
 * password as {@code ${env.VARIABLE}} or keep it in settings.xml: a password written in the POM is in the POM.
 * {@link #toString()} never shows the password, and {@link SecretMaskingConfigurator} keeps it out of {@code -X}.
 */
public class RegistryAuth {
  private String username;
  private String password;
  private String helper;

  /** For Maven, which sets the fields from the POM. */
  public RegistryAuth() {}

  RegistryAuth(String username, String password, String helper) {
    this.username = username;
    this.password = password;
    this.helper = helper;
  }

  /** The source these settings describe, or empty when none is set; {@code role} is {@code from} or {@code to}. */
  Optional<CredentialSource> source(String role, Map<String, String> environment) {
    String where = "<auth><" + role + ">";
    boolean hasUser = present(username, where + "<username>");
    boolean hasPassword = present(password, where + "<password>");
    boolean hasHelper = present(helper, where + "<helper>");
    if (hasHelper && (hasUser || hasPassword)) {
      throw new BuilderException(where + " has both a <helper> and a <username> or <password>; give one or the other");
    }
    if (hasHelper) {
      return Optional.of(CredentialHelper.named(helper, environment, where + "<helper> in the plugin configuration"));
    }
    if (hasUser != hasPassword) {
      throw new BuilderException(where + " has a " + (hasUser ? "<username> but no <password>" : "<password> but no"
          + " <username>") + "; give both");
    }
    if (!hasUser) {
      return Optional.empty();
    }
    Credentials credentials = new Credentials(username.trim(), password, where + " in the plugin configuration");
    return Optional.of(registry -> Optional.of(credentials));
  }

  private static boolean present(String value, String where) {
    if (value == null || value.isBlank()) {
      return false;
    }
    if (value.startsWith("${") && value.endsWith("}")) {
      // Never show the value: only an unresolved expression reaches here, but a password could look like one.
      throw new BuilderException(where + " is an expression Maven could not resolve; if it names an environment"
          + " variable (${env.NAME}), set that variable");
    }
    return true;
  }

  @Override
  public String toString() {
    return "RegistryAuth{username=" + username + ", password=" + (password == null ? "unset" : "******")
        + ", helper=" + helper + "}";
  }
}
