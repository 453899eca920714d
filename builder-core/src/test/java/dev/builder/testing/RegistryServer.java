package dev.builder.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real OCI registry (CNCF distribution, the Debian package docker-registry) on 127.0.0.1,
 * so push and pull tests talk the real protocol instead of a hand-written fake. Each instance
 * has its own port and its own storage directory, which {@link #close()} removes.
 */
public final class RegistryServer implements AutoCloseable {

  private static final Path BINARY = Path.of("/usr/bin/docker-registry");
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(20);

  private final Process process;
  private final Path workDir;
  private final int port;

  private RegistryServer(Process process, Path workDir, int port) {
    this.process = process;
    this.workDir = workDir;
    this.port = port;
  }

  /** Starts a registry and returns once {@code GET /v2/} answers 200. */
  public static RegistryServer start() throws IOException, InterruptedException {
    if (!Files.isExecutable(BINARY)) {
      throw new IllegalStateException(
          "docker-registry is not installed: apt-get install docker-registry (.ci/run does this)");
    }
    Path workDir = Files.createTempDirectory("registry-");
    int port = freePort();
    Path config = workDir.resolve("config.yml");
    Files.writeString(config, String.join("\n",
        "version: 0.1",
        "log:",
        "  level: warn",
        "storage:",
        "  filesystem:",
        "    rootdirectory: " + workDir.resolve("storage"),
        "  delete:",
        "    enabled: true",
        "http:",
        "  addr: 127.0.0.1:" + port,
        ""));
    Process process = new ProcessBuilder(BINARY.toString(), "serve", config.toString())
        .redirectErrorStream(true)
        .redirectOutput(workDir.resolve("registry.log").toFile())
        .start();
    RegistryServer server = new RegistryServer(process, workDir, port);
    try {
      server.awaitReady();
      return server;
    } catch (RuntimeException | IOException | InterruptedException e) {
      server.close();
      throw e;
    }
  }

  /** The registry's address as image references use it, e.g. {@code 127.0.0.1:5000/app:1}. */
  public String host() {
    return "127.0.0.1:" + port;
  }

  private void awaitReady() throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest ping = HttpRequest.newBuilder(URI.create("http://" + host() + "/v2/"))
        .timeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline && process.isAlive()) {
      try {
        if (client.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notListeningYet) {
        // Connection refused until the registry has bound its port; keep polling.
      }
      Thread.sleep(100);
    }
    String why = process.isAlive() ? "did not answer GET /v2/ within " + STARTUP_TIMEOUT : "exited";
    throw new IllegalStateException("docker-registry " + why + "; its log:\n"
        + Files.readString(workDir.resolve("registry.log")));
  }

  /**
   * Asks the kernel for a free port. The port is released before the registry binds it, so
   * another process could take it in between; that race is rare enough for tests and shows up
   * as a clear startup failure with the registry's "address already in use" log.
   */
  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Stops the registry (politely, then forcibly) and deletes its storage. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      FileTrees.deleteRecursively(workDir);
    } catch (UncheckedIOException e) {
      throw new IllegalStateException("registry stopped but its storage could not be deleted", e);
    }
  }
}
