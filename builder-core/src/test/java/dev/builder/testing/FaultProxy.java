package dev.builder.testing;

import dev.builder.testing.FaultPlan.Fault;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP/1.1 reverse proxy on 127.0.0.1 in front of a real registry, that injects faults as its {@link FaultPlan}
 * says: 503 or 429 answers, connections cut in the middle of an upload, answers held past the client's timeout.
 *
 * <p>Requests go upstream exactly as the client sent them, Host header included: the registry builds the absolute
 * upload URLs of its Location headers from the Host it was sent, so they point back at the proxy and the whole upload
 * passes through it. Each request gets its own upstream connection ({@code Connection: close}); the client's
 * connection is kept alive. A TLS handshake (clients try HTTPS first) is answered with a plain 400, as a plain HTTP
 * registry would. Everything is logged as {@link Exchange}s.
 */
public final class FaultProxy implements AutoCloseable {
  private static final byte TLS_HANDSHAKE = 0x16;

  private final ServerSocket server;
  private final int upstreamPort;
  private final Duration delay;
  private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "fault-proxy");
    thread.setDaemon(true);
    return thread;
  });
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final List<Exchange> exchanges = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger requests = new AtomicInteger();
  private volatile FaultPlan plan = FaultPlan.none();

  /** One request through the proxy: what it was, what the proxy did, and the upstream status (0 when none). */
  public record Exchange(int number, String method, String target, Fault fault, int status) {}

  private FaultProxy(ServerSocket server, int upstreamPort, Duration delay) {
    this.server = server;
    this.upstreamPort = upstreamPort;
    this.delay = delay;
  }

  /**
   * A proxy in front of {@code 127.0.0.1:upstreamPort}; {@code delay} is how long a {@link Fault#DELAY} holds an
   * answer, longer than the client's timeout.
   */
  public static FaultProxy start(int upstreamPort, Duration delay) throws IOException {
    ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    FaultProxy proxy = new FaultProxy(server, upstreamPort, delay);
    proxy.threads.execute(proxy::acceptLoop);
    return proxy;
  }

  /** Upstream is the registry's {@code host()}, {@code 127.0.0.1:PORT}. */
  public static FaultProxy start(RegistryServer registry, Duration delay) throws IOException {
    return start(Integer.parseInt(registry.host().substring(registry.host().lastIndexOf(':') + 1)), delay);
  }

  /** The proxy's address as image references use it: {@code 127.0.0.1:PORT}. */
  public String host() {
    return "127.0.0.1:" + server.getLocalPort();
  }

  /** Faults from now on follow {@code next}; the log is kept. */
  public FaultProxy plan(FaultPlan next) {
    this.plan = next;
    return this;
  }

  public List<Exchange> exchanges() {
    synchronized (exchanges) {
      return List.copyOf(exchanges);
    }
  }

  /** How many faults of each kind were injected so far. */
  public Map<Fault, Integer> faults() {
    Map<Fault, Integer> counts = new EnumMap<>(Fault.class);
    for (Exchange e : exchanges()) {
      if (e.fault() != Fault.NONE) {
        counts.merge(e.fault(), 1, Integer::sum);
      }
    }
    return counts;
  }

  public int faultCount() {
    return faults().values().stream().mapToInt(Integer::intValue).sum();
  }

  public void clearLog() {
    exchanges.clear();
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
        out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return;
      }
      in.reset();
      for (HttpWire.Head request; (request = HttpWire.readHead(in)) != null; ) {
        if (!exchange(request, in, out)) {
          return;
        }
      }
    } catch (IOException e) {
      // the client went away, or a fault cut the connection: either way this connection is over
    } finally {
      open.remove(client);
    }
  }

  /** Handles one request; false when the client connection must end. */
  private boolean exchange(HttpWire.Head request, InputStream in, OutputStream out) throws IOException {
    String[] parts = request.startLine().split(" ", 3);
    boolean hasBody = request.chunked() || request.contentLength() > 0;
    FaultPlan.Request seen = new FaultPlan.Request(parts[0], parts.length > 1 ? parts[1] : "", hasBody);
    Fault fault = plan.faultFor(seen);
    int number = requests.incrementAndGet();
    switch (fault) {
      case UNAVAILABLE, TOO_MANY_REQUESTS, SERVER_ERROR -> {
        HttpWire.copyBody(request, in, OutputStream.nullOutputStream(), false, false);
        answer(out, fault);
        exchanges.add(new Exchange(number, seen.method(), seen.target(), fault, 0));
        return true;
      }
      case DROP -> {
        HttpWire.copyBody(request, in, OutputStream.nullOutputStream(), false, false);
        exchanges.add(new Exchange(number, seen.method(), seen.target(), fault, 0));
        return false; // the connection closes with no answer
      }
      default -> {
        // forwarded below
      }
    }
    try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
      open.add(upstream);
      OutputStream up = new BufferedOutputStream(upstream.getOutputStream());
      request.with("Connection", "close").writeTo(up);
      if (!HttpWire.copyBody(request, in, up, fault == Fault.CUT_UPLOAD, false)) {
        exchanges.add(new Exchange(number, seen.method(), seen.target(), Fault.CUT_UPLOAD, 0));
        return false; // both connections close mid-body
      }
      InputStream down = new BufferedInputStream(upstream.getInputStream());
      HttpWire.Head response = HttpWire.readHead(down);
      if (response == null) {
        throw new SocketException("the registry closed the connection without answering");
      }
      int status = Integer.parseInt(response.startLine().split(" ", 3)[1]);
      exchanges.add(new Exchange(number, seen.method(), seen.target(), fault == Fault.CUT_UPLOAD ? Fault.NONE : fault,
          status));
      boolean bodyless = seen.method().equals("HEAD") || status == 204 || status == 304 || status < 200;
      boolean framed = bodyless || response.chunked() || response.contentLength() >= 0;
      if (fault == Fault.DELAY) {
        HttpWire.copyBody(response, down, OutputStream.nullOutputStream(), false, !bodyless && !framed);
        sleep(delay);
        return false; // the client gave up long ago; it never gets this answer
      }
      (framed ? response.with("Connection", null) : response.with("Connection", "close")).writeTo(out);
      if (!bodyless) {
        HttpWire.copyBody(response, down, out, false, !framed);
      }
      out.flush();
      return framed;
    } finally {
      open.removeIf(Socket::isClosed);
    }
  }

  private static void answer(OutputStream out, Fault fault) throws IOException {
    String status = switch (fault) {
      case UNAVAILABLE -> "503 Service Unavailable";
      case TOO_MANY_REQUESTS -> "429 Too Many Requests";
      default -> "500 Internal Server Error";
    };
    String code = fault == Fault.TOO_MANY_REQUESTS ? "TOOMANYREQUESTS" : "UNAVAILABLE";
    byte[] body = ("{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"injected by FaultProxy: " + fault
        + "\"}]}").getBytes(StandardCharsets.UTF_8);
    String head = "HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
        + "\r\n" + (fault == Fault.TOO_MANY_REQUESTS ? "Retry-After: 1\r\n" : "") + "\r\n";
    out.write(head.getBytes(StandardCharsets.ISO_8859_1));
    out.write(body);
    out.flush();
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : open) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    threads.shutdownNow();
    try {
      threads.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
