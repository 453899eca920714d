package dev.builder.core.layout;

import static dev.builder.core.ExternalTools.run;
import static dev.builder.core.ExternalTools.runText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.builder.core.BuilderException;
import dev.builder.core.TestImages;
import dev.builder.core.image.Descriptor;
import dev.builder.core.image.Digest;
import dev.builder.core.image.Image;
import dev.builder.core.image.ImageSource.ResolvedImage;
import dev.builder.core.image.Index;
import dev.builder.core.image.Layer;
import dev.builder.core.image.MediaTypes;
import dev.builder.core.image.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("skopeo")
@Tag("umoci")
class OciLayoutTest {
  @TempDir Path tmp;
  private Image image;
  private Path layout;

  @BeforeEach
  void writeLayout() {
    image = TestImages.small(tmp.resolve("work"), "hello\n");
    layout = tmp.resolve("layout");
    new OciLayoutSink(layout).write(image, List.of("1.0", "latest"));
  }

  private ResolvedImage read(String ref) {
    return new OciLayoutSource(layout, ref, "oci-layout://layout").resolve(Platform.LINUX_AMD64);
  }

  @Test
  void readsBackTheImageItWrote() throws IOException {
    ResolvedImage read = read("1.0");

    assertThat(read.digest()).isEqualTo(image.digest());
    assertThat(read.image().digest()).isEqualTo(image.digest());
    assertThat(read.image().manifestBytes()).isEqualTo(image.manifestBytes());
    assertThat(read.image().configBytes()).isEqualTo(image.configBytes());
    assertThat(read.image().config()).isEqualTo(image.config());
    assertThat(read.name()).isEqualTo("oci-layout://layout:1.0");
    Layer layer = read.image().layers().get(0);
    assertThat(layer.diffId()).isEqualTo(image.layers().get(0).diffId());
    try (InputStream in = layer.blob().open()) {
      assertThat(Digest.of(in)).isEqualTo(image.layers().get(0).digest());
    }
  }

  @Test
  void findsTheImageByTagByDigestOrAsTheOnlyImage() {
    assertThat(read("latest").digest()).isEqualTo(image.digest());
    assertThat(read(image.digest().toString()).digest()).isEqualTo(image.digest());
    assertThat(read(null).digest()).isEqualTo(image.digest());
  }

  @Test
  void anUnknownTagIsAnErrorListingTheTagsThereAre() {
    assertThatThrownBy(() -> read("2.0"))
        .isInstanceOf(BuilderException.class)
        .hasMessage("oci-layout://layout has no image named '2.0'; it has 1.0, latest");
  }

  @Test
  void writesAnOciLayoutWithOneIndexEntryPerTagAndEveryBlob() throws IOException {
    assertThat(Files.readString(layout.resolve("oci-layout"))).isEqualTo("{\"imageLayoutVersion\":\"1.0.0\"}");
    Index index = Index.parse(Files.readAllBytes(layout.resolve("index.json")), "index.json");
    assertThat(index.manifests()).extracting(d -> d.annotations().get(OciLayoutSink.REF_NAME))
        .containsExactly("1.0", "latest");
    assertThat(index.manifests()).allSatisfy(d -> assertThat(d).isEqualTo(
        image.descriptor().withAnnotations(d.annotations())));
    try (Stream<Path> blobs = Files.list(layout.resolve("blobs/sha256"))) {
      assertThat(blobs.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
          image.digest().hex(), image.manifest().config().digest().hex(), image.layers().get(0).digest().hex());
    }
    assertThat(tmp.resolve("layout.partial")).doesNotExist();
  }

  @Test
  void skopeoReadsTheSameManifestBytes() throws IOException {
    byte[] raw = run("skopeo", "inspect", "--raw", "oci:" + layout + ":1.0");
    JsonNode inspect = new ObjectMapper().readTree(run("skopeo", "inspect", "oci:" + layout + ":latest"));

    assertThat(raw).isEqualTo(image.manifestBytes());
    assertThat(inspect.get("Digest").asText()).isEqualTo(image.digest().toString());
    assertThat(inspect.get("Layers").get(0).asText()).isEqualTo(image.layers().get(0).digest().toString());
  }

  @Test
  void umociListsTheTagsAndUnpacksTheFiles() throws IOException {
    assertThat(runText("umoci", "ls", "--layout", layout.toString()).lines()).containsExactly("1.0", "latest");

    JsonNode stat = new ObjectMapper().readTree(run("umoci", "stat", "--image", layout + ":1.0", "--json"));
    JsonNode history = stat.get("history").get(0);
    assertThat(history.get("diff_id").asText()).isEqualTo(image.config().diffIds().get(0).toString());
    assertThat(history.get("layer").get("digest").asText()).isEqualTo(image.layers().get(0).digest().toString());

    Path bundle = tmp.resolve("bundle");
    run("umoci", "unpack", "--rootless", "--image", layout + ":1.0", bundle.toString());
    assertThat(bundle.resolve("rootfs/app/resources/hello.txt")).hasContent("hello");
  }

  @Test
  void aFolderWithoutIndexJsonIsNotALayout() throws IOException {
    Files.delete(layout.resolve("index.json"));

    assertThatThrownBy(() -> read("1.0"))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("is not an OCI image layout: it has no index.json");
  }

  @Test
  void aMissingFolderIsNamed() {
    assertThatThrownBy(() -> new OciLayoutSource(tmp.resolve("nowhere"), null, "oci-layout://nowhere")
            .resolve(Platform.LINUX_AMD64))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("oci-layout://nowhere: " + tmp.resolve("nowhere") + " is not a directory");
  }

  @Test
  void aMissingLayerBlobIsNamed() throws IOException {
    Digest layer = image.layers().get(0).digest();
    Files.delete(OciLayoutSink.blobPath(layout, layer));

    assertThatThrownBy(() -> read("1.0"))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("oci-layout://layout is incomplete: layer " + layer + " is missing from blobs/");
  }

  @Test
  void aMissingConfigBlobIsNamed() throws IOException {
    Digest config = image.manifest().config().digest();
    Files.delete(OciLayoutSink.blobPath(layout, config));

    assertThatThrownBy(() -> read("1.0"))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("oci-layout://layout is incomplete: blob " + config + " is missing from blobs/");
  }

  @Test
  void aCorruptConfigBlobIsNamed() throws IOException {
    Digest config = image.manifest().config().digest();
    byte[] other = "{\"os\":\"linux\",\"architecture\":\"amd64\"}".getBytes();
    Files.write(OciLayoutSink.blobPath(layout, config), other);

    assertThatThrownBy(() -> read("1.0"))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("oci-layout://layout is corrupt: blob " + config + " has content whose digest is "
            + Digest.of(other));
  }

  @Test
  void aCorruptLayerIsCaughtWhenItIsReadAndNothingIsLeftBehind() throws IOException {
    Digest layer = image.layers().get(0).digest();
    Path blob = OciLayoutSink.blobPath(layout, layer);
    byte[] bytes = Files.readAllBytes(blob);
    bytes[bytes.length / 2] ^= 0x55;
    Files.write(blob, bytes);
    Image corrupt = read("1.0").image();
    Path copy = tmp.resolve("copy");

    assertThatThrownBy(() -> new OciLayoutSink(copy).write(corrupt, List.of("1.0")))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("blob " + layer + " in " + blob + " is corrupt: its content has digest "
            + Digest.of(bytes));
    assertThat(copy).doesNotExist();
    assertThat(tmp.resolve("copy.partial")).doesNotExist();
    // reading its files breaks the gzip stream first; the failure still says which blob is corrupt
    assertThatThrownBy(() -> dev.builder.core.inventory.ImageInventory.of(corrupt))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("blob " + layer + " in " + blob + " is corrupt");
  }

  @Test
  void aFailedWriteKeepsThePreviousLayout() throws IOException {
    Image other = TestImages.small(tmp.resolve("other"), "other\n");
    // the layer file JavaLayers wrote for it goes bad before the write
    Files.write(tmp.resolve("other/layers/" + other.layers().get(0).digest().hex() + ".tar.gz"), new byte[] {1, 2, 3});

    assertThatThrownBy(() -> new OciLayoutSink(layout).write(other, List.of("2.0")))
        .isInstanceOf(BuilderException.class);
    assertThat(read("1.0").digest()).isEqualTo(image.digest());
    assertThat(tmp.resolve("layout.partial")).doesNotExist();
  }

  @Test
  void writingAgainReplacesTheWholeLayout() {
    Image other = TestImages.small(tmp.resolve("other"), "other\n");

    new OciLayoutSink(layout).write(other, List.of("2.0"));

    assertThat(read(null).digest()).isEqualTo(other.digest());
    assertThat(OciLayoutSink.blobPath(layout, image.digest())).doesNotExist();
  }

  @Test
  void anIndexInTheLayoutIsResolvedByPlatform() throws IOException {
    Index multi = new Index(MediaTypes.OCI_INDEX, List.of(image.descriptor().withPlatform(Platform.LINUX_AMD64)),
        Map.of());
    byte[] multiBytes = multi.toJsonBytes();
    Digest multiDigest = Digest.of(multiBytes);
    Files.write(OciLayoutSink.blobPath(layout, multiDigest), multiBytes);
    Descriptor entry = new Descriptor(MediaTypes.OCI_INDEX, multiDigest, multiBytes.length)
        .withAnnotations(Map.of(OciLayoutSink.REF_NAME, "multi"));
    Files.write(layout.resolve("index.json"), new Index(MediaTypes.OCI_INDEX, List.of(entry), Map.of()).toJsonBytes());

    ResolvedImage read = read("multi");

    assertThat(read.image().digest()).isEqualTo(image.digest());
    assertThat(read.digest()).as("the digest the name points at").isEqualTo(multiDigest);
    assertThatThrownBy(() -> new OciLayoutSource(layout, "multi", "oci-layout://layout:multi")
            .resolve(Platform.parse("linux/arm64")))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("oci-layout://layout:multi has no image for platform linux/arm64; it has linux/amd64");
  }

  @Test
  void anImageForAnotherPlatformIsRefused() {
    assertThatThrownBy(() -> new OciLayoutSource(layout, "1.0", "oci-layout://layout")
            .resolve(Platform.parse("linux/arm64")))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("oci-layout://layout is for linux/amd64 only, not linux/arm64");
  }
}
