package dev.builder.testing;

import dev.builder.core.registry.ProxySettings;
import dev.builder.core.registry.RegistryProxy;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * One HTTP/1.1 server on 127.0.0.1 that plays several hosts, for tests of what a client sends to which host: asked
 * directly it is {@code 127.0.0.1:PORT} (a registry on loopback); while it is the JVM's proxy for names ending in
 * {@code .test} (see {@link #proxies}) it is every such host too, over plain HTTP or, for the names given to
 * {@link #start}, over HTTPS with the test CA's certificate, reached through CONNECT as through any proxy. No name is
 * resolved and no other address is used. Every request is recorded with the host it was sent to and its
 * {@code Authorization} header; the test's {@link Handler} answers it.
 *
 * <p>A host that speaks plain HTTP answers a TLS handshake with a plain 400, as a plain-HTTP registry does, so clients
 * fall back to plain HTTP as they would.
 */
public final class FakeHosts implements AutoCloseable {
  private static final byte TLS_HANDSHAKE = 0x16;

  /** A request as the host it was sent to saw it; {@code authorization} is null when there was none. */
  public record Request(String host, String method, String path, String authorization, String contentType,
      byte[] body) {}

  /** An answer; for HEAD, the body only gives the Content-Length. */
  public record Reply(int status, Map<String, String> headers, byte[] body) {
    public static Reply of(int status) {
      return new Reply(status, Map.of(), new byte[0]);
    }

    public static Reply of(int status, byte[] body) {
      return new Reply(status, Map.of(), body);
    }

    public Reply with(String name, String value) {
      Map<String, String> more = new LinkedHashMap<>(headers);
      more.put(name, value);
      return new Reply(status, more, body);
    }
  }

  public interface Handler {
    Reply answer(Request request) throws IOException;
  }

  private final ServerSocket server;
  private final SSLContext tls;
  private final Set<String> tlsHosts;
  private final Handler handler;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "fake-hosts");
    thread.setDaemon(true);
    return thread;
  });

  private FakeHosts(ServerSocket server, SSLContext tls, Set<String> tlsHosts, Handler handler) {
    this.server = server;
    this.tls = tls;
    this.tlsHosts = Set.copyOf(tlsHosts);
    this.handler = handler;
  }

  /**
   * @param tls the server side of the test CA's certificate, for the {@code tlsHosts}; null when none speaks TLS
   * @param tlsHosts the {@code .test} hosts ({@code name:port}) that speak HTTPS; the others speak plain HTTP
   */
  public static FakeHosts start(SSLContext tls, Set<String> tlsHosts, Handler handler) throws IOException {
    FakeHosts hosts = new FakeHosts(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), tls, tlsHosts, handler);
    hosts.threads.execute(hosts::acceptLoop);
    return hosts;
  }

  /** The server asked directly, as an image reference names a registry: {@code 127.0.0.1:PORT}. */
  public String host() {
    return "127.0.0.1:" + server.getLocalPort();
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The requests that went to {@code host} ({@code name:port}, as in the URL). */
  public List<Request> requestsTo(String host) {
    return requests.stream().filter(r -> r.host().equalsIgnoreCase(host)).toList();
  }

  /**
   * Proxy settings that send every host not on loopback (in the tests, the names under {@code .test}, the name RFC 2606
   * keeps for tests) through this server, as builder sends registry requests through a configured proxy; the server
   * itself, on 127.0.0.1, is reached directly.
   */
  public ProxySettings proxies() {
    RegistryProxy proxy = new RegistryProxy("127.0.0.1", server.getLocalPort(), null, null, List.of(),
        "the test's hosts");
    return new ProxySettings(proxy, proxy);
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        open.add(client);
        threads.execute(() -> serve(client));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      InputStream in = new BufferedInputStream(client.getInputStream());
      OutputStream out = new BufferedOutputStream(client.getOutputStream());
      in.mark(1);
      if (in.read() == TLS_HANDSHAKE) {
        plainAnswerToTls(out);
        return;
      }
      in.reset();
      HttpWire.Head first = HttpWire.readHead(in);
      if (first == null) {
        return;
      }
      if (first.startLine().startsWith("CONNECT ")) {
        String target = first.startLine().split(" ")[1].toLowerCase(Locale.ROOT);
        // named as a URL names it: without the scheme's default port
        tunnel(client, target.endsWith(":443") ? target.substring(0, target.length() - 4) : target, in, out);
        return;
      }
      exchanges(first, in, out, null);
    } catch (IOException e) {
      // the client went away: this connection is over
    } finally {
      open.remove(client);
    }
  }

  /** A proxy's tunnel to {@code host}, which this server then plays, over TLS when it is one of the TLS hosts. */
  private void tunnel(Socket client, String host, InputStream in, OutputStream out) throws IOException {
    out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    int first = in.read();
    if (first < 0) {
      return;
    }
    // what the buffer read ahead goes to the TLS socket, which reads the socket itself from there on
    byte[] ahead = new byte[1 + in.available()];
    ahead[0] = (byte) first;
    int n = in.readNBytes(ahead, 1, ahead.length - 1);
    InputStream consumed = new ByteArrayInputStream(ahead, 0, 1 + n);
    if (first != TLS_HANDSHAKE || !tlsHosts.contains(host)) {
      if (first == TLS_HANDSHAKE) {
        plainAnswerToTls(out);
        return;
      }
      InputStream plain = new SequenceInputStream(consumed, in);
      exchanges(HttpWire.readHead(plain), plain, out, host);
      return;
    }
    try (SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(client, consumed, true)) {
      InputStream tlsIn = new BufferedInputStream(secure.getInputStream());
      OutputStream tlsOut = new BufferedOutputStream(secure.getOutputStream());
      exchanges(HttpWire.readHead(tlsIn), tlsIn, tlsOut, host);
    }
  }

  /** Answers requests on one connection until it ends; {@code host} is the tunnel's host, or null. */
  private void exchanges(HttpWire.Head request, InputStream in, OutputStream out, String host) throws IOException {
    for (; request != null; request = HttpWire.readHead(in)) {
      String[] line = request.startLine().split(" ", 3);
      String target = line[1];
      String to = host != null ? host : request.header("Host");
      if (target.startsWith("http://") || target.startsWith("https://")) {
        URI uri = URI.create(target); // a proxy is sent the whole URL
        to = uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
      }
      byte[] body = body(request, in);
      Request seen = new Request(to.toLowerCase(Locale.ROOT), line[0], target, request.header("Authorization"),
          request.header("Content-Type"), body);
      requests.add(seen);
      Reply reply = handler.answer(seen);
      StringBuilder head = new StringBuilder("HTTP/1.1 ").append(reply.status()).append(" Fake\r\n");
      List<String[]> headers = new ArrayList<>();
      reply.headers().forEach((name, value) -> headers.add(new String[] {name, value}));
      headers.add(new String[] {"Content-Length", Integer.toString(reply.body().length)});
      for (String[] h : headers) {
        head.append(h[0]).append(": ").append(h[1]).append("\r\n");
      }
      out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
      if (!line[0].equals("HEAD")) {
        out.write(reply.body());
      }
      out.flush();
    }
  }

  /** A request's body, without its chunked framing. */
  private static byte[] body(HttpWire.Head request, InputStream in) throws IOException {
    if (!request.chunked()) {
      return in.readNBytes((int) Math.max(0, request.contentLength()));
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (long size; (size = Long.parseLong(HttpWire.readLine(in).split(";", 2)[0].trim(), 16)) > 0; ) {
      body.write(in.readNBytes((int) size));
      HttpWire.readLine(in); // the CRLF after the chunk
    }
    while (!HttpWire.readLine(in).isEmpty()) {
      // trailers
    }
    return body.toByteArray();
  }

  private static void plainAnswerToTls(OutputStream out) throws IOException {
    out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        .getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : open) {
      socket.close();
    }
    threads.shutdownNow();
  }
}
