package dev.builder.core.workflow;

import dev.builder.core.assembly.BuiltImages;
import dev.builder.core.io.Files2;
import dev.builder.core.layout.OciLayoutSink;
import dev.builder.core.tarball.TarballSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The files a build leaves in its work folder: {@code image/} (an OCI image layout), {@code image.tar} (for
 * {@code docker load} and OCI tools) and {@code image.json} ({@link ImageRecord}). Each is written whole or
 * not at all, and {@link #clear} removes the previous build's, so that a failed build leaves nothing stale behind.
 */
public final class BuildOutputs {
  private final Path workDirectory;

  public BuildOutputs(Path workDirectory) {
    this.workDirectory = workDirectory;
  }

  public Path layout() {
    return workDirectory.resolve("image");
  }

  public Path tarball() {
    return workDirectory.resolve("image.tar");
  }

  public Path imageJson() {
    return workDirectory.resolve("image.json");
  }

  public void clear() {
    try {
      Files2.deleteRecursively(layout());
      Files.deleteIfExists(tarball());
      Files.deleteIfExists(imageJson());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the previous image from " + workDirectory, e);
    }
  }

  /**
   * Writes the layout and the tarball; {@code name} is the image name without tag. For several platforms both hold
   * the index, and the tarball is an OCI archive without Docker's {@code manifest.json}.
   */
  public void writeImage(BuiltImages built, String name, List<String> tags) {
    new OciLayoutSink(layout()).write(built.root(), tags);
    new TarballSink(tarball(), name).write(built.root(), tags);
  }
}
