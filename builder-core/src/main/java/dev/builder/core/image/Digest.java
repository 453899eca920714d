package dev.builder.core.image;

import dev.builder.core.BuilderException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A content digest such as {@code sha256:1f3a...}; only SHA-256 is produced, as the OCI spec recommends. */
public record Digest(String algorithm, String hex) implements Comparable<Digest> {

  private static final Pattern SHA256_HEX = Pattern.compile("[a-f0-9]{64}");

  public Digest {
    if (!"sha256".equals(algorithm) || !SHA256_HEX.matcher(hex).matches()) {
      throw new BuilderException(
          "'" + algorithm + ":" + hex + "' is not a sha256 digest; expected sha256: followed by 64 lowercase hex digits");
    }
  }

  public static Digest parse(String value) {
    int colon = value.indexOf(':');
    if (colon < 0) {
      throw new BuilderException(
          "'" + value + "' is not a digest; expected sha256: followed by 64 lowercase hex digits");
    }
    return new Digest(value.substring(0, colon), value.substring(colon + 1));
  }

  public static Digest of(byte[] bytes) {
    return fromHash(sha256().digest(bytes));
  }

  /** Reads the stream to its end and digests what it read. */
  public static Digest of(InputStream in) throws IOException {
    MessageDigest md = sha256();
    byte[] buffer = new byte[64 * 1024];
    for (int n; (n = in.read(buffer)) > 0; ) {
      md.update(buffer, 0, n);
    }
    return fromHash(md.digest());
  }

  static Digest fromHash(byte[] hash) {
    return new Digest("sha256", HexFormat.of().formatHex(hash));
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return algorithm + ":" + hex;
  }

  @Override
  public int compareTo(Digest other) {
    return toString().compareTo(other.toString());
  }

  /** An output stream that digests and counts what passes through it on its way to {@code out}. */
  public static final class Counting extends OutputStream {
    private final OutputStream out;
    private final MessageDigest md = sha256();
    private long size;

    public Counting(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      md.update((byte) b);
      size++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      md.update(b, off, len);
      size += len;
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      out.close();
    }

    public long size() {
      return size;
    }

    /** The digest of everything written; call once, after the last write. */
    public Digest digest() {
      return fromHash(md.digest());
    }
  }
}
