package dev.builder.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builder.core.image.Image;
import dev.builder.core.image.Layer;
import dev.builder.testing.ContainerRun;
import dev.builder.testing.FileTrees;
import dev.builder.testing.HttpProbe;
import dev.builder.testing.ImageRun;
import dev.builder.testing.RegistryExtension;
import dev.builder.testing.RegistryServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A war module on a servlet-container base: the exploded webapp in Jetty's webapps/ROOT, in layers, started by the
 * base's own command, serving its page and its servlet.
 */
@Tag("maven")
@Tag("registry")
@Tag("root")
@ExtendWith(RegistryExtension.class)
class WarIT {
  private static final String ROOT = "var/lib/jetty/webapps/ROOT/";
  private static String base;

  @BeforeAll
  static void pushBase(RegistryServer registry) throws Exception {
    base = JettyBase.push(registry);
  }

  @Test
  void warRunsInTheBasesServletContainer(RegistryServer registry) throws Exception {
    Path project = Maven.sample("hello-war", "war-push");
    new Maven(project.getParent())
        .run(project, "package", "builder:push", "-Dbuilder.repository=" + registry.host() + "/apps",
            "-Dbuilder.from=" + base)
        .succeeded();

    String name = registry.host() + "/apps/hello-war:1.0.0";
    Image pulled = ImageRun.pull(name, project.resolve("target/pull-cache"));
    Image jetty = ImageRun.pull(base, project.resolve("target/pull-cache"));
    var config = pulled.config().config();
    // INHERIT: Jetty's start command, folder and user
    assertThat(config.entrypoint()).isEqualTo(jetty.config().config().entrypoint());
    assertThat(config.workingDir()).isEqualTo("/var/lib/jetty");
    assertThat(config.user()).isEqualTo("999:999");

    List<Layer> own = pulled.layers().subList(jetty.layers().size(), pulled.layers().size());
    assertThat(own).hasSize(3); // dependencies, resources, classes
    assertThat(files(own.get(0))).containsExactly(ROOT + "WEB-INF/lib/commons-lang3-3.17.0.jar");
    assertThat(files(own.get(1))).contains(ROOT + "index.html", ROOT + "WEB-INF/web.xml", ROOT + "WEB-INF/classes/app.properties")
        .noneMatch(f -> f.endsWith(".class") || f.endsWith(".jar"));
    assertThat(files(own.get(2))).containsExactly(ROOT + "WEB-INF/classes/com/example/war/WorldServlet.class");
    assertThat(pulled.config().history()).extracting(h -> h.createdBy()).endsWith(
        "builder: dependencies", "builder: resources", "builder: classes");

    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path work = project.resolve("target/run");
    Files.createDirectories(work);
    try (ContainerRun app = ImageRun.start(name, work, Map.of("PORT", String.valueOf(port)))) {
      assertThat(HttpProbe.get("http://127.0.0.1:" + port + "/world", Duration.ofSeconds(90), app))
          .isEqualTo("Hello, Servlet!");
      assertThat(HttpProbe.get("http://127.0.0.1:" + port + "/index.html", Duration.ofSeconds(10), app))
          .contains("<h1>Hello from the war</h1>");
    } finally {
      FileTrees.deleteRecursively(work.resolve("rootfs"));
    }
  }

  @Test
  void warWithoutItsExplodedWebappSaysToPackageFirst(RegistryServer registry) throws Exception {
    Path project = Maven.sample("hello-war", "war-unpackaged");
    Maven.Result result = new Maven(project.getParent())
        .run(project, "compile", "builder:build", "-Dbuilder.from=" + base).failed();
    assertThat(result.output()).contains("the exploded webapp " + project.resolve("target/hello-war-1.0.0")
        + " does not exist").contains("Run the package phase first");
  }

  /** The regular files a layer holds, in its order. */
  private static List<String> files(Layer layer) throws IOException {
    List<String> names = new ArrayList<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(layer.blob().open()))) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        if (e.isFile()) {
          names.add(e.getName().replaceFirst("^\\.?/", ""));
        }
      }
    }
    return names;
  }
}
