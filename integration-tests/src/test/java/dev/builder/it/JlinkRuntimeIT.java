package dev.builder.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builder.core.image.Image;
import dev.builder.core.image.Layer;
import dev.builder.testing.ContainerRun;
import dev.builder.testing.FileTrees;
import dev.builder.testing.ImageRun;
import dev.builder.testing.RegistryExtension;
import dev.builder.testing.RegistryServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Images whose Java runtime builder links from the build JDK, cut to the modules the application uses, on a base
 * without Java: pushed, pulled and run as users run them.
 */
@Tag("maven")
@Tag("registry")
@Tag("root")
@ExtendWith(RegistryExtension.class)
class JlinkRuntimeIT {
  private static String base;

  @BeforeAll
  static void pushBase(RegistryServer registry) throws Exception {
    base = Fixtures.pushBaseWithoutJava(registry);
  }

  @Test
  void helloHttpRunsOnItsOwnRuntimeWhichARebuildTakesFromTheCache(RegistryServer registry) throws Exception {
    Path project = Maven.sample("hello-http", "hello-jlink");
    Maven maven = new Maven(project.getParent());
    maven.run(project, "package", "builder:push", "-Dbuilder.repository=" + registry.host() + "/apps",
        "-Dbuilder.from=" + base, "-Dbuilder.runtime=jlink").succeeded();
    String name = registry.host() + "/apps/hello-http:1.0.0";
    Image image = ImageRun.pull(name, project.resolve("target/pull-cache"));

    // base, runtime, resources, classes, extra files
    assertThat(image.layers()).hasSize(5);
    Layer runtime = image.layers().get(1);
    var config = image.config().config();
    assertThat(config.entrypoint()).startsWith("/opt/java/bin/java");
    assertThat(config.envValue("JAVA_HOME")).isEqualTo("/opt/java");
    assertThat(config.envValue("JAVA_VERSION")).startsWith(Runtime.version().feature() + ".");
    assertThat(image.config().history().get(1).createdBy())
        .contains("jlink").contains("java.base").contains("jdk.httpserver").contains("jdk.crypto.ec")
        .doesNotContain("java.desktop");
    assertThat(Images.runAndGet(name, project.resolve("target/run"))).isEqualTo("Hello, world!");

    // a rebuild, even after clean, takes the runtime from the cache: the same bytes, jlink not run
    FileTrees.deleteRecursively(project.resolve("target"));
    Maven.Result again = maven.run(project, "package", "builder:push", "-Dbuilder.repository=" + registry.host()
        + "/apps", "-Dbuilder.from=" + base, "-Dbuilder.runtime=jlink").succeeded();
    assertThat(again.output()).doesNotContain("linking a Java");
    Image rebuilt = ImageRun.pull(name, project.resolve("target/pull-cache"));
    assertThat(rebuilt.layers().get(1).descriptor()).isEqualTo(runtime.descriptor());
    assertThat(rebuilt.digest()).isEqualTo(image.digest());
  }

  /**
   * A module the application loads by name only is not found by jdeps: the image fails at start-up with the JDK's
   * ClassNotFoundException, which the README explains; naming the module in jlinkModules fixes it.
   */
  @Test
  void aModuleLoadedByNameIsMissingUntilJlinkModulesNamesIt(RegistryServer registry) throws Exception {
    Path project = Maven.sample("hello-http", "hello-jlink-missing");
    Path source = project.resolve("src/main/java/com/example/hello/Hello.java");
    Files.writeString(source, Files.readString(source).replace("    int port =",
        "    Class.forName(\"java.sql.\" + \"DriverManager\"); // by name only: jdeps cannot see it\n    int port ="));
    Maven maven = new Maven(project.getParent());
    maven.run(project, "package", "builder:push", "-Dbuilder.repository=" + registry.host() + "/apps",
        "-Dbuilder.from=" + base, "-Dbuilder.runtime=jlink").succeeded();
    String name = registry.host() + "/apps/hello-http:1.0.0";
    Path work = project.resolve("target/run");
    Files.createDirectories(work);
    try (ContainerRun app = ImageRun.start(name, work, Map.of("PORT", "0"))) {
      Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
      while (app.isAlive() && Instant.now().isBefore(deadline)) {
        Thread.sleep(100);
      }
      assertThat(app.isAlive()).isFalse();
      assertThat(app.log()).contains("java.lang.ClassNotFoundException: java.sql.DriverManager");
    } finally {
      FileTrees.deleteRecursively(work);
    }

    maven.run(project, "package", "builder:push", "-Dbuilder.repository=" + registry.host() + "/apps",
        "-Dbuilder.from=" + base, "-Dbuilder.runtime=jlink", "-Dbuilder.jlinkModules=java.sql").succeeded();
    assertThat(Images.runAndGet(name, project.resolve("target/run"))).isEqualTo("Hello, world!");
  }

  @Test
  void springBootWebRunsOnItsOwnRuntime(RegistryServer registry) throws Exception {
    Path project = Maven.sample("spring-boot-web", "spring-boot-jlink");
    new Maven(project.getParent())
        .run(project, "package", "builder:push", "-Dbuilder.repository=" + registry.host() + "/apps",
            "-Dbuilder.from=" + base, "-Dbuilder.runtime=jlink")
        .succeeded();
    String name = registry.host() + "/apps/spring-boot-web:1.0.0";
    Image image = ImageRun.pull(name, project.resolve("target/pull-cache"));
    assertThat(image.config().history().get(1).createdBy()).contains("jlink").contains("java.base");
    // the SBOM that push attaches lists the linked runtime, its version and modules, where a base's Java would be
    String sbom = Files.readString(project.resolve("target/builder/sbom.spdx.json"));
    assertThat(sbom).contains("the Java runtime linked by jlink for the application, with the modules java.base")
        .contains(image.config().config().envValue("JAVA_VERSION")).doesNotContain("Java runtime of the base image");
    assertThat(Images.runAndGet(name, project.resolve("target/run"))).isEqualTo("Hello, world!");
  }

  @Test
  void anotherPlatformThanTheBuildJdksIsRefusedWithTheWayOut(RegistryServer registry) throws Exception {
    Path project = Maven.sample("hello-http", "hello-jlink-arm64");
    String multiPlatform = Fixtures.pushMultiPlatformBase(registry); // the Java in it is not used
    Maven.Result result = new Maven(project.getParent())
        .run(project, "package", "builder:build", "-Dbuilder.repository=" + registry.host() + "/apps",
            "-Dbuilder.from=" + multiPlatform, "-Dbuilder.runtime=jlink", "-Dbuilder.platforms=linux/arm64")
        .failed();
    assertThat(result.output()).contains("runtime jlink links the build JDK's modules, which are for linux/amd64,"
        + " so it cannot make a runtime for linux/arm64");
  }
}
