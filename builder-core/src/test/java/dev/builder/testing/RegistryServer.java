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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real OCI registry (CNCF distribution, the Debian package docker-registry) on 127.0.0.1,
 * so push and pull tests talk the real protocol instead of a hand-written fake. Each instance
 * has its own port and its own storage directory, which {@link #close()} removes. {@link #builder()} adds TLS
 * (a certificate from {@link TestCertificates}) and authentication (htpasswd users, or bearer tokens).
 */
public final class RegistryServer implements AutoCloseable {

  private static final Path BINARY = Path.of("/usr/bin/docker-registry");
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(20);

  private final Process process;
  private final Path workDir;
  private final int port;
  private final TestCertificates tls;

  private RegistryServer(Process process, Path workDir, int port, TestCertificates tls) {
    this.process = process;
    this.workDir = workDir;
    this.port = port;
    this.tls = tls;
  }

  /** Starts a plain-HTTP registry with no authentication and returns once {@code GET /v2/} answers 200. */
  public static RegistryServer start() throws IOException, InterruptedException {
    return builder().start();
  }

  /** A registry with TLS and authentication: {@code RegistryServer.builder().withTls(certs).withHtpasswd(...)}. */
  public static Builder builder() {
    return new Builder();
  }

  /** What the registry serves and whom it lets in. */
  public static final class Builder {
    private TestCertificates tls;
    private final Map<String, String> users = new LinkedHashMap<>();
    private TokenAuth token;

    private Builder() {}

    /** Serve HTTPS with this server certificate (for 127.0.0.1, localhost and its DNS names). */
    public Builder withTls(TestCertificates certificates) {
      this.tls = certificates;
      return this;
    }

    /** Basic authentication against an htpasswd file (bcrypt, made by apache2-utils' htpasswd) with this user. */
    public Builder withHtpasswd(String user, String password) {
      users.put(user, password);
      return this;
    }

    /** Bearer-token authentication: tokens from {@code realm}, signed by the key of {@code rootCertificate}. */
    public Builder withTokenAuth(String realm, String service, String issuer, Path rootCertificate) {
      this.token = new TokenAuth(realm, service, issuer, rootCertificate);
      return this;
    }

    public RegistryServer start() throws IOException, InterruptedException {
      if (!Files.isExecutable(BINARY)) {
        throw new IllegalStateException(
            "docker-registry is not installed: apt-get install docker-registry (.ci/run does this)");
      }
      Path workDir = Files.createTempDirectory("registry-");
      int port = freePort();
      List<String> yaml = new ArrayList<>(List.of(
          "version: 0.1",
          "log:",
          "  level: warn",
          "storage:",
          "  filesystem:",
          "    rootdirectory: " + workDir.resolve("storage"),
          "  delete:",
          "    enabled: true",
          "http:",
          "  addr: 127.0.0.1:" + port));
      if (tls != null) {
        yaml.addAll(List.of(
            "  tls:",
            "    certificate: " + tls.serverCertificate(),
            "    key: " + tls.serverKey()));
      }
      if (!users.isEmpty()) {
        Path htpasswd = workDir.resolve("htpasswd");
        StringBuilder entries = new StringBuilder();
        users.forEach((user, password) -> entries.append(Commands.run("htpasswd", "-Bbn", user, password).trim())
            .append('\n'));
        Files.writeString(htpasswd, entries);
        yaml.addAll(List.of(
            "auth:",
            "  htpasswd:",
            "    realm: builder-test",
            "    path: " + htpasswd));
      } else if (token != null) {
        yaml.addAll(List.of(
            "auth:",
            "  token:",
            "    realm: " + token.realm(),
            "    service: " + token.service(),
            "    issuer: " + token.issuer(),
            "    rootcertbundle: " + token.rootCertificate()));
      }
      Path config = workDir.resolve("config.yml");
      Files.writeString(config, String.join("\n", yaml) + "\n");
      Process process = new ProcessBuilder(BINARY.toString(), "serve", config.toString())
          .redirectErrorStream(true)
          .redirectOutput(workDir.resolve("registry.log").toFile())
          .start();
      RegistryServer server = new RegistryServer(process, workDir, port, tls);
      try {
        server.awaitReady();
        return server;
      } catch (RuntimeException | IOException | InterruptedException e) {
        server.close();
        throw e;
      }
    }
  }

  private record TokenAuth(String realm, String service, String issuer, Path rootCertificate) {}

  /** The registry's address as image references use it, e.g. {@code 127.0.0.1:5000/app:1}. */
  public String host() {
    return "127.0.0.1:" + port;
  }

  /** {@code https} when the registry serves TLS, else {@code http}. */
  public String scheme() {
    return tls == null ? "http" : "https";
  }

  /** The registry's log so far, for test failure messages. */
  public String log() throws IOException {
    return Files.readString(workDir.resolve("registry.log"));
  }

  private void awaitReady() throws IOException, InterruptedException {
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1));
    if (tls != null) {
      builder.sslContext(tls.clientContext());
    }
    HttpClient client = builder.build();
    HttpRequest ping = HttpRequest.newBuilder(URI.create(scheme() + "://" + host() + "/v2/"))
        .timeout(Duration.ofSeconds(2)).build();
    ServiceProcess.awaitReady(process, STARTUP_TIMEOUT, () -> {
      try {
        int status = client.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode();
        return status == 200 || status == 401; // 401: up, and asking for the credentials it was configured with
      } catch (IOException notListeningYet) {
        return false; // connection refused until the registry has bound its port
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }, "docker-registry (GET /v2/)", workDir.resolve("registry.log"));
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
    ServiceProcess.stop(process, Duration.ofSeconds(10));
    try {
      FileTrees.deleteRecursively(workDir);
    } catch (UncheckedIOException e) {
      throw new IllegalStateException("registry stopped but its storage could not be deleted", e);
    }
  }
}
