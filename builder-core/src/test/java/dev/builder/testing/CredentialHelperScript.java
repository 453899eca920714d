package dev.builder.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * A {@code docker-credential-NAME} shell script that speaks the credential-helper protocol for fixed servers: it
 * reads the server from standard input and prints {@code {"ServerURL","Username","Secret"}}, or Docker's "not found"
 * answer with exit code 1. Each call is logged to {@code NAME.calls} beside it, so tests can see it ran.
 */
public final class CredentialHelperScript {
  private CredentialHelperScript() {}

  /** Writes {@code directory/docker-credential-NAME} answering each server with its user and secret. */
  public static Path write(Path directory, String name, Map<String, Credential> servers) {
    StringBuilder script = new StringBuilder("#!/bin/sh\n")
        .append("[ \"$1\" = get ] || { echo \"only get is supported\" >&2; exit 2; }\n")
        .append("server=$(cat)\n")
        .append("echo \"$server\" >> \"$(dirname \"$0\")/").append(name).append(".calls\"\n")
        .append("case \"$server\" in\n");
    servers.forEach((server, credential) -> script
        .append("  '").append(server).append("') printf '{\"ServerURL\":\"%s\",\"Username\":\"%s\",\"Secret\":\"%s\"}' ")
        .append("\"$server\" '").append(credential.username()).append("' '").append(credential.secret()).append("' ;;\n"));
    script.append("  *) echo 'credentials not found in native keychain'; exit 1 ;;\nesac\n");
    return writeExecutable(directory.resolve("docker-credential-" + name), script.toString());
  }

  /** Writes an executable script with this content. */
  public static Path writeExecutable(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A user and secret a helper hands out. */
  public record Credential(String username, String secret) {}
}
