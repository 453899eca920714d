package dev.builder.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builder.core.BuildListener;
import dev.builder.core.cache.BlobCache;
import dev.builder.core.image.Descriptor;
import dev.builder.core.image.Digest;
import dev.builder.core.image.Image;
import dev.builder.core.image.Index;
import dev.builder.core.image.Json;
import dev.builder.core.image.Layer;
import dev.builder.core.image.MediaTypes;
import dev.builder.core.image.Platform;
import dev.builder.core.registry.CredentialSource;
import dev.builder.core.registry.ImageName;
import dev.builder.core.registry.Registries;
import dev.builder.core.registry.RegistrySource;
import dev.builder.core.registry.RepositoryClient;
import dev.builder.core.registry.RepositoryClient.RawManifest;
import dev.builder.testing.RegistryExtension;
import dev.builder.testing.RegistryServer;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One build for linux/amd64 and linux/arm64 on a two-platform base index pushed to the real registry: the index
 * under every tag, each platform's image on its own base with the same application layers, an SBOM attached to
 * every digest, and the amd64 image running. The arm64 image is checked by what it holds, not run.
 */
@Tag("maven")
@Tag("registry")
@Tag("root")
@Tag("skopeo")
@ExtendWith(RegistryExtension.class)
class MultiPlatformIT {
  private static final Platform AMD64 = Platform.LINUX_AMD64;
  private static final Platform ARM64 = new Platform("linux", "arm64", "v8");
  private static String base;

  @BeforeAll
  static void pushBase(RegistryServer registry) throws Exception {
    base = Fixtures.pushMultiPlatformBase(registry);
  }

  @Test
  void pushesAnIndexOfBothPlatformsWithSbomsAndTheAmd64ImageRuns(RegistryServer registry) throws Exception {
    Path project = Maven.sample("hello-http", "multi-push");
    Maven.Result result = new Maven(project.getParent())
        .run(project, "package", "builder:build", "builder:push", "-Dbuilder.platforms=linux/amd64,linux/arm64",
            "-Dbuilder.repository=" + registry.host() + "/multi", "-Dbuilder.from=" + base)
        .succeeded();
    String name = registry.host() + "/multi/hello-http";
    JsonNode json = Images.imageJson(project);
    Digest digest = Digest.parse(json.get("digest").asText());
    assertThat(result.lastPluginLine()).isEqualTo(name + "@" + digest);
    assertThat(json.get("mediaType").asText()).isEqualTo(MediaTypes.OCI_INDEX);
    assertThat(result.output()).contains("docker load takes one platform's image");

    try (Registries registries = new Registries(BuildListener.SILENT, CredentialSource.ANONYMOUS, false)) {
      RepositoryClient client = registries.forPull(ImageName.parse(name));
      RawManifest top = client.pullManifest("1.0.0");
      assertThat(top.digest()).isEqualTo(digest);
      assertThat(client.pullManifest("latest").digest()).isEqualTo(digest);
      assertThat(top.mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
      Index index = Index.parse(top.bytes(), "pushed index");
      assertThat(index.manifests()).extracting(Descriptor::platform).containsExactly(AMD64, ARM64);
      assertThat(index.annotations())
          .containsEntry("org.opencontainers.image.base.name", base)
          .containsEntry("org.opencontainers.image.base.digest", Fixtures.digestOf(base))
          .containsEntry("org.opencontainers.image.title", "Hello HTTP");
      assertThat(json.get("platforms")).extracting(p -> p.get("digest").asText())
          .containsExactlyElementsOf(index.manifests().stream().map(d -> d.digest().toString()).toList());

      Image amd64 = pull(registries, name + ":1.0.0", AMD64, project);
      Image arm64 = pull(registries, name + ":1.0.0", ARM64, project);
      assertThat(amd64.config().platform()).isEqualTo(AMD64);
      assertThat(arm64.config().platform()).isEqualTo(ARM64);
      assertThat(List.of(amd64.digest(), arm64.digest()))
          .containsExactlyElementsOf(index.manifests().stream().map(Descriptor::digest).toList());
      for (Image image : List.of(amd64, arm64)) {
        assertThat(image.manifest().annotations())
            .containsEntry("org.opencontainers.image.base.name", base)
            .containsEntry("org.opencontainers.image.base.digest", Fixtures.digestOf(base));
      }
      // the arm64 base has one more layer than the amd64 one; the application layers on top are the same blobs
      List<Digest> amd64App = digests(amd64.layers().subList(1, amd64.layers().size()));
      List<Digest> arm64App = digests(arm64.layers().subList(2, arm64.layers().size()));
      assertThat(amd64App).hasSize(3).isEqualTo(arm64App);
      assertThat(arm64.config().config().entrypoint()).isEqualTo(amd64.config().config().entrypoint());

      // one SBOM per digest, attached where cosign looks, the same bytes as the files in target/builder
      Map<Digest, String> sboms = Map.of(digest, "sbom.spdx.json", amd64.digest(), "sbom.linux-amd64.spdx.json",
          arm64.digest(), "sbom.linux-arm64-v8.spdx.json");
      for (Map.Entry<Digest, String> sbom : sboms.entrySet()) {
        byte[] file = Files.readAllBytes(project.resolve("target/builder").resolve(sbom.getValue()));
        JsonNode cosign = Json.parse(client.pullManifest("sha256-" + sbom.getKey().hex() + ".sbom").bytes(), "cosign");
        assertThat(blob(client, cosign.get("layers").get(0).get("digest").asText())).as(sbom.getValue())
            .isEqualTo(file);
        assertThat(new String(file)).as(sbom.getValue()).contains(sbom.getKey().hex());
      }
      assertThat(new String(Files.readAllBytes(project.resolve("target/builder/sbom.linux-amd64.spdx.json"))))
          .contains("pkg:deb/debian/libc6");
    }

    // independent tools read the layout and the OCI archive as an index and pick each platform
    Path layout = project.resolve("target/builder/image");
    JsonNode raw = Images.json(Images.tool("skopeo", "inspect", "--raw", "oci:" + layout + ":1.0.0"));
    assertThat(raw.get("mediaType").asText()).isEqualTo(MediaTypes.OCI_INDEX);
    assertThat(raw.get("manifests")).hasSize(2);
    JsonNode arm = Images.json(Images.tool("skopeo", "--override-arch", "arm64", "inspect",
        "oci-archive:" + project.resolve("target/builder/image.tar") + ":1.0.0"));
    assertThat(arm.get("Architecture").asText()).isEqualTo("arm64");

    assertThat(Images.runAndGet(name + ":1.0.0", project.resolve("target/run"))).isEqualTo("Hello, world!");
  }

  @Test
  void aPlatformTheBaseLacksFailsListingThePlatformsItHas(RegistryServer registry) throws Exception {
    Path project = Maven.sample("hello-http", "multi-armv7");
    Maven.Result result = new Maven(project.getParent())
        .run(project, "package", "builder:push", "-Dbuilder.platforms=linux/amd64,linux/arm/v7",
            "-Dbuilder.repository=" + registry.host() + "/multi-armv7", "-Dbuilder.from=" + base)
        .failed();
    assertThat(result.output()).contains("has no image for platform linux/arm/v7; it has linux/amd64,"
        + " linux/arm64/v8. Choose one of those, or another base image.");
    assertThat(project.resolve("target/builder/image.json")).doesNotExist();
  }

  @Test
  void allTakesEveryPlatformOfTheBaseAndOnePlatformStaysAPlainImage(RegistryServer registry) throws Exception {
    Path project = Maven.sample("hello-http", "multi-all");
    Maven maven = new Maven(project.getParent());
    maven.run(project, "package", "builder:build", "-Dbuilder.platforms=all", "-Dbuilder.from=" + base).succeeded();
    assertThat(Images.imageJson(project).get("platforms")).extracting(p -> p.get("platform").asText())
        .containsExactly("linux/amd64", "linux/arm64/v8");

    maven.run(project, "package", "builder:push", "-Dbuilder.platforms=linux/arm64",
        "-Dbuilder.repository=" + registry.host() + "/multi-one", "-Dbuilder.from=" + base).succeeded();
    try (Registries registries = new Registries(BuildListener.SILENT, CredentialSource.ANONYMOUS, false)) {
      String name = registry.host() + "/multi-one/hello-http";
      RawManifest top = registries.forPull(ImageName.parse(name)).pullManifest("latest");
      assertThat(top.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
      assertThat(pull(registries, name + ":latest", ARM64, project).config().platform()).isEqualTo(ARM64);
    }
  }

  @Test
  void platformBasesGiveEachPlatformItsOwnBase(RegistryServer registry) throws Exception {
    String amd64Base = Fixtures.pushBase(registry);
    String arm64Base = Fixtures.pushArm64Base(registry);
    Path project = Maven.sample("hello-http", "multi-platform-bases");
    Path pom = project.resolve("pom.xml");
    // the platforms as the POM's list elements, as a parent POM would declare them
    Files.writeString(pom, Files.readString(pom).replace("<configuration>", "<configuration>\n"
        + "<platforms><platform>linux/amd64</platform><platform>linux/arm64</platform></platforms>\n"
        + "<platformBases><platformBase><platform>linux/arm64</platform><from>" + arm64Base
        + "</from></platformBase></platformBases>"));
    new Maven(project.getParent())
        .run(project, "package", "builder:push",
            "-Dbuilder.repository=" + registry.host() + "/multi-bases", "-Dbuilder.from=" + amd64Base)
        .succeeded();

    String name = registry.host() + "/multi-bases/hello-http:1.0.0";
    try (Registries registries = new Registries(BuildListener.SILENT, CredentialSource.ANONYMOUS, false)) {
      Index index = Index.parse(registries.forPull(ImageName.parse(name)).pullManifest("1.0.0").bytes(), "index");
      assertThat(index.manifests()).extracting(Descriptor::platform).containsExactly(AMD64, ARM64);
      assertThat(index.annotations()).doesNotContainKey("org.opencontainers.image.base.name")
          .containsEntry("org.opencontainers.image.title", "Hello HTTP");
      assertThat(pull(registries, name, AMD64, project).manifest().annotations())
          .containsEntry("org.opencontainers.image.base.name", amd64Base)
          .containsEntry("org.opencontainers.image.base.digest", Fixtures.digestOf(amd64Base));
      assertThat(pull(registries, name, ARM64, project).manifest().annotations())
          .containsEntry("org.opencontainers.image.base.name", arm64Base)
          .containsEntry("org.opencontainers.image.base.digest", Fixtures.digestOf(arm64Base));
    }
  }

  private static Image pull(Registries registries, String reference, Platform platform, Path project) {
    return new RegistrySource(registries, new BlobCache(project.resolve("target/pull-cache")),
        ImageName.parse(reference)).resolve(platform).image();
  }

  private static List<Digest> digests(List<Layer> layers) {
    return layers.stream().map(Layer::digest).toList();
  }

  private static byte[] blob(RepositoryClient client, String digest) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    client.pullBlob(Digest.parse(digest), out);
    return out.toByteArray();
  }
}
