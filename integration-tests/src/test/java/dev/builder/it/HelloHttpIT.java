package dev.builder.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builder.core.image.Image;
import dev.builder.core.image.Platform;
import dev.builder.core.layout.OciLayoutSource;
import dev.builder.testing.ImageRun;
import dev.builder.testing.RegistryExtension;
import dev.builder.testing.RegistryServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The plain JDK HttpServer sample: build, push, run; the outputs checked by skopeo and umoci. */
@Tag("maven")
@Tag("registry")
@Tag("root")
@Tag("skopeo")
@Tag("umoci")
@ExtendWith(RegistryExtension.class)
class HelloHttpIT {
  private static String base;

  @BeforeAll
  static void pushBase(RegistryServer registry) throws Exception {
    base = Fixtures.pushBase(registry);
  }

  @Test
  void pushedImageRunsAndAnswers(RegistryServer registry) throws Exception {
    Path project = Maven.sample("hello-http", "hello-push");
    Maven.Result result = new Maven(project.getParent())
        .run(project, "package", "builder:push", "-Dbuilder.repository=" + registry.host() + "/apps",
            "-Dbuilder.from=" + base)
        .succeeded();

    String name = registry.host() + "/apps/hello-http";
    assertThat(result.lastPluginLine()).matches(java.util.regex.Pattern.quote(name) + "@sha256:[0-9a-f]{64}");
    JsonNode json = Images.imageJson(project);
    String digest = json.get("digest").asText();
    assertThat(json.get("image").asText()).isEqualTo(name);
    assertThat(json.get("reference").asText()).isEqualTo(name + "@" + digest).isEqualTo(result.lastPluginLine());
    assertThat(json.get("tags")).extracting(JsonNode::asText).containsExactly("1.0.0", "latest");

    Image pulled = ImageRun.pull(name + ":latest", project.resolve("target/pull-cache"));
    assertThat(pulled.digest().toString()).isEqualTo(digest);
    assertThat(ImageRun.pull(name + ":1.0.0", project.resolve("target/pull-cache")).digest()).isEqualTo(pulled.digest());

    var config = pulled.config().config();
    assertThat(config.user()).isEqualTo("65532:65532");
    assertThat(config.workingDir()).isEqualTo("/app");
    assertThat(config.exposedPorts()).containsExactly("8080/tcp");
    assertThat(config.labels()).containsEntry("team", "hello");
    assertThat(config.entrypoint()).containsExactly("java", "-cp", "/app/resources:/app/classes", "com.example.hello.Hello");
    assertThat(pulled.layers()).hasSize(4); // the base's one, then resources, classes, extra files
    assertThat(pulled.manifest().annotations())
        .containsEntry("org.opencontainers.image.title", "Hello HTTP")
        .containsEntry("org.opencontainers.image.description", "A JDK HttpServer that says hello.")
        .containsEntry("org.opencontainers.image.version", "1.0.0")
        .containsEntry("org.opencontainers.image.url", "https://example.com/hello-http")
        .containsEntry("org.opencontainers.image.source", "https://github.com/example/hello-http")
        .containsEntry("org.opencontainers.image.licenses", "Apache-2.0")
        .containsEntry("org.opencontainers.image.vendor", "Example Corp")
        .containsEntry("org.opencontainers.image.created", "2026-01-01T00:00:00Z")
        .containsEntry("org.opencontainers.image.base.name", base)
        .containsKey("org.opencontainers.image.base.digest");
    assertThat(pulled.config().created()).hasToString("2026-01-01T00:00:00Z");

    assertThat(Images.runAndGet(name + ":1.0.0", project.resolve("target/run"))).isEqualTo("Hello, world!");
  }

  /**
   * An artifactId with capitals, lowercased for the image name even under a Turkish locale (where I lowercases to a
   * dotless ı), and a relative link among the extra files, which stays a link in the image.
   */
  @Test
  void anUpperCaseArtifactIdUnderATurkishLocaleAndALinkAmongTheExtraFiles(RegistryServer registry) throws Exception {
    Path project = Maven.sample("hello-http", "hello-upper-case");
    Path pom = project.resolve("pom.xml");
    Files.writeString(pom, Files.readString(pom).replace("<artifactId>hello-http</artifactId>",
        "<artifactId>HelloIT</artifactId>"));
    Files.createSymbolicLink(project.resolve("src/main/builder/etc/hello/current.txt"), Path.of("extra.txt"));
    new Maven(project.getParent())
        .withEnvironment("MAVEN_OPTS", "-Duser.language=tr -Duser.country=TR")
        .run(project, "package", "builder:build", "-Dbuilder.repository=" + registry.host() + "/apps",
            "-Dbuilder.from=" + base)
        .succeeded();

    assertThat(Images.imageJson(project).get("image").asText()).isEqualTo(registry.host() + "/apps/helloit");
    Image image = new OciLayoutSource(project.resolve("target/builder/image"), "1.0.0", "built")
        .resolve(Platform.LINUX_AMD64).image();
    Map<String, TarArchiveEntry> extra = new java.util.LinkedHashMap<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(
        new GZIPInputStream(image.layers().get(image.layers().size() - 1).blob().open()))) {
      for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
        extra.put(e.getName(), e);
      }
    }
    assertThat(extra).containsKeys("etc/hello/extra.txt", "etc/hello/current.txt");
    assertThat(extra.get("etc/hello/current.txt").isSymbolicLink()).isTrue();
    assertThat(extra.get("etc/hello/current.txt").getLinkName()).isEqualTo("extra.txt");
  }

  @Test
  void buildWritesLayoutTarballAndImageJsonThatOtherToolsRead(RegistryServer registry) throws Exception {
    Path project = Maven.sample("hello-http", "hello-build");
    new Maven(project.getParent())
        .run(project, "package", "builder:build", "-Dbuilder.repository=" + registry.host() + "/apps",
            "-Dbuilder.from=" + base)
        .succeeded();
    JsonNode json = Images.imageJson(project);
    String digest = json.get("digest").asText();
    assertThat(json.get("pushed").asBoolean()).isFalse();
    Path layout = project.resolve("target/builder/image");
    Path tarball = project.resolve("target/builder/image.tar");

    JsonNode oci = Images.json(Images.tool("skopeo", "inspect", "oci:" + layout + ":1.0.0"));
    assertThat(oci.get("Digest").asText()).isEqualTo(digest);
    assertThat(oci.get("Layers")).hasSize(4);

    JsonNode archive = Images.json(Images.tool("skopeo", "inspect", "docker-archive:" + tarball));
    assertThat(archive.get("Layers")).hasSize(4);
    assertThat(archive.get("Architecture").asText()).isEqualTo("amd64");
    JsonNode ociArchive = Images.json(Images.tool("skopeo", "inspect", "oci-archive:" + tarball + ":1.0.0"));
    assertThat(ociArchive.get("Digest").asText()).isEqualTo(digest);

    // umoci verifies every blob's digest while it unpacks; the extra file lands at the image root
    Path rootfs = project.resolve("target/umoci-rootfs");
    Images.tool("umoci", "raw", "unpack", "--image", layout + ":latest", rootfs.toString());
    assertThat(rootfs.resolve("etc/hello/extra.txt")).hasContent("extra file");
    assertThat(rootfs.resolve("app/resources/app.properties")).hasContent("greeting=Hello");
    assertThat(rootfs.resolve("app/classes/com/example/hello/Hello.class")).exists();
    assertThat(Files.getAttribute(rootfs.resolve("app/classes/com/example/hello/Hello.class"), "unix:uid")).isEqualTo(0);
  }

  @Test
  void twoCleanBuildsInTwoFoldersGiveTheSameDigest(RegistryServer registry) throws Exception {
    String[] args = {"package", "builder:build", "builder:sbom", "-Dbuilder.repository=" + registry.host() + "/apps",
        "-Dbuilder.from=" + base};
    Path first = Maven.sample("hello-http", "repro-one");
    Path second = Maven.sample("hello-http", "somewhere-else/repro-two");
    new Maven(first.getParent()).run(first, args).succeeded();
    new Maven(second.getParent()).run(second, args).succeeded();
    assertThat(Images.imageJson(second).get("digest").asText())
        .isEqualTo(Images.imageJson(first).get("digest").asText());
    assertThat(Files.mismatch(first.resolve("target/builder/image.tar"), second.resolve("target/builder/image.tar")))
        .isEqualTo(-1L);
    assertThat(Files.mismatch(first.resolve("target/builder/sbom.spdx.json"),
        second.resolve("target/builder/sbom.spdx.json"))).isEqualTo(-1L);
  }

  @Test
  void offlineBaseFromAnOciLayoutOrATarball(RegistryServer registry) throws Exception {
    Path project = Maven.sample("hello-http", "hello-layout-base");
    Maven maven = new Maven(project.getParent());
    maven.run(project, "package", "builder:push", "-Dbuilder.repository=" + registry.host() + "/offline",
        "-Dbuilder.from=oci-layout://" + Fixtures.baseLayout() + ":latest").succeeded();
    String name = registry.host() + "/offline/hello-http:1.0.0";
    assertThat(Images.runAndGet(name, project.resolve("target/run"))).isEqualTo("Hello, world!");

    Path archive = project.getParent().resolve("base-docker-archive.tar");
    Files.deleteIfExists(archive);
    Images.tool("skopeo", "copy", "oci:" + Fixtures.baseLayout() + ":latest", "docker-archive:" + archive);
    maven.run(project, "package", "builder:push", "-Dbuilder.repository=" + registry.host() + "/from-tar",
        "-Dbuilder.from=tar://" + archive).succeeded();
    assertThat(Images.runAndGet(registry.host() + "/from-tar/hello-http:latest", project.resolve("target/run2")))
        .isEqualTo("Hello, world!");
  }
}
