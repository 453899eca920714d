package dev.builder.core.daemon;

import dev.builder.core.BuilderException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which daemon builder talks to, found the way the docker CLI finds it: {@code DOCKER_HOST} alone when it is set;
 * else the first of the usual sockets (Docker's, then Podman's rootless and rootful ones) that answers
 * {@code GET /_ping}.
 *
 * @param dockerHost the {@code DOCKER_HOST} value, or null
 * @param sockets where to look when {@code dockerHost} is null, in order
 */
public record DaemonLocator(String dockerHost, List<Path> sockets) {
  public static final Path DOCKER_SOCKET = Path.of("/var/run/docker.sock");
  public static final Path PODMAN_ROOTFUL_SOCKET = Path.of("/run/podman/podman.sock");
  private static final Duration PING_TIMEOUT = Duration.ofSeconds(5);

  public DaemonLocator {
    dockerHost = dockerHost == null || dockerHost.isBlank() ? null : dockerHost.trim();
    sockets = List.copyOf(sockets);
  }

  /**
   * {@code dockerHost} when set, else Docker's socket, rootless Podman's in {@code xdgRuntimeDir} (when set) and
   * rootful Podman's.
   */
  public static DaemonLocator of(String dockerHost, String xdgRuntimeDir) {
    List<Path> sockets = new ArrayList<>();
    sockets.add(DOCKER_SOCKET);
    if (xdgRuntimeDir != null && !xdgRuntimeDir.isBlank()) {
      sockets.add(Path.of(xdgRuntimeDir.trim(), "podman", "podman.sock"));
    }
    sockets.add(PODMAN_ROOTFUL_SOCKET);
    return new DaemonLocator(dockerHost, sockets);
  }

  /** From {@code DOCKER_HOST} and {@code XDG_RUNTIME_DIR}. */
  public static DaemonLocator fromEnvironment(Map<String, String> environment) {
    return of(environment.get("DOCKER_HOST"), environment.get("XDG_RUNTIME_DIR"));
  }

  /** Where to look, in order. */
  public List<DaemonAddress> candidates() {
    if (dockerHost != null) {
      return List.of(DaemonAddress.parse(dockerHost, "DOCKER_HOST"));
    }
    return sockets.stream().map(DaemonAddress::unix).toList();
  }

  /** The first daemon that answers; when none does, an error that names every socket tried and how to fix it. */
  public DockerEngine connect() {
    List<String> tried = new ArrayList<>();
    for (DaemonAddress address : candidates()) {
      if (address.isUnix() && !Files.exists(address.socketPath())) {
        tried.add(address + " (no such socket)");
        continue;
      }
      DockerEngine engine = new DockerEngine(address);
      try {
        engine.ping(PING_TIMEOUT);
        return engine;
      } catch (IOException e) {
        tried.add(address + " (" + reason(e) + ")");
      }
    }
    if (dockerHost != null) {
      throw new BuilderException("no Docker-API daemon answered at DOCKER_HOST=" + dockerHost + ": tried "
          + String.join(", ", tried) + ". Start the daemon that listens there, or point DOCKER_HOST at one that"
          + " runs (unix:///var/run/docker.sock for Docker, unix://$XDG_RUNTIME_DIR/podman/podman.sock for rootless"
          + " Podman), or unset it to use the usual sockets.");
    }
    throw new BuilderException("no Docker-API daemon answered: tried " + String.join(", ", tried) + ". Start Docker,"
        + " or Podman's API service (systemctl --user start podman.socket, or podman system service --time=0),"
        + " or point DOCKER_HOST at a daemon's socket: DOCKER_HOST=unix:///path/to/docker.sock or"
        + " DOCKER_HOST=tcp://HOST:2375.");
  }

  private static String reason(IOException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (message.toLowerCase(Locale.ROOT).contains("permission denied")) {
      return "permission denied: add your user to the group that owns the socket, such as docker";
    }
    return message.replaceAll("[.]$", "").toLowerCase(Locale.ROOT);
  }
}
