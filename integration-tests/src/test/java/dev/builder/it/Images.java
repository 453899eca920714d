package dev.builder.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.builder.core.image.Image;
import dev.builder.testing.ContainerRun;
import dev.builder.testing.HttpProbe;
import dev.builder.testing.ImageRun;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What a user checks on an image: that it runs and answers, and what independent tools say about it. */
final class Images {
  private Images() {}

  /** Pulls {@code reference}, runs it as docker run would, and returns what GET /world answers. */
  static String runAndGet(String reference, Path work) throws Exception {
    return runAndGet(env -> ImageRun.start(reference, work, env), work);
  }

  /** Runs an image read from anywhere (a daemon, a layout) as docker run would; returns what GET /world answers. */
  static String runAndGet(Image image, Path work) throws Exception {
    return runAndGet(env -> ImageRun.start(image, work, env), work);
  }

  /** Starts an image with extra environment variables. */
  private interface Starter {
    ContainerRun start(Map<String, String> env) throws IOException;
  }

  private static String runAndGet(Starter starter, Path work) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    dev.builder.testing.FileTrees.deleteRecursively(work);
    Files.createDirectories(work);
    try (ContainerRun app = starter.start(Map.of("PORT", String.valueOf(port), "SERVER_PORT", String.valueOf(port)))) {
      return HttpProbe.get("http://127.0.0.1:" + port + "/world", Duration.ofSeconds(90), app);
    } finally {
      dev.builder.testing.FileTrees.deleteRecursively(work.resolve("rootfs"));
    }
  }

  static JsonNode imageJson(Path project) throws IOException {
    return new ObjectMapper().readTree(project.resolve("target/builder/image.json").toFile());
  }

  /** Runs an independent tool (skopeo, umoci) and returns its output; a failure fails the test with it. */
  static String tool(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String output = new String(out);
    assertThat(process.exitValue()).as("%s said:\n%s", List.of(command), output).isZero();
    return output;
  }

  static JsonNode json(String text) throws IOException {
    return new ObjectMapper().readTree(text);
  }
}
