package dev.builder.core.image;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Content known by its digest and size, readable any number of times. Where the bytes live (memory, a file, a
 * registry) is the implementation's business; opening may fetch them.
 */
public interface Blob {

  Digest digest();

  long size();

  InputStream open() throws IOException;

  /**
   * Reads the blob to its end, so that one that checks its content ({@link #ofStoredFile}, a registry blob) fails
   * with the message that it is corrupt; used to explain a failure that corrupt content may have caused.
   */
  static void requireIntact(Blob blob) {
    try (InputStream in = blob.open()) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    } catch (IOException e) {
      // unreadable rather than corrupt: the caller reports its own failure
    }
  }

  static Blob of(byte[] bytes) {
    Digest digest = Digest.of(bytes);
    return new Blob() {
      @Override
      public Digest digest() {
        return digest;
      }

      @Override
      public long size() {
        return bytes.length;
      }

      @Override
      public InputStream open() {
        return new ByteArrayInputStream(bytes);
      }
    };
  }

  /**
   * A file that someone else wrote (a base image layout, an unpacked tarball): reading it to the end fails unless it
   * has the promised digest and size.
   */
  static Blob ofStoredFile(Path file, Digest digest, long size) {
    return new FileBlob(file, digest, size, true);
  }

  /** A file whose digest and size the caller has already computed. */
  static Blob ofFile(Path file, Digest digest, long size) {
    return new FileBlob(file, digest, size, false);
  }

  /** A blob in a file; {@code checked} files are verified against their digest as they are read. */
  record FileBlob(Path file, Digest digest, long size, boolean checked) implements Blob {
    @Override
    public InputStream open() throws IOException {
      InputStream in = Files.newInputStream(file);
      return checked ? new CheckedInputStream(in, digest, size, "blob " + digest + " in " + file) : in;
    }
  }
}
