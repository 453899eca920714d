package dev.builder.core.daemon;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Just enough HTTP/1.1 for the Docker Engine API, one request per connection ({@code Connection: close}): a request
 * line and headers, a body streamed with chunked transfer encoding, and a response whose body is read by its
 * {@code Content-Length}, in chunks, or to the end of the connection. No redirects, no keep-alive, no TLS.
 */
final class Http1 {
  private static final int BUFFER = 64 * 1024;
  private static final int MAX_LINE = 64 * 1024;

  private Http1() {}

  /** A request body, written once to a stream that the caller closes. */
  @FunctionalInterface
  interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  /** A response whose body streams from the open connection; closing it closes the connection. */
  static final class Response implements Closeable {
    final int status;
    final InputStream body;
    private final DaemonConnection connection;

    private Response(int status, InputStream body, DaemonConnection connection) {
      this.status = status;
      this.body = body;
      this.connection = connection;
    }

    boolean ok() {
      return status >= 200 && status < 300;
    }

    /** The whole body, which must be smaller than {@code limit} bytes. */
    byte[] bytes(int limit) throws IOException {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      for (int n; (n = body.read(buffer)) > 0; ) {
        out.write(buffer, 0, n);
        if (out.size() > limit) {
          throw new ProtocolException("the daemon answered with more than " + limit + " bytes");
        }
      }
      return out.toByteArray();
    }

    @Override
    public void close() throws IOException {
      connection.close();
    }
  }

  /**
   * Sends one request and reads the status and headers of the answer. A daemon may answer and hang up before it has
   * read the whole body (an error about the first bytes); its answer is then returned rather than the broken pipe.
   */
  static Response exchange(DaemonAddress address, String method, String target, String contentType, Body body,
      Duration timeout) throws IOException {
    DaemonConnection connection = DaemonConnection.open(address, timeout);
    try {
      OutputStream out = new BufferedOutputStream(connection.output(), BUFFER);
      StringBuilder head = new StringBuilder()
          .append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
          .append("Host: docker\r\n")
          .append("User-Agent: builder\r\n")
          .append("Connection: close\r\n");
      if (body != null) {
        head.append("Content-Type: ").append(contentType).append("\r\n").append("Transfer-Encoding: chunked\r\n");
      } else if (!method.equals("GET")) {
        head.append("Content-Length: 0\r\n");
      }
      head.append("\r\n");
      IOException sendFailure = null;
      try {
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        if (body != null) {
          ChunkedOutputStream chunked = new ChunkedOutputStream(out);
          body.writeTo(chunked);
          chunked.finish();
        }
        out.flush();
      } catch (IOException e) {
        sendFailure = e;
      }
      InputStream in = new BufferedInputStream(connection.input(), BUFFER);
      Response response;
      try {
        response = readResponse(in, method, connection);
      } catch (IOException e) {
        if (sendFailure != null) {
          sendFailure.addSuppressed(e);
          throw sendFailure;
        }
        throw e;
      }
      if (sendFailure != null && response.ok()) {
        throw sendFailure; // it said yes to a body it did not get whole: not an answer to trust
      }
      return response;
    } catch (IOException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  private static Response readResponse(InputStream in, String method, DaemonConnection connection)
      throws IOException {
    while (true) {
      String statusLine = readLine(in);
      String[] parts = statusLine.split(" ", 3);
      if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
        throw new ProtocolException("the daemon did not answer in HTTP/1.1: '" + statusLine + "'");
      }
      int status;
      try {
        status = Integer.parseInt(parts[1]);
      } catch (NumberFormatException e) {
        throw new ProtocolException("the daemon answered with the status line '" + statusLine + "'");
      }
      Map<String, String> headers = new TreeMap<>();
      for (String line; !(line = readLine(in)).isEmpty(); ) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(),
              (a, b) -> a + ", " + b);
        }
      }
      if (status >= 100 && status < 200) {
        continue; // 100 Continue and friends come before the real answer
      }
      InputStream body;
      String length = headers.get("content-length");
      if (method.equals("HEAD") || status == 204 || status == 304) {
        body = InputStream.nullInputStream();
      } else if (headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT).contains("chunked")) {
        body = new ChunkedInputStream(in);
      } else if (length != null) {
        try {
          body = new FixedLengthInputStream(in, Long.parseLong(length));
        } catch (NumberFormatException e) {
          throw new ProtocolException("the daemon sent Content-Length '" + length + "'");
        }
      } else {
        body = in; // Connection: close delimits it
      }
      return new Response(status, body, connection);
    }
  }

  static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b; (b = in.read()) != '\n'; ) {
      if (b < 0) {
        throw new EOFException("the daemon closed the connection in the middle of its answer");
      }
      if (line.size() >= MAX_LINE) {
        throw new ProtocolException("the daemon sent a header line longer than " + MAX_LINE + " bytes");
      }
      line.write(b);
    }
    String text = line.toString(StandardCharsets.ISO_8859_1);
    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
  }

  /** An input stream that reads in blocks, whose one-byte read is a block of one. */
  abstract static class BlockInputStream extends InputStream {
    @Override
    public final int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public final int read(byte[] b, int off, int len) throws IOException {
      return len == 0 ? 0 : readBlock(b, off, len);
    }

    /** Reads at least one byte (waiting for it) and at most {@code len}, or returns -1 at the end. */
    abstract int readBlock(byte[] b, int off, int len) throws IOException;
  }

  /** Writes what it is given as chunks of up to 64 KiB; {@link #finish} writes the last, empty one. */
  static final class ChunkedOutputStream extends OutputStream {
    private final OutputStream out;
    private final byte[] buffer = new byte[BUFFER];
    private int count;

    ChunkedOutputStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      if (count == buffer.length) {
        flushChunk();
      }
      buffer[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      while (len > 0) {
        if (count == buffer.length) {
          flushChunk();
        }
        int n = Math.min(len, buffer.length - count);
        System.arraycopy(b, off, buffer, count, n);
        count += n;
        off += n;
        len -= n;
      }
    }

    private void flushChunk() throws IOException {
      if (count > 0) {
        out.write((Integer.toHexString(count) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(buffer, 0, count);
        out.write('\r');
        out.write('\n');
        count = 0;
      }
    }

    @Override
    public void flush() throws IOException {
      flushChunk();
      out.flush();
    }

    void finish() throws IOException {
      flushChunk();
      out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }

    /** The body ends with {@link #finish}, not here: a writer that closes its stream must not end it early. */
    @Override
    public void close() {}
  }

  /** Reads a chunked body and stops after its last chunk and trailers. */
  static final class ChunkedInputStream extends BlockInputStream {
    private final InputStream in;
    private long left;
    private boolean done;

    ChunkedInputStream(InputStream in) {
      this.in = in;
    }

    @Override
    int readBlock(byte[] b, int off, int len) throws IOException {
      if (left == 0 && !nextChunk()) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, left));
      if (n < 0) {
        throw new EOFException("the daemon closed the connection in the middle of a chunk");
      }
      left -= n;
      if (left == 0 && !readLine(in).isEmpty()) {
        throw new ProtocolException("a chunk of the daemon's answer does not end with CRLF");
      }
      return n;
    }

    private boolean nextChunk() throws IOException {
      if (done) {
        return false;
      }
      String line = readLine(in);
      int semicolon = line.indexOf(';');
      String size = (semicolon >= 0 ? line.substring(0, semicolon) : line).trim();
      try {
        left = Long.parseLong(size, 16);
      } catch (NumberFormatException e) {
        throw new ProtocolException("the daemon sent the chunk size '" + line + "'");
      }
      if (left < 0) {
        throw new ProtocolException("the daemon sent the chunk size '" + line + "'");
      }
      if (left == 0) {
        while (!readLine(in).isEmpty()) {
          // trailers: nothing builder needs
        }
        done = true;
        return false;
      }
      return true;
    }
  }

  /** Reads exactly {@code length} bytes, and fails if the connection ends before. */
  static final class FixedLengthInputStream extends BlockInputStream {
    private final InputStream in;
    private long left;

    FixedLengthInputStream(InputStream in, long length) {
      this.in = in;
      this.left = length;
    }

    @Override
    int readBlock(byte[] b, int off, int len) throws IOException {
      if (left == 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, left));
      if (n < 0) {
        throw new EOFException("the daemon closed the connection " + left + " bytes before the end of its answer");
      }
      left -= n;
      return n;
    }
  }
}
