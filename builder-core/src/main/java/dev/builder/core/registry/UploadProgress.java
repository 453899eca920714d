package dev.builder.core.registry;

import dev.builder.core.BuildListener;
import dev.builder.core.image.Blob;
import dev.builder.core.image.Digest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A blob that says in the log how its upload is going, so that a long push over a slow link does not look hung: the
 * blob, the bytes sent of its size and the rate, at most one line every {@link #EVERY_NANOS} per blob, and only for
 * blobs big enough to take that long. Small blobs are returned as they are, so a fast push logs nothing more.
 */
final class UploadProgress implements Blob {
  static final long MIN_SIZE = 8L * 1024 * 1024;
  static final long EVERY_NANOS = 5_000_000_000L;

  private final Blob blob;
  private final BuildListener listener;
  private final LongSupplier nanoTime;

  private UploadProgress(Blob blob, BuildListener listener, LongSupplier nanoTime) {
    this.blob = blob;
    this.listener = listener;
    this.nanoTime = nanoTime;
  }

  static Blob of(Blob blob, BuildListener listener) {
    return of(blob, listener, System::nanoTime);
  }

  /** {@code nanoTime} is the clock, as {@link System#nanoTime}. */
  static Blob of(Blob blob, BuildListener listener, LongSupplier nanoTime) {
    return blob.size() < MIN_SIZE ? blob : new UploadProgress(blob, listener, nanoTime);
  }

  @Override
  public Digest digest() {
    return blob.digest();
  }

  @Override
  public long size() {
    return blob.size();
  }

  @Override
  public InputStream open() throws IOException {
    long start = nanoTime.getAsLong();
    return new FilterInputStream(blob.open()) {
      private long sent;
      private long lastLine = start;

      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          advance(1);
        }
        return b;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
          advance(n);
        }
        return n;
      }

      private void advance(int n) {
        sent += n;
        long now = nanoTime.getAsLong();
        if (now - lastLine >= EVERY_NANOS && sent < blob.size()) {
          lastLine = now;
          double seconds = (now - start) / 1e9;
          listener.info(String.format(Locale.ROOT, "uploading %s: %.1f of %.1f MB (%.1f MB/s)",
              blob.digest().hex().substring(0, 12), sent / 1e6, blob.size() / 1e6, sent / 1e6 / seconds));
        }
      }
    };
  }
}
