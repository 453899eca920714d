package dev.builder.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builder.core.image.Image;
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
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A Spring Boot image holds what Spring Boot would package: the jars of the {@code BOOT-INF/lib} that the module's
 * own {@code repackage} wrote, no DevTools and no Docker Compose support, on Spring Boot 3.5 and 4.0 apps generated as
 * start.spring.io does (DevTools and Docker Compose optional, an optional library, a provided one, an exclude).
 */
@Tag("maven")
@Tag("registry")
@Tag("root")
@ExtendWith(RegistryExtension.class)
class SpringBootParityIT {
  private static String base;

  @BeforeAll
  static void pushBase(RegistryServer registry) throws Exception {
    base = Fixtures.pushBase(registry);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"spring-boot-35-devtools", "spring-boot-40-devtools"})
  void imageHoldsTheJarsOfRepackageAndRunsWithoutDevtools(String sample, RegistryServer registry) throws Exception {
    Path project = Maven.sample(sample, sample);
    Maven.Result result = new Maven(project.getParent())
        .run(project, "package", "builder:push", "-Dbuilder.repository=" + registry.host() + "/apps",
            "-Dbuilder.from=" + base)
        .succeeded();
    assertThat(result.output()).contains("builder: left out of the image, as spring-boot-maven-plugin's repackage"
        + " leaves them out of BOOT-INF/lib").contains("spring-boot-devtools (excludeDevtools)");

    Set<String> bootInfLib = bootInfLib(project.resolve("target/" + sample + "-1.0.0.jar"));
    // what the sample was written to show: repackage left these out or put them in
    assertThat(bootInfLib).noneMatch(jar -> jar.startsWith("spring-boot-devtools-"))
        .noneMatch(jar -> jar.startsWith("spring-boot-docker-compose-")).noneMatch(jar -> jar.startsWith("h2-"))
        .anyMatch(jar -> jar.startsWith("jsr305-"));

    String name = registry.host() + "/apps/" + sample + ":1.0.0";
    Path work = project.resolve("target/run");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (ContainerRun app = ImageRun.start(name, work, Map.of("SERVER_PORT", String.valueOf(port)))) {
      assertThat(files(work.resolve("rootfs/app/libs"))).as("/app/libs against BOOT-INF/lib")
          .isEqualTo(bootInfLib);
      assertThat(HttpProbe.get("http://127.0.0.1:" + port + "/world", Duration.ofSeconds(90), app))
          .isEqualTo("Hello, world!");
      assertThat(app.log()).contains("Started WebApplication").doesNotContain("restartedMain")
          .doesNotContain("Devtools property defaults active");
    } finally {
      FileTrees.deleteRecursively(work.resolve("rootfs"));
    }

    // the SBOM lists what the image holds: nothing that was left out
    String sbom = Files.readString(project.resolve("target/builder/sbom.spdx.json"));
    assertThat(sbom).doesNotContain("spring-boot-devtools").doesNotContain("spring-boot-docker-compose")
        .doesNotContain("pkg:maven/com.h2database/h2@").contains("pkg:maven/com.google.code.findbugs/jsr305@");
  }

  @Test
  void devtoolsAreKeptForADebugImageOnlyWhenAskedFor(RegistryServer registry) throws Exception {
    Path project = Maven.sample("spring-boot-40-devtools", "spring-boot-devtools-kept");
    Maven.Result result = new Maven(project.getParent())
        .run(project, "package", "builder:push", "-Dbuilder.includeDevtools=true",
            "-Dbuilder.repository=" + registry.host() + "/debug", "-Dbuilder.from=" + base)
        .succeeded();
    assertThat(result.output()).doesNotContain("spring-boot-devtools (excludeDevtools)")
        .contains("spring-boot-docker-compose (excludeDockerCompose)");
    Image image = ImageRun.pull(registry.host() + "/debug/spring-boot-40-devtools:1.0.0",
        project.resolve("target/pull-cache"));
    assertThat(String.join(" ", image.config().config().entrypoint())).contains("/app/libs/spring-boot-devtools-");
  }

  /** The jar names in the module's executable jar, without the layer tools repackage adds for itself. */
  private static Set<String> bootInfLib(Path jar) throws IOException {
    Set<String> names = new TreeSet<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      zip.stream().map(e -> e.getName()).filter(n -> n.startsWith("BOOT-INF/lib/") && n.endsWith(".jar"))
          .map(n -> n.substring("BOOT-INF/lib/".length()))
          .filter(n -> !n.startsWith("spring-boot-jarmode-"))
          .forEach(names::add);
    }
    return names;
  }

  private static Set<String> files(Path folder) throws IOException {
    try (Stream<Path> list = Files.list(folder)) {
      return new TreeSet<>(list.map(p -> p.getFileName().toString()).toList());
    }
  }
}
