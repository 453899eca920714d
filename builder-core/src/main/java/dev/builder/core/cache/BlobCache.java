package dev.builder.core.cache;

import dev.builder.core.BuilderException;
import dev.builder.core.image.Digest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Blobs on disk by digest ({@code DIR/blobs/sha256/HEX}), shared by builds and by threads: a blob is written to a
 * temporary file, checked against its digest, and moved into place in one step, so a reader never sees part of one.
 */
public final class BlobCache {
  private final Path blobs;

  public BlobCache(Path directory) {
    this.blobs = directory.resolve("blobs").resolve("sha256");
  }

  public Optional<Path> find(Digest digest) {
    Path file = blobs.resolve(digest.hex());
    return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
  }

  /** Writes what {@code writer} produces, unless present, and returns the file. */
  public Path store(Digest digest, Writer writer) {
    Optional<Path> existing = find(digest);
    if (existing.isPresent()) {
      return existing.get();
    }
    Path target = blobs.resolve(digest.hex());
    Path temp = null;
    try {
      Files.createDirectories(blobs);
      temp = Files.createTempFile(blobs, digest.hex().substring(0, 12), ".partial");
      Digest actual;
      try (Digest.Counting out = new Digest.Counting(Files.newOutputStream(temp))) {
        writer.write(out);
        out.flush();
        actual = out.digest();
      }
      if (!actual.equals(digest)) {
        throw new BuilderException(
            "blob " + digest + " arrived with content whose digest is " + actual + "; it was corrupted on the way");
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store blob " + digest + " in " + blobs, e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // a leftover temporary file is never read: it has no digest name
        }
      }
    }
  }

  /** Produces a blob's bytes. */
  @FunctionalInterface
  public interface Writer {
    void write(OutputStream out) throws IOException;
  }
}
