package dev.builder.core.credentials;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Finds programs on a PATH given as data rather than the JVM's own, so a helper is found (and run by its full path)
 * exactly where the environment builder was handed says.
 */
final class Executables {
  private Executables() {}

  static Optional<Path> find(String name, Map<String, String> environment) {
    String path = environment.getOrDefault("PATH", "");
    for (String directory : path.split(File.pathSeparator)) {
      if (directory.isEmpty()) {
        continue;
      }
      try {
        Path candidate = Path.of(directory, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return Optional.of(candidate.toAbsolutePath());
        }
      } catch (InvalidPathException ignored) {
        // a PATH entry that is no path names no program
      }
    }
    return Optional.empty();
  }
}
