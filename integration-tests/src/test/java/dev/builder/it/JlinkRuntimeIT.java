package dev.builder.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builder.core.image.ConfigFile;
import dev.builder.core.image.Image;
import dev.builder.core.image.ImageIndex;
import dev.builder.core.image.Layer;
import dev.builder.core.image.LayerCompression;
import dev.builder.core.image.Platform;
import dev.builder.core.layout.OciLayoutSink;
import dev.builder.core.layout.OciLayoutSource;
import dev.builder.testing.BaseImageFixture;
import dev.builder.testing.ContainerRun;
import dev.builder.testing.FileTrees;
import dev.builder.testing.ImageRun;
import dev.builder.testing.JdkImageFixture;
import dev.builder.testing.RegistryExtension;
import dev.builder.testing.RegistryServer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
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
  private static final Platform ARM64 = new Platform("linux", "arm64", "v8");
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

  /**
   * A JDK image named in jdkImage gives the runtime its modules, for every platform: here a stand-in for Temurin's
   * made of the build JDK's own jmods (no internet), read as an OCI layout. Its jmods are taken out once, into the
   * cache folder by its digest; the runtime runs, and the SBOM names its vendor and where its modules came from.
   */
  @Test
  void aJdkImageGivesTheRuntimeItsModulesWhichAreTakenOutOnce(RegistryServer registry) throws Exception {
    Path project = Maven.sample("hello-http", "hello-jlink-jdk-image");
    Path jdkHome = Path.of(System.getProperty("java.home"));
    Path layout = project.resolve("fixtures/stand-in-jdk");
    Image jdk = JdkImageFixture.image(jdkHome.resolve("jmods"), "opt/java/openjdk",
        JdkImageFixture.release(jdkHome, Map.of("IMPLEMENTOR", "Stand-in Adoptium")), Platform.LINUX_AMD64,
        project.resolve("fixtures/work"));
    new OciLayoutSink(layout).write(jdk, List.of("17"));
    String[] args = {"package", "builder:push", "-Dbuilder.repository=" + registry.host() + "/apps",
        "-Dbuilder.from=" + base, "-Dbuilder.runtime=jlink", "-Dbuilder.jdkImage=oci-layout://" + layout + ":17"};
    Path cache = project.resolveSibling(project.getFileName() + "-cache");
    FileTrees.deleteRecursively(cache); // left by an earlier run
    Maven maven = new Maven(project.getParent());
    Maven.Result first = maven.run(project, args).succeeded();
    assertThat(first.output()).contains("linking a Java " + Runtime.version().feature() + ".");
    assertThat(cache.resolve("jdk").resolve(jdk.digest().hex()).resolve("jmods/java.base.jmod")).isRegularFile();

    String name = registry.host() + "/apps/hello-http:1.0.0";
    Image image = ImageRun.pull(name, project.resolve("target/pull-cache"));
    assertThat(image.config().history().get(1).createdBy()).contains("jlink").contains("jdk.httpserver");
    String sbom = Files.readString(project.resolve("target/builder/sbom.spdx.json"));
    assertThat(sbom).contains("Stand-in Adoptium")
        .contains("from the modules of JDK image oci-layout://stand-in-jdk:17 (" + jdk.digest() + ")")
        .doesNotContain(layout.getParent().toString());
    assertThat(Images.runAndGet(name, project.resolve("target/run"))).isEqualTo("Hello, world!");

    // a rebuild after clean takes the runtime from the cache, and the jmods are not taken out again
    Path baseJmod = cache.resolve("jdk").resolve(jdk.digest().hex()).resolve("jmods/java.base.jmod");
    FileTime before = Files.getLastModifiedTime(baseJmod);
    FileTrees.deleteRecursively(project.resolve("target"));
    Maven.Result again = maven.run(project, args).succeeded();
    assertThat(again.output()).doesNotContain("linking a Java");
    assertThat(Files.getLastModifiedTime(baseJmod)).isEqualTo(before);
    assertThat(ImageRun.pull(name, project.resolve("target/pull-cache")).digest()).isEqualTo(image.digest());
  }

  /**
   * An arm64 image built on this amd64 machine gets an arm64 runtime, linked by the build JDK's jlink from the
   * arm64 image of a two-platform JDK image. Its jmods are real arm64 ones: Debian's JDK package for arm64, which
   * .ci/install-deps downloads (Temurin's image is out of reach without internet). Checked by what it holds: its
   * libjvm.so is an aarch64 program, where the amd64 image's is an x86-64 one.
   */
  @Test
  void anArm64ImageGetsAnArm64RuntimeFromTheJdkImagesArm64Image() throws Exception {
    int feature = Runtime.version().feature();
    Path debs = Path.of("/var/cache/builder-ci");
    Path deb;
    try (var found = Files.list(debs)) {
      deb = found.filter(p -> p.getFileName().toString().matches("openjdk-" + feature + "-jdk-headless_.*_arm64\\.deb"))
          .findFirst().orElseThrow(() -> new AssertionError("no openjdk-" + feature + "-jdk-headless arm64 package"
              + " in " + debs + ": run .ci/install-deps"));
    }
    Path project = Maven.sample("hello-http", "hello-jlink-arm64");
    Path unpacked = Files.createDirectories(project.resolve("fixtures/arm64-jdk"));
    Images.tool("dpkg-deb", "-x", deb.toString(), unpacked.toString());
    Path armJmods = unpacked.resolve("usr/lib/jvm/java-" + feature + "-openjdk-arm64/jmods");
    Path jdkHome = Path.of(System.getProperty("java.home"));
    Path work = project.resolve("fixtures/work");
    Image amd64Jdk = JdkImageFixture.image(jdkHome.resolve("jmods"), "usr/lib/jvm/java-" + feature + "-openjdk",
        null, Platform.LINUX_AMD64, work);
    Image arm64Jdk = JdkImageFixture.image(armJmods, "usr/lib/jvm/java-" + feature + "-openjdk", null, ARM64, work);
    Path jdkLayout = project.resolve("fixtures/debian-jdk");
    new OciLayoutSink(jdkLayout).write(ImageIndex.of(List.of(amd64Jdk, arm64Jdk), Map.of()), List.of("latest"));
    // the base without Java for both platforms: the arm64 one need not run here
    Image noJava = new OciLayoutSource(BaseImageFixture.baseWithoutJavaLayout(Fixtures.baseLayout().getParent()),
        BaseImageFixture.TAG, "base").resolve(Platform.LINUX_AMD64).image();
    Image noJavaArm = Image.of(new ConfigFile(ARM64, noJava.config().created(), noJava.config().config(),
        noJava.config().diffIds(), noJava.config().history()), noJava.layers(), Map.of());
    Path baseLayout = project.resolve("fixtures/no-java-multi");
    new OciLayoutSink(baseLayout).write(ImageIndex.of(List.of(noJava, noJavaArm), Map.of()), List.of("latest"));

    new Maven(project.getParent()).run(project, "package", "builder:build",
        "-Dbuilder.from=oci-layout://" + baseLayout + ":latest", "-Dbuilder.runtime=jlink",
        "-Dbuilder.platforms=linux/amd64,linux/arm64", "-Dbuilder.jdkImage=oci-layout://" + jdkLayout + ":latest")
        .succeeded();
    Path built = project.resolve("target/builder/image");
    Image arm64 = new OciLayoutSource(built, "1.0.0", "built").resolve(ARM64).image();
    Image amd64 = new OciLayoutSource(built, "1.0.0", "built").resolve(Platform.LINUX_AMD64).image();
    assertThat(arm64.config().platform()).isEqualTo(ARM64);
    Map<String, byte[]> armRuntime = files(arm64.layers().get(1), "opt/java/lib/server/libjvm.so", "opt/java/release");
    Map<String, byte[]> amdRuntime = files(amd64.layers().get(1), "opt/java/lib/server/libjvm.so", "opt/java/release");
    assertThat(elfMachine(armRuntime.get("opt/java/lib/server/libjvm.so"))).isEqualTo(183); // EM_AARCH64
    assertThat(elfMachine(amdRuntime.get("opt/java/lib/server/libjvm.so"))).isEqualTo(62); // EM_X86_64
    assertThat(new String(armRuntime.get("opt/java/release"), StandardCharsets.UTF_8))
        .contains("JAVA_VERSION=\"" + arm64.config().config().envValue("JAVA_VERSION") + "\"")
        .contains("java.base");
    assertThat(arm64.config().config().envValue("JAVA_VERSION")).startsWith(feature + ".");
    assertThat(arm64.config().config().entrypoint()).startsWith("/opt/java/bin/java");
    // the application layers are the same blobs on both
    assertThat(arm64.layers().subList(2, arm64.layers().size()))
        .isEqualTo(amd64.layers().subList(2, amd64.layers().size()));
  }

  /** The build JDK's jlink links only its own Java version: another release is refused with the way out. */
  @Test
  void aReleaseOtherThanTheBuildJdksIsRefusedWithTheWayOut() throws Exception {
    int feature = Runtime.version().feature();
    Path project = Maven.sample("hello-http", "hello-jlink-release");
    Path pom = project.resolve("pom.xml");
    Files.writeString(pom, Files.readString(pom).replace("<maven.compiler.release>17<",
        "<maven.compiler.release>" + (feature - 1) + "<"));
    Maven.Result result = new Maven(project.getParent())
        .run(project, "package", "builder:build", "-Dbuilder.from=" + base, "-Dbuilder.runtime=jlink")
        .failed();
    assertThat(result.output()).contains("runtime jlink links with the build JDK's jlink, which is Java " + feature
        + " and links only Java " + feature + " modules, but the project's release is Java " + (feature - 1)
        + ": run Maven on a JDK " + (feature - 1));
  }

  private static Map<String, byte[]> files(Layer layer, String... names) throws Exception {
    Map<String, byte[]> files = new java.util.TreeMap<>();
    List<String> wanted = List.of(names);
    try (InputStream in = LayerCompression.ofMediaType(layer.descriptor().mediaType()).decompress(layer.blob().open());
        TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
        if (wanted.contains(e.getName())) {
          files.put(e.getName(), tar.readAllBytes());
        }
      }
    }
    assertThat(files).containsOnlyKeys(names);
    return files;
  }

  /** e_machine of an ELF file: which processor its code is for. */
  private static int elfMachine(byte[] elf) {
    assertThat(elf).startsWith((byte) 0x7f, (byte) 'E', (byte) 'L', (byte) 'F');
    return (elf[18] & 0xff) | (elf[19] & 0xff) << 8;
  }
}
