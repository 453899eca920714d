package dev.builder.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("root")
class ContainerRunTest {

  private static final String HELLO = """
      import com.sun.net.httpserver.HttpServer;
      import java.net.InetSocketAddress;
      import java.nio.charset.StandardCharsets;
      import java.nio.file.Files;
      import java.nio.file.Path;

      public class Hello {
        public static void main(String[] args) throws Exception {
          int port = Integer.parseInt(System.getenv("PORT"));
          HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
          server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body = path.equals("/whoami")
                ? Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("Uid:")).findFirst().orElse("no Uid line")
                    + "\\ncwd: " + Path.of("").toAbsolutePath()
                : "Hello, " + path.substring(1) + "!";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            try (var out = exchange.getResponseBody()) {
              out.write(bytes);
            }
          });
          server.start();
        }
      }
      """;

  @TempDir
  Path temp;

  private Path rootfs;

  @BeforeEach
  void copyJavaRootfsWithHelloApp() throws IOException {
    Path cached = JavaRuntimeRootfs.cached(Path.of("target", "rootfs-cache").toAbsolutePath());
    rootfs = temp.resolve("rootfs");
    FileTrees.copyTree(cached, rootfs);
    Path source = Files.writeString(Files.createDirectories(temp.resolve("src")).resolve("Hello.java"), HELLO);
    Path classes = Files.createDirectories(rootfs.resolve("app/classes"));
    int exit = ToolProvider.getSystemJavaCompiler()
        .run(null, null, null, "--release", "17", "-d", classes.toString(), source.toString());
    assertThat(exit).as("javac exit code").isZero();
  }

  @AfterEach
  void deleteRootfs() {
    // Our own delete, because JUnit's warns about every absolute symlink (/usr/bin/java) in the rootfs.
    FileTrees.deleteRecursively(rootfs);
  }

  @Test
  void runsTheAppAsTheImageUserInItsWorkingDirectoryAndCleansUp() throws Exception {
    int port = freePort();
    List<String> env = new ArrayList<>(JavaRuntimeRootfs.ENV);
    env.add("PORT=" + port);
    ContainerRun app = ContainerRun.start(rootfs, "65532", env, "/app",
        List.of("java", "-cp", "/app/classes", "Hello"), temp.resolve("app.log"));
    try (app) {
      assertThat(HttpProbe.get("http://127.0.0.1:" + port + "/world", Duration.ofSeconds(30), app))
          .isEqualTo("Hello, world!");
      assertThat(HttpProbe.get("http://127.0.0.1:" + port + "/whoami", Duration.ofSeconds(5), app))
          .contains("Uid:\t65532\t65532").contains("cwd: /app");
    }

    assertThat(app.isAlive()).isFalse();
    assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    assertThat(processesInside(rootfs.toRealPath())).as("processes still inside the rootfs").isEmpty();
    assertThat(Files.readString(Path.of("/proc/self/mounts"))).doesNotContain(rootfs.toRealPath().toString());
  }

  /** Host pids whose root directory (/proc/PID/root) is the container's rootfs. */
  private static List<Long> processesInside(Path root) throws IOException {
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      return entries.filter(p -> p.getFileName().toString().matches("\\d+"))
          .filter(p -> {
            try {
              return Files.readSymbolicLink(p.resolve("root")).equals(root);
            } catch (IOException exitedMeanwhile) {
              return false;
            }
          })
          .map(p -> Long.parseLong(p.getFileName().toString())).toList();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
