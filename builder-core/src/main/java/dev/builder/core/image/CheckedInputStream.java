package dev.builder.core.image;

import dev.builder.core.BuilderException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Reads content that someone else stored and fails at its end, with a {@link BuilderException}, unless it has the
 * promised digest and size, so that a corrupt blob, or one listed with a wrong size, is never passed on as if it were
 * good.
 */
final class CheckedInputStream extends FilterInputStream {
  private final Digest expected;
  private final long expectedSize;
  private final String what;
  private final MessageDigest md = Digest.sha256();
  private long size;
  private boolean checked;

  CheckedInputStream(InputStream in, Digest expected, long expectedSize, String what) {
    super(in);
    this.expected = expected;
    this.expectedSize = expectedSize;
    this.what = what;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b < 0) {
      check();
    } else {
      md.update((byte) b);
      size++;
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n < 0) {
      check();
    } else {
      md.update(b, off, n);
      size += n;
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    throw new IOException("skipping would leave " + what + " unchecked");
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void check() throws IOException {
    if (checked) {
      return;
    }
    checked = true;
    Digest actual = Digest.fromHash(md.digest());
    if (!actual.equals(expected)) {
      throw new BuilderException(what + " is corrupt: its content has digest " + actual + " (" + size
          + " bytes), not " + expected + " (" + expectedSize + " bytes). Restore or re-create it.");
    }
    if (size != expectedSize) {
      // the right content under a wrong size: what lists it (a manifest, an index) is wrong, not the blob
      throw new BuilderException(what + " has the right digest but " + size + " bytes, while the manifest or"
          + " record that lists it gives " + expectedSize + " bytes. The size there is wrong: re-create the image"
          + " that lists it.");
    }
  }
}
