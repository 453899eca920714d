package dev.builder.maven;

/** The {@code <auth>} parameter: credentials for the base image's registry and for the target's. */
public class Auth {
  private RegistryAuth from;
  private RegistryAuth to;

  /** For Maven, which sets the fields from the POM. */
  public Auth() {}

  Auth(RegistryAuth from, RegistryAuth to) {
    this.from = from;
    this.to = to;
  }

  RegistryAuth from() {
    return from == null ? new RegistryAuth() : from;
  }

  RegistryAuth to() {
    return to == null ? new RegistryAuth() : to;
  }

  @Override
  public String toString() {
    return "Auth{from=" + from + ", to=" + to + "}";
  }
}
