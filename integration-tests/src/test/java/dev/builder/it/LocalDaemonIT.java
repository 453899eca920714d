package dev.builder.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builder.core.daemon.DaemonLocator;
import dev.builder.core.daemon.DaemonSource;
import dev.builder.core.image.Digest;
import dev.builder.core.image.Image;
import dev.builder.core.image.Platform;
import dev.builder.core.layout.OciLayoutSource;
import dev.builder.testing.BaseImageFixture;
import dev.builder.testing.PodmanExtension;
import dev.builder.testing.PodmanService;
import dev.builder.testing.RegistryExtension;
import dev.builder.testing.RegistryServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The local daemon as a target and as a source, with real Maven and a real Docker-API daemon (Podman's service):
 * {@code builder:load}, {@code builder:push} to {@code builder.local}, a {@code docker://} base, and no daemon.
 * What the daemon holds is checked with its own API ({@code GET /images/NAME/json}).
 */
@Tag("maven")
@Tag("registry")
@Tag("root")
@Tag("podman")
@Tag("skopeo")
@ExtendWith({RegistryExtension.class, PodmanExtension.class})
class LocalDaemonIT {
  private static String base;

  @BeforeAll
  static void pushBase(RegistryServer registry) throws Exception {
    base = Fixtures.pushBase(registry);
  }

  @Test
  void loadPutsOurImageIntoTheDaemonUnderEveryTag(PodmanService podman) throws Exception {
    Path project = Maven.sample("hello-http", "hello-load");
    Maven maven = new Maven(project.getParent());
    Maven.Result result = maven.run(project, Map.of("DOCKER_HOST", podman.dockerHost()),
        "package", "builder:load", "-Dbuilder.from=" + base).succeeded();

    JsonNode inspect = podman.get("/images/hello-http:1.0.0/json");
    String digest = Images.imageJson(project).get("digest").asText();
    assertThat(inspect.get("RepoTags")).extracting(JsonNode::asText)
        .containsExactlyInAnyOrder("localhost/hello-http:1.0.0", "localhost/hello-http:latest");
    assertThat(inspect.get("RepoDigests")).extracting(JsonNode::asText).contains("localhost/hello-http@" + digest);
    assertThat(inspect.at("/Config/Entrypoint")).extracting(JsonNode::asText)
        .containsExactly("java", "-cp", "/app/resources:/app/classes", "com.example.hello.Hello");
    assertThat(inspect.at("/Config/User").asText()).isEqualTo("65532:65532");
    assertThat(inspect.at("/Config/WorkingDir").asText()).isEqualTo("/app");
    assertThat(inspect.at("/Config/Labels/team").asText()).isEqualTo("hello");
    assertThat(inspect.at("/Config/ExposedPorts").has("8080/tcp")).isTrue();
    assertThat(podman.get("/images/hello-http:latest/json").get("Id")).isEqualTo(inspect.get("Id"));
    assertThat(result.lastPluginLine()).isEqualTo("builder: loaded hello-http:1.0.0, hello-http:latest into "
        + podman.dockerHost() + " as image " + inspect.get("Id").asText());

    // the same build again, written to disk this time (builds are reproducible): the daemon's id is its config
    // digest and its layers are its diff ids
    maven.run(project, "package", "builder:build", "-Dbuilder.from=" + base).succeeded();
    assertThat(Images.imageJson(project).get("digest").asText()).isEqualTo(digest);
    Image built = new OciLayoutSource(project.resolve("target/builder/image"), "1.0.0", "built")
        .resolve(Platform.LINUX_AMD64).image();
    assertThat(inspect.get("Id").asText()).isEqualTo(built.manifest().config().digest().toString());
    assertThat(inspect.at("/RootFS/Layers")).extracting(JsonNode::asText)
        .containsExactlyElementsOf(built.config().diffIds().stream().map(Digest::toString).toList());
  }

  @Test
  void loadOfAMultiPlatformBuildLoadsTheDaemonsPlatform(RegistryServer registry, PodmanService podman)
      throws Exception {
    String multi = Fixtures.pushMultiPlatformBase(registry);
    Path project = Maven.sample("hello-http", "hello-load-multi");
    Maven.Result result = new Maven(project.getParent()).run(project, Map.of("DOCKER_HOST", podman.dockerHost()),
        "package", "builder:load", "-Dbuilder.image=hello-multi", "-Dbuilder.platforms=linux/arm64,linux/amd64",
        "-Dbuilder.from=" + multi).succeeded();

    assertThat(result.output()).contains("multi-platform build (linux/arm64/v8, linux/amd64): loading linux/amd64,"
        + " the platform of the daemon at " + podman.dockerHost());
    JsonNode inspect = podman.get("/images/hello-multi:1.0.0/json");
    assertThat(inspect.get("Architecture").asText()).isEqualTo("amd64");
    assertThat(inspect.at("/RootFS/Layers")).hasSize(4); // the amd64 base's one layer and the application's three
    // image.json names what the daemon holds: the amd64 image, not the index the build made
    JsonNode written = Images.imageJson(project);
    assertThat(written.get("mediaType").asText()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
    assertThat(written.get("platforms")).hasSize(1);
    assertThat(written.at("/platforms/0/platform").asText()).isEqualTo("linux/amd64");
    assertThat(inspect.get("RepoDigests")).extracting(JsonNode::asText)
        .contains("localhost/hello-multi@" + written.get("digest").asText());
  }

  @Test
  void pushToBuilderLocalBuildsOnADockerBaseAndSendsOnlyTheLayersTheDaemonLacks(PodmanService podman)
      throws Exception {
    Path archive = Files.createDirectories(Path.of(System.getProperty("it.work"))).resolve("daemon-base.tar");
    Files.deleteIfExists(archive);
    Images.tool("skopeo", "copy", "oci:" + Fixtures.baseLayout() + ":" + BaseImageFixture.TAG,
        "docker-archive:" + archive + ":base/java:17");
    podman.load(archive); // as docker load -i would
    Path project = Maven.sample("hello-http", "hello-local");

    Maven.Result result = new Maven(project.getParent()).run(project, Map.of("DOCKER_HOST", podman.dockerHost()),
        "package", "builder:push", "-Dbuilder.repository=builder.local", "-Dbuilder.from=docker://base/java:17",
        "-Dbuilder.tags=dev", "-Dbuilder.labels=base=daemon").succeeded(); // a label: not the other test's image

    JsonNode baseLayers = podman.get("/images/base/java:17/json").at("/RootFS/Layers");
    JsonNode inspect = podman.get("/images/hello-http:dev/json");
    assertThat(inspect.get("RepoTags")).extracting(JsonNode::asText).containsExactly("localhost/hello-http:dev");
    assertThat(inspect.at("/RootFS/Layers")).hasSize(4);
    assertThat(inspect.at("/RootFS/Layers/0")).isEqualTo(baseLayers.get(0));
    assertThat(result.output()).contains("base image docker://base/java:17")
        .contains("sent 3 of 4 layers to the daemon at " + podman.dockerHost())
        .contains("it already had the first 1");
    assertThat(Images.imageJson(project).get("image").asText()).isEqualTo("hello-http");

    // what the daemon holds is whole and runs: read it back through the daemon's own export and run it
    Image loaded = new DaemonSource(new DaemonLocator(podman.dockerHost(), List.of()), "hello-http:dev",
        project.resolve("target/daemon-cache"), "loaded").resolve(Platform.LINUX_AMD64).image();
    assertThat(Images.runAndGet(loaded, project.resolve("target/run"))).isEqualTo("Hello, world!");
  }

  @Test
  void withNoDaemonTheBuildFailsNamingTheSocketItTriedAndTheFix() throws Exception {
    Path project = Maven.sample("hello-http", "hello-no-daemon");
    Path socket = project.resolve("no-daemon.sock");

    // the default base (gcr.io) is never pulled: the daemon is looked for before anything is built
    Maven.Result result = new Maven(project.getParent()).run(project, Map.of("DOCKER_HOST", "unix://" + socket),
        "package", "builder:load").failed();

    assertThat(result.output().lines().filter(l -> l.startsWith("[ERROR] Failed to execute goal")).findFirst())
        .hasValueSatisfying(line -> assertThat(line)
            .contains("builder: no Docker-API daemon answered at DOCKER_HOST=unix://" + socket + ": tried unix://"
                + socket + " (no such socket). Start the daemon that listens there, or point DOCKER_HOST at one"));
  }
}
