package dev.builder.core.assembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.builder.core.BuildListener;
import dev.builder.core.BuilderException;
import dev.builder.core.daemon.DaemonLocator;
import dev.builder.core.workflow.BuildOutputs;
import dev.builder.core.workflow.ImageRecord;
import dev.builder.core.image.ConfigFile;
import dev.builder.core.image.ContainerConfig;
import dev.builder.core.image.Descriptor;
import dev.builder.core.image.Image;
import dev.builder.core.image.ImageSource;
import dev.builder.core.image.ImageIndex;
import dev.builder.core.image.Index;
import dev.builder.core.image.Layer;
import dev.builder.core.image.MediaTypes;
import dev.builder.core.image.Platform;
import dev.builder.core.java.JavaApplication;
import dev.builder.core.layout.OciLayoutSink;
import dev.builder.core.layout.OciLayoutSource;
import dev.builder.core.policy.ImagePolicy;
import dev.builder.core.registry.CredentialSource;
import dev.builder.core.registry.Registries;
import dev.builder.testing.BaseImageFixture;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One build for several platforms: the bases each platform stands on, the index over the images, the application
 * layers they share, and the errors for platforms a base does not have. The bases are small images made here.
 */
class MultiPlatformBuildTest {
  private static final Platform AMD64 = Platform.LINUX_AMD64;
  private static final Platform ARM64 = new Platform("linux", "arm64", "v8");

  @TempDir Path tmp;
  private Registries registries;

  @BeforeEach
  void open() {
    registries = new Registries(BuildListener.SILENT, CredentialSource.ANONYMOUS, false);
  }

  @AfterEach
  void close() {
    registries.close();
  }

  private static Image base(Platform platform, String marker) throws IOException {
    ContainerConfig container = new ContainerConfig("65532", List.of("PATH=/bin", "JAVA_VERSION=17.0.1"),
        List.of(), List.of(), "/", null, null, null, null);
    ConfigFile config = new ConfigFile(platform, Instant.EPOCH, container, List.of(), List.of());
    return Image.of(config, List.of(BaseImageFixture.fileLayer("etc/platform", marker)), Map.of());
  }

  /** An OCI layout in {@code project/name} holding an index of amd64, arm64/v8 and an attestation. */
  private Path indexBase(String name) throws IOException {
    ImageIndex index = ImageIndex.of(List.of(base(AMD64, "amd64"), base(ARM64, "arm64"),
        base(new Platform("unknown", "unknown", null), "attestation")), Map.of());
    Path layout = tmp.resolve("project").resolve(name);
    new OciLayoutSink(layout).write(index, List.of("latest"));
    return layout;
  }

  private Path singleBase(String name, Platform platform) throws IOException {
    Path layout = tmp.resolve("project").resolve(name);
    new OciLayoutSink(layout).write(base(platform, platform.architecture()), List.of("latest"));
    return layout;
  }

  private BuildRequest request(String base, String platforms, Map<Platform, String> platformBases) throws IOException {
    return request(base, platforms, platformBases, BuildListener.SILENT);
  }

  private BuildRequest request(String base, String platforms, Map<Platform, String> platformBases,
      BuildListener listener) throws IOException {
    Path classes = Files.createDirectories(tmp.resolve("project/target/classes"));
    Files.writeString(classes.resolve("app.properties"), "greeting=hi\n");
    return new BuildRequest(base, platformBases, 17, PlatformSelection.parse(platforms), tmp.resolve("project"),
        new JavaApplication(classes, List.of(), null, null), null,
        new ContainerSettings(List.of(), List.of(), List.of("/bin/app"), Map.of(), Map.of(), List.of(), List.of(),
            null, null),
        null, Map.of("org.example.team", "shop"), Instant.parse("2026-01-01T00:00:00Z"),
        tmp.resolve("project/target/builder"), tmp.resolve("cache"),
        new ImagePolicy(List.of(), false, List.of(), List.of(), false), listener);
  }

  private BuiltImages build(BuildRequest request) {
    return new ImageBuilder(registries, DaemonLocator.of(null, null)).build(request).orElseThrow();
  }

  @Test
  void twoPlatformsOfAnIndexBaseGiveAnIndexOfTwoImagesSharingTheApplicationLayers() throws IOException {
    indexBase("multi");
    BuiltImages built = build(request("oci-layout://multi", "linux/amd64,linux/arm64", Map.of()));

    ImageIndex index = built.index().orElseThrow();
    assertThat(index.mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
    assertThat(built.digest()).isEqualTo(index.digest());
    assertThat(index.index().manifests()).extracting(Descriptor::platform).containsExactly(AMD64, ARM64);
    assertThat(index.index().manifests()).extracting(Descriptor::digest)
        .containsExactly(built.images().get(0).image().digest(), built.images().get(1).image().digest());

    Image amd64 = built.images().get(0).image();
    Image arm64 = built.images().get(1).image();
    assertThat(amd64.config().platform()).isEqualTo(AMD64);
    assertThat(arm64.config().platform()).isEqualTo(ARM64);
    assertThat(arm64.digest()).isNotEqualTo(amd64.digest());
    // each stands on its own platform's base layer, then the same application layers
    assertThat(content(amd64.layers().get(0))).isEqualTo("amd64");
    assertThat(content(arm64.layers().get(0))).isEqualTo("arm64");
    List<Layer> appLayers = amd64.layers().subList(1, amd64.layers().size());
    assertThat(appLayers).isNotEmpty();
    assertThat(arm64.layers().subList(1, arm64.layers().size())).extracting(Layer::digest)
        .containsExactlyElementsOf(appLayers.stream().map(Layer::digest).toList());

    String baseDigest = new OciLayoutSource(tmp.resolve("project/multi"), null, "b").resolve(AMD64).digest()
        .toString();
    for (Map<String, String> annotations : List.of(index.index().annotations(), amd64.manifest().annotations(),
        arm64.manifest().annotations())) {
      assertThat(annotations)
          .containsEntry("org.opencontainers.image.base.name", "oci-layout://multi")
          .containsEntry("org.opencontainers.image.base.digest", baseDigest)
          .containsEntry("org.example.team", "shop")
          .containsEntry("org.opencontainers.image.created", "2026-01-01T00:00:00Z");
    }
  }

  @Test
  void eachBaseIsReportedToTheListenerAsSoonAsItIsKnown() throws IOException {
    indexBase("multi");
    List<ImageSource.ResolvedImage> reported = new java.util.concurrent.CopyOnWriteArrayList<>();
    BuildListener listener = new BuildListener() {
      @Override
      public void baseResolved(ImageSource.ResolvedImage base) {
        reported.add(base);
      }
    };

    BuiltImages built = build(request("oci-layout://multi", "linux/amd64,linux/arm64", Map.of(), listener));

    assertThat(reported).extracting(ImageSource.ResolvedImage::digest)
        .containsExactly(built.images().get(0).base().digest(), built.images().get(1).base().digest());
    assertThat(reported).extracting(r -> r.image().config().platform()).containsExactly(AMD64, ARM64);
  }

  @Test
  void allMeansEveryPlatformOfTheBaseButAttestations() throws IOException {
    indexBase("multi");
    BuiltImages built = build(request("oci-layout://multi", "all", Map.of()));
    assertThat(built.images()).extracting(i -> i.image().config().platform()).containsExactly(AMD64, ARM64);
  }

  @Test
  void onePlatformGivesAPlainImageNotAOneEntryIndex() throws IOException {
    indexBase("multi");
    BuiltImages built = build(request("oci-layout://multi", "linux/arm64", Map.of()));
    assertThat(built.index()).isEmpty();
    assertThat(built.images()).hasSize(1);
    assertThat(built.digest()).isEqualTo(built.images().get(0).image().digest());
    assertThat(built.images().get(0).image().config().platform()).isEqualTo(ARM64);
    assertThat(built.images().get(0).image().mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
  }

  @Test
  void aPlatformTheBaseLacksIsAnErrorListingWhatItHas() throws IOException {
    indexBase("multi");
    assertThatThrownBy(() -> build(request("oci-layout://multi", "linux/amd64,linux/arm/v7", Map.of())))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("has no image for platform linux/arm/v7")
        .hasMessageContaining("it has linux/amd64, linux/arm64/v8.")
        .hasMessageNotContaining("unknown");
    assertThat(tmp.resolve("project/target/builder/image")).doesNotExist();
  }

  @Test
  void aSinglePlatformBaseServesOnlyItsOwnPlatform() throws IOException {
    singleBase("amd64-only", AMD64);
    assertThatThrownBy(() -> build(request("oci-layout://amd64-only", "linux/amd64,linux/arm64", Map.of())))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("is for linux/amd64 only, not linux/arm64");
    assertThat(build(request("oci-layout://amd64-only", "all", Map.of())).images())
        .extracting(i -> i.image().config().platform()).containsExactly(AMD64);
  }

  @Test
  void platformBasesGiveEachPlatformItsOwnBase() throws IOException {
    singleBase("amd64-only", AMD64);
    singleBase("arm64-only", ARM64);
    Map<Platform, String> bases = new LinkedHashMap<>();
    bases.put(new Platform("linux", "arm64", null), "oci-layout://arm64-only");
    BuiltImages built = build(request("oci-layout://amd64-only", "linux/amd64,linux/arm64/v8", bases));

    assertThat(built.images()).extracting(i -> i.base().name())
        .containsExactly("oci-layout://amd64-only", "oci-layout://arm64-only");
    assertThat(built.images().get(1).image().manifest().annotations())
        .containsEntry("org.opencontainers.image.base.name", "oci-layout://arm64-only");
    // the index stands on no single base
    assertThat(built.index().orElseThrow().index().annotations())
        .doesNotContainKey("org.opencontainers.image.base.name")
        .containsEntry("org.example.team", "shop");

    // all: the base's platforms and those of platformBases
    assertThat(build(request("oci-layout://amd64-only", "all", bases)).images())
        .extracting(i -> i.image().config().platform()).containsExactly(AMD64, ARM64);
  }

  @Test
  void theLayoutAndTarballHoldTheIndexAndEveryPlatformsBlobs() throws IOException {
    indexBase("multi");
    BuiltImages built = build(request("oci-layout://multi", "linux/amd64,linux/arm64", Map.of()));
    BuildOutputs outputs = new BuildOutputs(tmp.resolve("project/target/builder"));
    outputs.writeImage(built, "shop/app", List.of("1.0", "latest"));
    new ImageRecord(tmp.resolve("project/target/builder")).built("shop/app", built, List.of("1.0", "latest"));

    for (Platform platform : List.of(AMD64, ARM64)) {
      assertThat(new OciLayoutSource(outputs.layout(), "1.0", "out").resolve(platform).image().digest())
          .isEqualTo(built.images().get(platform == AMD64 ? 0 : 1).image().digest());
    }
    Index top = Index.parse(Files.readAllBytes(outputs.layout().resolve("index.json")), "index.json");
    assertThat(top.manifests()).extracting(Descriptor::digest).containsOnly(built.digest());
    assertThat(top.manifests()).allMatch(d -> d.mediaType().equals(MediaTypes.OCI_INDEX));

    List<String> entries = new ArrayList<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(outputs.tarball()))) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        entries.add(e.getName());
      }
    }
    assertThat(entries).contains("index.json", "oci-layout", "blobs/sha256/" + built.digest().hex())
        .doesNotContain("manifest.json");
    for (BuiltImage image : built.images()) {
      assertThat(entries).contains("blobs/sha256/" + image.image().digest().hex());
    }

    var json = dev.builder.core.image.Json.parse(Files.readAllBytes(outputs.imageJson()), "image.json");
    assertThat(json.get("digest").asText()).isEqualTo(built.digest().toString());
    assertThat(json.get("mediaType").asText()).isEqualTo(MediaTypes.OCI_INDEX);
    assertThat(json.get("platforms")).hasSize(2);
    assertThat(json.get("platforms").get(1).get("platform").asText()).isEqualTo("linux/arm64/v8");
    assertThat(json.get("platforms").get(1).get("digest").asText())
        .isEqualTo(built.images().get(1).image().digest().toString());
  }

  @Test
  void platformListsAreCheckedBeforeAnythingIsRead() {
    assertThatThrownBy(() -> PlatformSelection.parse("linux/arm64,linux/arm64/v8"))
        .hasMessageContaining("platform linux/arm64/v8 is listed twice");
    assertThatThrownBy(() -> PlatformSelection.parse("all,linux/amd64")).hasMessageContaining("stands alone");
    assertThatThrownBy(() -> PlatformSelection.parse("linux")).hasMessageContaining("'linux' is not a platform");
    assertThat(PlatformSelection.parse(null)).isEqualTo(PlatformSelection.LINUX_AMD64);
    assertThat(PlatformSelection.parse(" linux/amd64 , linux/arm/v7 ").listed())
        .containsExactly(AMD64, new Platform("linux", "arm", "v7"));
  }

  private static String content(Layer layer) throws IOException {
    try (InputStream in = layer.blob().open(); TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      tar.getNextEntry();
      return new String(tar.readAllBytes()).trim();
    }
  }
}
