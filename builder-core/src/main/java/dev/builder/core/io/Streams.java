package dev.builder.core.io;

import dev.builder.core.BuilderException;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Reading what someone else wrote without trusting its size. */
public final class Streams {
  /**
   * The largest manifest, index, config or token builder reads into memory. Real ones are kilobytes; registries cap
   * manifests at 4 MiB. Anything larger is refused before it can exhaust the heap.
   */
  public static final int MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

  private Streams() {}

  /** All of {@code in}, failing with a message about {@code what} once it passes {@link #MAX_DOCUMENT_BYTES}. */
  public static byte[] readDocument(InputStream in, String what) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(bounded(out, MAX_DOCUMENT_BYTES, what));
    return out.toByteArray();
  }

  /** An output stream that fails once more than {@code max} bytes have been written to it. */
  public static OutputStream bounded(OutputStream out, long max, String what) {
    return new FilterOutputStream(out) {
      private long written;

      @Override
      public void write(int b) throws IOException {
        count(1);
        out.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        count(len);
        out.write(b, off, len);
      }

      private void count(long n) {
        written += n;
        if (written > max) {
          throw new BuilderException(what + " is larger than " + max + " bytes; refusing to read it");
        }
      }
    };
  }
}
