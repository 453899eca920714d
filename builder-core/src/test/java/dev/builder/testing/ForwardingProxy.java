package dev.builder.testing;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A corporate HTTP proxy in miniature, on 127.0.0.1: it opens {@code CONNECT} tunnels and forwards plain-HTTP
 * requests in absolute form, to host names that only it knows (it maps each to 127.0.0.1, keeping the port), so a
 * client that reaches such a host has gone through it. It may ask for Basic proxy credentials (407 without them), and
 * it records what it was asked.
 */
public final class ForwardingProxy implements AutoCloseable {
  private final ServerSocket server;
  private final Set<String> knownHosts;
  private final String expectedAuthorization;
  private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "forwarding-proxy");
    thread.setDaemon(true);
    return thread;
  });
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

  /**
   * What a client asked: {@code CONNECT registry.example:443} or {@code GET http://...}, with the Proxy-Authorization
   * header it sent (or null), and the status the proxy answered (200 for a tunnel it opened).
   */
  public record Request(String method, String target, String authorization, int status) {}

  private ForwardingProxy(ServerSocket server, Set<String> knownHosts, String user, String password) {
    this.server = server;
    this.knownHosts = knownHosts;
    this.expectedAuthorization = user == null ? null : "Basic "
        + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** A proxy that lets anyone through to {@code knownHosts}. */
  public static ForwardingProxy start(String... knownHosts) throws IOException {
    return withUser(null, null, knownHosts);
  }

  /** A proxy that answers 407 unless given {@code user} and {@code password} (Basic). */
  public static ForwardingProxy withUser(String user, String password, String... knownHosts) throws IOException {
    ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    ForwardingProxy proxy = new ForwardingProxy(server, Set.of(knownHosts), user, password);
    proxy.threads.execute(proxy::acceptLoop);
    return proxy;
  }

  public String host() {
    return "127.0.0.1";
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Every request so far. */
  public List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** The tunnels it opened. */
  public long tunnels() {
    return requests().stream().filter(r -> r.method().equals("CONNECT") && r.status() == 200).count();
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
      HttpWire.Head request = HttpWire.readHead(in);
      if (request == null) {
        return;
      }
      String[] parts = request.startLine().split(" ", 3);
      String authorization = request.header("Proxy-Authorization");
      boolean connect = parts[0].equals("CONNECT");
      URI target = URI.create(connect ? "tunnel://" + parts[1] : parts[1]);
      int port = target.getPort() != -1 ? target.getPort() : 80;
      if (expectedAuthorization != null && !expectedAuthorization.equals(authorization)) {
        answer(out, "407 Proxy Authentication Required", "Proxy-Authenticate: Basic realm=\"test proxy\"\r\n");
      } else if (!knownHosts.contains(target.getHost())) {
        answer(out, "502 Bad Gateway", ""); // as a proxy that cannot resolve the name
      } else {
        try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), port)) {
          open.add(upstream);
          requests.add(new Request(parts[0], parts[1], authorization, 200));
          if (connect) {
            out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            relay(in, client.getOutputStream(), upstream);
          } else {
            forward(request, target, in, out, upstream);
          }
          return;
        }
      }
      requests.add(new Request(parts[0], parts[1], authorization,
          expectedAuthorization != null && !expectedAuthorization.equals(authorization) ? 407 : 502));
    } catch (IOException e) {
      // either side went away: this connection is over
    } finally {
      open.remove(client);
    }
  }

  private static void answer(OutputStream out, String status, String headers) throws IOException {
    out.write(("HTTP/1.1 " + status + "\r\n" + headers + "Content-Length: 0\r\nConnection: close\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** Copies bytes both ways, unbuffered, until either side closes. */
  private void relay(InputStream in, OutputStream out, Socket upstream) throws IOException {
    InputStream down = upstream.getInputStream();
    threads.execute(() -> {
      try {
        down.transferTo(out);
      } catch (IOException e) {
        // the client went away
      } finally {
        closeQuietly(upstream);
      }
    });
    in.transferTo(upstream.getOutputStream());
  }

  /** One plain-HTTP request, in origin form, and its answer; then the connection closes. */
  private static void forward(HttpWire.Head request, URI target, InputStream in, OutputStream out, Socket upstream)
      throws IOException {
    String[] parts = request.startLine().split(" ", 3);
    String path = target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
    OutputStream up = new BufferedOutputStream(upstream.getOutputStream());
    new HttpWire.Head(parts[0] + " " + path + " " + parts[2], request.headers())
        .with("Proxy-Authorization", null).with("Proxy-Connection", null).with("Connection", "close").writeTo(up);
    HttpWire.copyBody(request, in, up, false, false);
    InputStream down = new BufferedInputStream(upstream.getInputStream());
    HttpWire.Head response = HttpWire.readHead(down);
    if (response == null) {
      return;
    }
    response.with("Connection", "close").writeTo(out);
    boolean bodyless = parts[0].equals("HEAD") || response.startLine().matches("\\S+ (204|304|1\\d\\d).*");
    if (!bodyless) {
      HttpWire.copyBody(response, down, out, false, true);
    }
    out.flush();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : open) {
      closeQuietly(socket);
    }
    threads.shutdownNow();
  }
}
