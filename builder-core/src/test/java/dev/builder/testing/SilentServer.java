package dev.builder.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A dead registry: a port on 127.0.0.1 that accepts connections and never answers, the way a hung server or a
 * black-holing proxy looks to a client. Counts the connections it got.
 */
public final class SilentServer implements AutoCloseable {
  private final ServerSocket server;
  private final List<Socket> accepted = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  private SilentServer(ServerSocket server) {
    this.server = server;
    this.acceptor = new Thread(this::acceptLoop, "silent-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public static SilentServer start() throws IOException {
    return new SilentServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
  }

  public String host() {
    return "127.0.0.1:" + server.getLocalPort();
  }

  /** Connections accepted so far. */
  public int connections() {
    return accepted.size();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        accepted.add(server.accept()); // kept open, never read, never answered
      } catch (IOException e) {
        return;
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : accepted) {
      socket.close();
    }
  }
}
