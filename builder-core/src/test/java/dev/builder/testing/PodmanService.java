package dev.builder.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Docker-API daemon on a unix socket: Podman's service ({@code podman system service}, the Debian package
 * podman), which stores and serves images without running containers. Each instance has its own socket and its own
 * storage, configuration and temporary folders, written here and named by {@code CONTAINERS_CONF} and
 * {@code CONTAINERS_STORAGE_CONF}, so neither the machine's podman configuration nor its images are read or changed.
 * It runs as root without systemd: cgroupfs, events to a file, the vfs storage driver. One file outside is shared:
 * containers/image keeps root's blob-info cache (which digests are compressed forms of which) in
 * {@code /var/lib/containers/cache}, where skopeo in the other tests writes too; nothing can move it.
 *
 * <p>Tests check what the daemon holds with its own API through curl, an independent HTTP client.
 */
public final class PodmanService implements AutoCloseable {
  private static final Path BINARY = Path.of("/usr/bin/podman");
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final Path workDir;
  private final Path socketDir;

  private PodmanService(Process process, Path workDir, Path socketDir) {
    this.process = process;
    this.workDir = workDir;
    this.socketDir = socketDir;
  }

  /** Starts a service with its storage under {@code target/} and returns once {@code GET /_ping} answers. */
  public static PodmanService start() throws IOException, InterruptedException {
    if (!Files.isExecutable(BINARY)) {
      throw new IllegalStateException("podman is not installed: apt-get install podman (.ci/run does this)");
    }
    Path workDir = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "podman-");
    // podman refuses a runroot longer than 50 characters and a unix socket path must stay under about 100 bytes, so
    // both live in a short folder of their own; the storage stays under target/
    Path socketDir = Files.createTempDirectory("podman-");
    Path root = workDir.resolve("root");
    Path runRoot = socketDir.resolve("run");
    Path containersConf = workDir.resolve("containers.conf");
    Path storageConf = workDir.resolve("storage.conf");
    Files.createDirectories(workDir.resolve("tmp"));
    Files.writeString(containersConf, String.join("\n",
        "[engine]",
        "cgroup_manager = \"cgroupfs\"",
        "events_logger = \"file\"",
        "events_logfile_path = \"" + workDir.resolve("events.log") + "\"",
        "tmp_dir = \"" + workDir.resolve("libpod-tmp") + "\"",
        "image_copy_tmp_dir = \"" + workDir.resolve("tmp") + "\"",
        "[network]",
        "network_config_dir = \"" + workDir.resolve("networks") + "\"",
        ""));
    Files.writeString(storageConf, String.join("\n",
        "[storage]",
        "driver = \"vfs\"",
        "runroot = \"" + runRoot + "\"",
        "graphroot = \"" + root + "\"",
        ""));
    Path socket = socketDir.resolve("podman.sock");
    ProcessBuilder builder = new ProcessBuilder(BINARY.toString(), "--root", root.toString(), "--runroot",
        runRoot.toString(), "--storage-driver", "vfs", "system", "service", "--time=0", "unix://" + socket)
        .redirectErrorStream(true)
        .redirectOutput(workDir.resolve("podman.log").toFile());
    builder.environment().put("CONTAINERS_CONF", containersConf.toString());
    builder.environment().put("CONTAINERS_STORAGE_CONF", storageConf.toString());
    builder.environment().put("TMPDIR", workDir.resolve("tmp").toString());
    PodmanService service = new PodmanService(builder.start(), workDir, socketDir);
    try {
      service.awaitReady();
      return service;
    } catch (RuntimeException | IOException | InterruptedException e) {
      service.close();
      throw e;
    }
  }

  /** The socket, as {@code DOCKER_HOST} names it: {@code unix:///tmp/podman-.../podman.sock}. */
  public String dockerHost() {
    return "unix://" + socket();
  }

  public Path socket() {
    return socketDir.resolve("podman.sock");
  }

  /** {@code GET PATH} of the daemon's API, as JSON; fails unless it answers 200. */
  public JsonNode get(String path) {
    try {
      return JSON.readTree(curl("-f", "http://d" + path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The HTTP status of {@code GET PATH}. */
  public int status(String path) {
    return Integer.parseInt(curl("-o", "/dev/null", "-w", "%{http_code}", "http://d" + path).trim());
  }

  /** {@code POST /images/load} of a tarball, as {@code docker load -i FILE} does. */
  public String load(Path tarball) {
    return curl("-f", "-X", "POST", "-H", "Content-Type: application/x-tar", "--data-binary", "@" + tarball,
        "http://d/images/load");
  }

  private String curl(String... args) {
    List<String> command = new ArrayList<>(List.of("curl", "-sS", "--unix-socket", socket().toString()));
    command.addAll(List.of(args));
    return Commands.run(command);
  }

  private void awaitReady() throws IOException, InterruptedException {
    ServiceProcess.awaitReady(process, STARTUP_TIMEOUT, () -> {
      try {
        return Files.exists(socket()) && status("/_ping") == 200;
      } catch (IllegalStateException notListeningYet) {
        return false; // the socket file exists a moment before the service accepts on it
      }
    }, "podman system service (GET /_ping)", workDir.resolve("podman.log"));
  }

  /** Stops the service (politely, then forcibly) and deletes its storage, run folder and socket. */
  @Override
  public void close() {
    ServiceProcess.stop(process, Duration.ofSeconds(20));
    FileTrees.deleteRecursively(socketDir);
    FileTrees.deleteRecursively(workDir);
  }
}
