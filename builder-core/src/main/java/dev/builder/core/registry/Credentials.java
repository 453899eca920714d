package dev.builder.core.registry;

/** A user name and secret for one registry. {@link #toString()} never shows the secret. */
public record Credentials(String username, String password, String source) {

  @Override
  public String toString() {
    return "credentials for " + username + " from " + source;
  }
}
