package dev.builder.core.daemon;

import dev.builder.core.BuilderException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;

/**
 * Where a Docker Engine API listens, written as {@code DOCKER_HOST} writes it: {@code unix:///var/run/docker.sock}
 * or {@code tcp://host:2375}. TCP is plain: the Engine API over TLS and {@code ssh://} are not spoken here.
 */
public record DaemonAddress(String uri, Path socketPath, String host, int port) {

  /** Docker's port for the unencrypted API. */
  static final int DEFAULT_TCP_PORT = 2375;

  public static DaemonAddress unix(Path socket) {
    return new DaemonAddress("unix://" + socket, socket, null, -1);
  }

  /** Parses a {@code DOCKER_HOST} value; {@code origin} names where it came from in the error. */
  public static DaemonAddress parse(String value, String origin) {
    String text = value.trim();
    if (text.startsWith("unix://")) {
      String path = text.substring("unix://".length());
      if (!path.startsWith("/")) {
        throw new BuilderException(
            origin + "=" + value + " names no absolute socket path; write unix:///path/to/docker.sock");
      }
      return unix(Path.of(path));
    }
    if (text.startsWith("tcp://")) {
      try {
        URI uri = new URI(text);
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (uri.getHost() == null || !(path.isEmpty() || path.equals("/"))) {
          throw new URISyntaxException(text, "no host, or a path after it");
        }
        int port = uri.getPort() < 0 ? DEFAULT_TCP_PORT : uri.getPort();
        return new DaemonAddress("tcp://" + uri.getHost() + ":" + port, null, uri.getHost(), port);
      } catch (URISyntaxException e) {
        throw new BuilderException(origin + "=" + value + " is not a TCP address; write tcp://HOST:PORT");
      }
    }
    throw new BuilderException(origin + "=" + value + " is not an address builder can use: it speaks to a daemon on a"
        + " unix socket (unix:///path/to/docker.sock) or over plain TCP (tcp://host:2375), not over ssh:// or npipe://."
        + " Forward the daemon's socket to this machine (ssh -L /tmp/docker.sock:/var/run/docker.sock HOST) and set "
        + origin + "=unix:///tmp/docker.sock");
  }

  boolean isUnix() {
    return socketPath != null;
  }

  SocketAddress socketAddress() {
    return isUnix() ? UnixDomainSocketAddress.of(socketPath) : new InetSocketAddress(host, port);
  }

  @Override
  public String toString() {
    return uri;
  }
}
