package dev.builder.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.builder.core.BuilderException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class ImageTest {
  private static final ConfigFile CONFIG =
      new ConfigFile(
          Platform.LINUX_AMD64,
          Instant.parse("2024-01-01T00:00:00Z"),
          new ContainerConfig(null, List.of(), List.of("java", "-jar", "/app.jar"), List.of(), null, null, null, null, null),
          List.of(Digest.of("stale".getBytes(StandardCharsets.UTF_8))),
          List.of());

  /** A gzip layer whose diff id is the digest of the uncompressed bytes, as a real layer's is. */
  private static Layer layer(String content, String mediaType) throws IOException {
    byte[] tar = content.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(tar);
    }
    Blob blob = Blob.of(gz.toByteArray());
    return new Layer(new Descriptor(mediaType, blob.digest(), blob.size()), Digest.of(tar), blob);
  }

  @Test
  void ofSetsTheDiffIdsOfTheLayersInTheConfig() throws IOException {
    Layer base = layer("base", MediaTypes.OCI_LAYER_GZIP);
    Layer app = layer("app", MediaTypes.OCI_LAYER_GZIP);

    Image image = Image.of(CONFIG, List.of(base, app), Map.of());

    assertThat(image.config().diffIds()).containsExactly(base.diffId(), app.diffId());
    assertThat(ConfigFile.parse(image.configBytes(), "config").diffIds()).containsExactly(base.diffId(), app.diffId());
    assertThat(image.config().config()).isEqualTo(CONFIG.config());
  }

  @Test
  void theManifestListsTheConfigAndLayerDescriptors() throws IOException {
    Layer base = layer("base", MediaTypes.OCI_LAYER_GZIP);
    Layer app = layer("app", MediaTypes.OCI_LAYER_GZIP);

    Image image = Image.of(CONFIG, List.of(base, app), Map.of("org.opencontainers.image.title", "app"));
    Manifest manifest = Manifest.parse(image.manifestBytes(), "manifest");

    assertThat(manifest.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
    assertThat(manifest.config())
        .isEqualTo(new Descriptor(MediaTypes.OCI_CONFIG, Digest.of(image.configBytes()), image.configBytes().length));
    assertThat(manifest.layers()).containsExactly(base.descriptor(), app.descriptor());
    assertThat(manifest.annotations()).containsExactly(Map.entry("org.opencontainers.image.title", "app"));
    assertThat(image.manifest()).isEqualTo(manifest);
  }

  @Test
  void theDigestIsTheSha256OfTheManifestBytes() throws IOException {
    Image image = Image.of(CONFIG, List.of(layer("app", MediaTypes.OCI_LAYER_GZIP)), Map.of());

    assertThat(image.digest()).isEqualTo(Digest.of(image.manifestBytes()));
    assertThat(image.descriptor())
        .isEqualTo(new Descriptor(MediaTypes.OCI_MANIFEST, image.digest(), image.manifestBytes().length));
    assertThat(image.configBlob().digest()).isEqualTo(Digest.of(image.configBytes()));
  }

  @Test
  void theSameInputsGiveTheSameDigest() throws IOException {
    Image one = Image.of(CONFIG, List.of(layer("app", MediaTypes.OCI_LAYER_GZIP)), Map.of("a", "1", "b", "2"));
    Image two = Image.of(CONFIG, List.of(layer("app", MediaTypes.OCI_LAYER_GZIP)), Map.of("b", "2", "a", "1"));

    assertThat(two.digest()).isEqualTo(one.digest());
    assertThat(two.manifestBytes()).isEqualTo(one.manifestBytes());
  }

  @Test
  void dockerLayersOfABaseBecomeOciLayersSoTheImageDoesNotMixFamilies() throws IOException {
    Layer docker = layer("base", MediaTypes.DOCKER_LAYER_GZIP);

    Image image = Image.of(CONFIG, List.of(docker), Map.of());

    assertThat(image.manifest().layers()).singleElement().satisfies(d -> {
      assertThat(d.mediaType()).isEqualTo(MediaTypes.OCI_LAYER_GZIP);
      assertThat(d.digest()).isEqualTo(docker.digest());
    });
  }

  @Test
  void readGivesBackTheImageThatWasMade() throws IOException {
    Layer app = layer("app", MediaTypes.OCI_LAYER_GZIP);
    Image made = Image.of(CONFIG, List.of(app), Map.of());

    Image read = Image.read(made.manifestBytes(), made.configBytes(), List.of(app.blob()), "stored image");

    assertThat(read.digest()).isEqualTo(made.digest());
    assertThat(read.config()).isEqualTo(made.config());
    assertThat(read.layers()).extracting(Layer::diffId).containsExactly(app.diffId());
  }

  @Test
  void readRefusesAConfigThatIsNotTheManifests() throws IOException {
    Layer app = layer("app", MediaTypes.OCI_LAYER_GZIP);
    Image made = Image.of(CONFIG, List.of(app), Map.of());
    byte[] otherConfig = CONFIG.toJsonBytes();

    assertThatThrownBy(() -> Image.read(made.manifestBytes(), otherConfig, List.of(app.blob()), "stored image"))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("stored image: config " + Digest.of(otherConfig) + " does not match the manifest's "
            + Digest.of(made.configBytes()));
  }

  @Test
  void readRefusesAManifestWhoseLayersTheConfigDoesNotCount() throws IOException {
    Layer app = layer("app", MediaTypes.OCI_LAYER_GZIP);
    Image twoLayers = Image.of(CONFIG, List.of(app, layer("more", MediaTypes.OCI_LAYER_GZIP)), Map.of());
    Image oneLayer = Image.of(CONFIG, List.of(app), Map.of());
    // a manifest listing two layers with a config that lists one diff id
    Manifest bad = new Manifest(MediaTypes.OCI_MANIFEST, oneLayer.manifest().config(), twoLayers.manifest().layers(),
        Map.of());

    assertThatThrownBy(() -> Image.read(bad.toJsonBytes(), oneLayer.configBytes(),
            List.of(app.blob(), app.blob()), "stored image"))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("the manifest lists 2 layers but the config lists 1 diff ids");
  }
}
