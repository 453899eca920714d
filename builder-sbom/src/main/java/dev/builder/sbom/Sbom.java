package dev.builder.sbom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** A written SBOM: its format and its exact bytes, which are what gets stored and attached. */
public record Sbom(SbomFormat format, byte[] bytes) {

  public Sbom {
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Writes the SBOM into {@code directory} under its format's file name, whole or not at all. */
  public Path writeTo(Path directory) {
    return write(directory, format.fileName());
  }

  /** Writes the SBOM into {@code directory} under {@link SbomFormat#fileName(String)}, whole or not at all. */
  public Path writeTo(Path directory, String qualifier) {
    return write(directory, format.fileName(qualifier));
  }

  private Path write(Path directory, String name) {
    Path file = directory.resolve(name);
    Path temp = directory.resolve(name + ".partial");
    try {
      Files.createDirectories(directory);
      Files.write(temp, bytes);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    } finally {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // nothing half-written is visible under the real name
      }
    }
  }
}
