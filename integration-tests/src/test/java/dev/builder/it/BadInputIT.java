package dev.builder.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builder.testing.RegistryExtension;
import dev.builder.testing.RegistryServer;
import dev.builder.testing.SilentServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each bad input fails the build with one message that names the thing and the fix, and leaves no image output in
 * target/builder (not even the one a previous good build left there), nothing half-written, and nothing written
 * outside the folders it was meant for. In the arguments, BASE is the test base image, REGISTRY the test registry,
 * SILENT a registry that accepts connections and never answers, and FIXTURES the folder of {@link BadFixtures}.
 */
@Tag("maven")
@Tag("registry")
@Tag("root")
@ExtendWith(RegistryExtension.class)
class BadInputIT {
  private static String registryHost;
  private static String base;
  private static Path fixtures;
  private static SilentServer silent;

  @BeforeAll
  static void setUp(RegistryServer registry) throws Exception {
    registryHost = registry.host();
    base = Fixtures.pushBase(registry);
    fixtures = BadFixtures.write(Path.of(System.getProperty("it.work"), "bad-fixtures"));
    silent = SilentServer.start();
  }

  @AfterAll
  static void tearDown() throws Exception {
    silent.close();
  }

  static Stream<Arguments> badInputs() {
    return Stream.of(
        Arguments.of("push with no repository", "hello-http", List.of("builder:push", "-Dbuilder.from=BASE"),
            "no repository to push hello-http to. Set <repository>"),
        Arguments.of("invalid image reference", "hello-http", List.of("builder:build", "-Dbuilder.image=Not/Valid!",
            "-Dbuilder.from=BASE"), "'Not/Valid!' is not a valid image reference"),
        Arguments.of("invalid tag", "hello-http", List.of("builder:build", "-Dbuilder.tags=-bad",
            "-Dbuilder.from=BASE"), "'-bad' is not a valid tag"),
        Arguments.of("unreachable base registry", "hello-http", List.of("builder:build",
            "-Dbuilder.from=127.0.0.1:1/nothing:1"), "registry 127.0.0.1:1 refused the connection"),
        Arguments.of("unknown base image", "hello-http", List.of("builder:build",
            "-Dbuilder.from=REGISTRY/no/such-base:1"), "has no no/such-base 1 (HTTP 404)"),
        Arguments.of("invalid base reference", "hello-http", List.of("builder:build",
            "-Dbuilder.from=UPPER/Case"), "'UPPER/Case' is not a valid image reference"),
        Arguments.of("missing oci-layout folder", "hello-http", List.of("builder:build",
            "-Dbuilder.from=oci-layout://no-such-folder"), "no-such-folder is not a directory"),
        Arguments.of("oci-layout folder that is no layout", "hello-http", List.of("builder:build",
            "-Dbuilder.from=oci-layout://src"), "is not an OCI image layout: it has no index.json"),
        Arguments.of("missing tarball", "hello-http", List.of("builder:build",
            "-Dbuilder.from=tar://no-such.tar"), "no-such.tar is not a file"),
        Arguments.of("tarball that is no image", "hello-http", List.of("builder:build",
            "-Dbuilder.from=tar://pom.xml"), "is not a readable tar archive"),
        Arguments.of("unknown SBOM format", "hello-http", List.of("builder:sbom", "-Dbuilder.from=BASE",
            "-Dbuilder.sbom=nonsense"), "'nonsense' is not an SBOM format; use one of spdx, cyclonedx, spdx3, none"),
        Arguments.of("ambiguous main class", "two-mains", List.of("builder:build", "-Dbuilder.from=BASE"),
            "found several classes with a main method: com.example.two.First, com.example.two.Second"),
        Arguments.of("base without the requested platform", "hello-http", List.of("builder:build",
            "-Dbuilder.from=BASE", "-Dbuilder.platforms=linux/amd64,linux/arm64"),
            "is for linux/amd64 only, not linux/arm64"),
        Arguments.of("base without the platform of the former builder.platform", "hello-http",
            List.of("builder:build", "-Dbuilder.from=BASE", "-Dbuilder.platform=linux/arm64"),
            "is for linux/amd64 only, not linux/arm64"),
        Arguments.of("platform that is no platform", "hello-http", List.of("builder:build", "-Dbuilder.from=BASE",
            "-Dbuilder.platforms=linux"), "'linux' is not a platform; write os/architecture[/variant]"),
        Arguments.of("a platform listed twice", "hello-http", List.of("builder:build", "-Dbuilder.from=BASE",
            "-Dbuilder.platforms=linux/arm64,linux/arm64/v8"), "platform linux/arm64/v8 is listed twice"),
        Arguments.of("platform and platforms both set", "hello-http", List.of("builder:build", "-Dbuilder.from=BASE",
            "-Dbuilder.platform=linux/amd64", "-Dbuilder.platforms=linux/arm64"),
            "both builder.platform (linux/amd64) and builder.platforms (linux/arm64) are set"),
        Arguments.of("configured main class that does not exist", "hello-http", List.of("builder:build",
            "-Dbuilder.from=BASE", "-Dbuilder.mainClass=does.not.Exist"),
            "the main class does.not.Exist is neither in"),
        Arguments.of("base on a registry that never answers", "hello-http", List.of("builder:build",
            "-Dbuilder.from=SILENT/nothing:1", "-Dbuilder.registryTimeout=2"),
            "cannot pull base image SILENT/nothing:1 (authenticate): registry SILENT did not answer within 2 s"),
        Arguments.of("push to a registry that never answers", "hello-http", List.of("builder:push",
            "-Dbuilder.from=BASE", "-Dbuilder.repository=SILENT/apps", "-Dbuilder.registryTimeout=2"),
            "cannot push SILENT/apps/hello-http (authenticate): registry SILENT did not answer within 2 s"),
        Arguments.of("negative retries", "hello-http", List.of("builder:build", "-Dbuilder.from=BASE",
            "-Dbuilder.retries=-1"), "builder.retries must be 0 or more, not -1"),
        Arguments.of("zero registry timeout", "hello-http", List.of("builder:build", "-Dbuilder.from=BASE",
            "-Dbuilder.registryTimeout=0"), "builder.registryTimeout must be at least 1 (seconds), not 0"),
        Arguments.of("oci-layout with a changed layer", "hello-http", List.of("builder:build",
            "-Dbuilder.from=oci-layout://FIXTURES/corrupt-layout:latest"),
            "is corrupt: its content has digest"),
        Arguments.of("oci-layout with a malformed index.json", "hello-http", List.of("builder:build",
            "-Dbuilder.from=oci-layout://FIXTURES/malformed-layout"), "index.json is not valid JSON"),
        Arguments.of("tarball with an entry leaving its folder", "hello-http", List.of("builder:build",
            "-Dbuilder.from=tar://FIXTURES/dotdot.tar"),
            "has an entry '../evil' that points outside the archive"),
        Arguments.of("tarball with a symlink leaving its folder", "hello-http", List.of("builder:build",
            "-Dbuilder.from=tar://FIXTURES/symlink.tar"), "has an entry 'blobs' that points outside the archive"),
        Arguments.of("tarball with a device file", "hello-http", List.of("builder:build",
            "-Dbuilder.from=tar://FIXTURES/device.tar"),
            "has an entry 'dev/null' that is a device, FIFO or other special file"),
        Arguments.of("tarball that holds no image", "hello-http", List.of("builder:build",
            "-Dbuilder.from=tar://FIXTURES/no-image.tar"),
            "is not an image tarball: it has neither index.json nor manifest.json"),
        Arguments.of("tarball with a changed layer", "hello-http", List.of("builder:build",
            "-Dbuilder.from=tar://FIXTURES/corrupt-layer.tar"), "is corrupt: its content has digest"),
        Arguments.of("base with no Java", "hello-http", List.of("builder:build",
            "-Dbuilder.from=oci-layout://FIXTURES/no-java-layout"), "has no Java runtime (no JAVA_VERSION or"
            + " JAVA_HOME variable, no Java release file), but the image's entrypoint runs java"),
        Arguments.of("extra file linking outside the project", "hello-http", List.of("builder:build",
            "-Dbuilder.from=BASE"), "src/main/builder/etc/docker/config.json is a symbolic link to "),
        Arguments.of("extra file named as a whiteout", "hello-http", List.of("builder:build", "-Dbuilder.from=BASE"),
            "would be the image's /etc/.wh.passwd, but a name starting with '.wh.' is a whiteout"),
        Arguments.of("FIFO among the extra files", "hello-http", List.of("builder:build", "-Dbuilder.from=BASE"),
            "src/main/builder/run/app.pipe is a FIFO (named pipe); an image takes only files, folders and links"));
  }

  /** What a case puts into its copy of the sample before the build, by the case's name. */
  private static final Map<String, Preparation> PREPARATIONS = Map.of(
      "extra file linking outside the project", project -> {
        Path secret = Files.writeString(project.resolveSibling(project.getFileName() + "-docker-config.json"),
            "{\"auths\":{}}");
        Path link = project.resolve("src/main/builder/etc/docker/config.json");
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, secret);
      },
      "extra file named as a whiteout", project -> {
        Path whiteout = project.resolve("src/main/builder/etc/.wh.passwd");
        Files.createDirectories(whiteout.getParent());
        Files.writeString(whiteout, "");
      },
      "FIFO among the extra files", project -> {
        Path fifo = project.resolve("src/main/builder/run/app.pipe");
        Files.createDirectories(fifo.getParent());
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor()).isZero();
      });

  private interface Preparation {
    void apply(Path project) throws Exception;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void failsWithOneClearMessageAndNoOutput(String what, String sample, List<String> goals, String message)
      throws Exception {
    Path project = Maven.sample(sample, "bad-" + what.replace(' ', '-'));
    PREPARATIONS.getOrDefault(what, p -> { }).apply(project);
    Path stale = project.resolve("target/builder/image.json");
    Files.createDirectories(stale.getParent());
    Files.writeString(stale, "{\"from\":\"an earlier build\"}");

    List<String> args = new ArrayList<>(List.of("package"));
    goals.forEach(g -> args.add(resolve(g)));
    Maven.Result result = new Maven(project.getParent()).run(project, args.toArray(String[]::new)).failed();

    List<String> failures = result.output().lines().filter(l -> l.startsWith("[ERROR] Failed to execute goal")).toList();
    assertThat(failures).hasSize(1);
    assertThat(failures.get(0)).contains("builder: ").contains(resolve(message));
    if (goals.get(0).equals("builder:build")) {
      assertThat(project.resolve("target/builder/image.json")).doesNotExist();
    }
    assertThat(project.resolve("target/builder/image")).doesNotExist();
    assertThat(project.resolve("target/builder/image.tar")).doesNotExist();
    Path cache = project.resolveSibling(project.getFileName() + "-cache");
    for (Path folder : List.of(project, cache)) {
      if (Files.isDirectory(folder)) {
        try (Stream<Path> files = Files.walk(folder)) {
          assertThat(files.map(f -> f.getFileName().toString()))
              .as("half-written files, or files written through a bad entry, in %s", folder)
              .noneMatch(f -> f.contains(".partial") || f.equals("evil"));
        }
      }
    }
  }

  private static String resolve(String text) {
    return text.replace("BASE", base).replace("REGISTRY", registryHost).replace("SILENT", silent.host())
        .replace("FIXTURES", fixtures.toString());
  }
}
