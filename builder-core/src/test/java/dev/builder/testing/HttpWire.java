package dev.builder.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The little of HTTP/1.1 framing that a relay needs: a message head (start line and headers, kept verbatim), and a
 * body copied by its framing (Content-Length, chunked, or up to the end of the connection), optionally cut short.
 */
final class HttpWire {
  private static final int MAX_HEAD = 64 * 1024;

  private HttpWire() {}

  /** A start line and its headers, in the order and spelling they came in. */
  record Head(String startLine, List<String[]> headers) {
    String header(String name) {
      for (String[] h : headers) {
        if (h[0].equalsIgnoreCase(name)) {
          return h[1];
        }
      }
      return null;
    }

    boolean chunked() {
      String te = header("Transfer-Encoding");
      return te != null && te.toLowerCase(Locale.ROOT).contains("chunked");
    }

    long contentLength() {
      String cl = header("Content-Length");
      return cl == null ? -1 : Long.parseLong(cl.trim());
    }

    /** This head with {@code name} set to {@code value} (replacing any), or removed when value is null. */
    Head with(String name, String value) {
      List<String[]> copy = new ArrayList<>();
      for (String[] h : headers) {
        if (!h[0].equalsIgnoreCase(name)) {
          copy.add(h);
        }
      }
      if (value != null) {
        copy.add(new String[] {name, value});
      }
      return new Head(startLine, copy);
    }

    void writeTo(OutputStream out) throws IOException {
      StringBuilder text = new StringBuilder(startLine).append("\r\n");
      for (String[] h : headers) {
        text.append(h[0]).append(": ").append(h[1]).append("\r\n");
      }
      out.write(text.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    }
  }

  /** The next message head, or null at the end of the connection. */
  static Head readHead(InputStream in) throws IOException {
    String start = readLine(in);
    while (start != null && start.isEmpty()) {
      start = readLine(in); // a stray CRLF between messages is allowed
    }
    if (start == null) {
      return null;
    }
    List<String[]> headers = new ArrayList<>();
    for (String line; (line = readLine(in)) != null && !line.isEmpty(); ) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.add(new String[] {line.substring(0, colon).trim(), line.substring(colon + 1).trim()});
      }
    }
    return new Head(start, headers);
  }

  /**
   * Copies a body framed as {@code head} says, and returns true when it is whole. With {@code cutHalfway} it stops
   * halfway (through the body, or through its first chunk when the length is not known) and returns false; the
   * caller then cuts the connection. {@code untilEnd} reads to the end of the connection when the head gives no
   * length.
   */
  static boolean copyBody(Head head, InputStream in, OutputStream out, boolean cutHalfway, boolean untilEnd)
      throws IOException {
    Budget budget = new Budget(cutHalfway && head.contentLength() >= 0 ? head.contentLength() / 2 : -1);
    if (head.chunked()) {
      while (true) {
        String sizeLine = readLine(in);
        if (sizeLine == null) {
          throw new IOException("the connection ended inside a chunked body");
        }
        long size = Long.parseLong(sizeLine.split(";", 2)[0].trim(), 16);
        writeText(out, sizeLine + "\r\n");
        if (cutHalfway && budget.left() == Long.MAX_VALUE) {
          budget = new Budget(size / 2);
        }
        if (size == 0) {
          for (String trailer; (trailer = readLine(in)) != null; ) {
            writeText(out, trailer + "\r\n");
            if (trailer.isEmpty()) {
              break;
            }
          }
          out.flush();
          return true;
        }
        if (!copy(in, out, size, budget)) {
          return false;
        }
        String crlf = readLine(in);
        writeText(out, (crlf == null ? "" : crlf) + "\r\n");
      }
    }
    long length = head.contentLength();
    if (length >= 0) {
      boolean whole = copy(in, out, length, budget);
      out.flush();
      return whole;
    }
    if (untilEnd) {
      copy(in, out, Long.MAX_VALUE, budget);
      out.flush();
    }
    return true;
  }

  private static boolean copy(InputStream in, OutputStream out, long length, Budget budget) throws IOException {
    byte[] buffer = new byte[16 * 1024];
    long left = length;
    while (left > 0) {
      int want = (int) Math.min(buffer.length, Math.min(left, budget.left()));
      if (want == 0) {
        out.flush();
        return false;
      }
      int n = in.read(buffer, 0, want);
      if (n < 0) {
        if (length == Long.MAX_VALUE) {
          return true;
        }
        throw new IOException("the connection ended inside a body");
      }
      out.write(buffer, 0, n);
      left -= n;
      budget.spend(n);
    }
    return true;
  }

  private static void writeText(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** A line without its CRLF, or null at the end of the stream. */
  static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b; (b = in.read()) >= 0; ) {
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
      }
      line.write(b);
      if (line.size() > MAX_HEAD) {
        throw new IOException("a header line longer than " + MAX_HEAD + " bytes");
      }
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }

  /** How many more body bytes may pass before a cut. */
  private static final class Budget {
    private long left;

    Budget(long cutAfter) {
      this.left = cutAfter < 0 ? Long.MAX_VALUE : cutAfter;
    }

    long left() {
      return left;
    }

    void spend(long n) {
      if (left != Long.MAX_VALUE) {
        left -= n;
      }
    }
  }
}
