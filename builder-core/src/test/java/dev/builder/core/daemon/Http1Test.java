package dev.builder.core.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP/1.1 framing builder reads and writes; the daemons themselves are in DaemonContractTest. */
class Http1Test {
  @TempDir Path tmp;

  /** A one-shot server on a unix socket that does what {@code answer} says with each connection. */
  private DaemonAddress serve(Answer answer) throws IOException {
    Path socket = tmp.resolve("fake.sock");
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    Thread thread = new Thread(() -> {
      try (server; SocketChannel client = server.accept()) {
        answer.handle(Channels.newInputStream(client), Channels.newOutputStream(client));
      } catch (IOException | InterruptedException ignored) {
        // the client hung up: that is what some of these tests do
      }
    });
    thread.setDaemon(true);
    thread.start();
    return DaemonAddress.unix(socket);
  }

  private interface Answer {
    void handle(InputStream in, OutputStream out) throws IOException, InterruptedException;
  }

  @Test
  void anErrorTheDaemonAnswersBeforeItHasReadTheWholeBodyIsReturnedNotTheBrokenPipe() throws Exception {
    DaemonAddress address = serve((in, out) -> {
      while (!Http1.readLine(in).isEmpty()) {
        // the request line and headers; the body is never read
      }
      out.write(("HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\nContent-Length: 24\r\n\r\n"
          + "{\"message\":\"disk full\"}\n").getBytes(StandardCharsets.US_ASCII));
    });
    byte[] big = new byte[32 * 1024 * 1024];

    try (Http1.Response response = Http1.exchange(address, "POST", "/images/load", "application/x-tar",
        out -> out.write(big), Duration.ofSeconds(30))) {
      assertThat(response.status).isEqualTo(500);
      assertThat(new String(response.bytes(1024), StandardCharsets.UTF_8)).isEqualTo("{\"message\":\"disk full\"}\n");
    }
  }

  @Test
  void aDaemonThatSaysNothingIsGivenUpOn() throws Exception {
    CountDownLatch done = new CountDownLatch(1);
    DaemonAddress address = serve((in, out) -> done.await());
    try {
      assertThatThrownBy(() -> Http1.exchange(address, "GET", "/_ping", null, null, Duration.ofMillis(300)))
          .isInstanceOf(SocketTimeoutException.class)
          .hasMessageContaining(address + " said nothing for");
    } finally {
      done.countDown();
    }
  }

  @Test
  void aRequestBodyGoesInChunksAndTheAnswerIsReadByItsLength() throws Exception {
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    DaemonAddress address = serve((in, out) -> {
      String head;
      StringBuilder headers = new StringBuilder();
      while (!(head = Http1.readLine(in)).isEmpty()) {
        headers.append(head).append('\n');
      }
      received.write(headers.toString().getBytes(StandardCharsets.US_ASCII));
      received.write(new Http1.ChunkedInputStream(in).readAllBytes());
      out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK".getBytes(StandardCharsets.US_ASCII));
    });

    try (Http1.Response response = Http1.exchange(address, "POST", "/images/load?quiet=1", "application/x-tar",
        out -> out.write("tar bytes".getBytes(StandardCharsets.US_ASCII)), Duration.ofSeconds(30))) {
      assertThat(new String(response.bytes(16), StandardCharsets.US_ASCII)).isEqualTo("OK");
    }
    assertThat(received.toString(StandardCharsets.US_ASCII))
        .startsWith("POST /images/load?quiet=1 HTTP/1.1\n")
        .contains("Content-Type: application/x-tar\n", "Transfer-Encoding: chunked\n", "Connection: close\n")
        .endsWith("\ntar bytes");
  }

  private static InputStream bytes(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void aChunkedBodyEndsAfterItsLastChunkAndTrailers() throws Exception {
    InputStream in = bytes("5;name=value\r\nhello\r\n7\r\n, world\r\n0\r\nTrailer: x\r\n\r\nnext response");

    assertThat(new String(new Http1.ChunkedInputStream(in).readAllBytes(), StandardCharsets.US_ASCII))
        .isEqualTo("hello, world");
    assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("next response");
  }

  @Test
  void whatTheChunkedWriterWritesTheChunkedReaderReadsBack() throws Exception {
    byte[] body = new byte[200_000];
    for (int i = 0; i < body.length; i++) {
      body[i] = (byte) (i * 31);
    }
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    Http1.ChunkedOutputStream out = new Http1.ChunkedOutputStream(wire);
    out.write(body, 0, 100);
    out.write(body[100]);
    out.write(body, 101, body.length - 101);
    out.close(); // does not end the body: a writer that closes its stream must not cut it short
    out.finish();

    assertThat(wire.toString(StandardCharsets.ISO_8859_1)).startsWith("10000\r\n").endsWith("\r\n0\r\n\r\n");
    assertThat(new Http1.ChunkedInputStream(new ByteArrayInputStream(wire.toByteArray())).readAllBytes())
        .isEqualTo(body);
  }

  @Test
  void aBodyShorterThanItsContentLengthIsAnError() {
    assertThatThrownBy(() -> new Http1.FixedLengthInputStream(bytes("abc"), 5).readAllBytes())
        .isInstanceOf(EOFException.class)
        .hasMessage("the daemon closed the connection 2 bytes before the end of its answer");
    assertThatThrownBy(() -> new Http1.ChunkedInputStream(bytes("a\r\nabc")).readAllBytes())
        .isInstanceOf(EOFException.class);
  }

  @Test
  void aStatusLineIsReadWithOrWithoutItsCarriageReturn() throws Exception {
    InputStream in = bytes("HTTP/1.1 200 OK\r\nServer: x\n\r\n");

    assertThat(Http1.readLine(in)).isEqualTo("HTTP/1.1 200 OK");
    assertThat(Http1.readLine(in)).isEqualTo("Server: x");
    assertThat(Http1.readLine(in)).isEmpty();
  }
}
