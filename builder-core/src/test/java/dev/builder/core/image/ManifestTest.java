package dev.builder.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.builder.core.BuilderException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestTest {
  static final Digest CONFIG = Digest.of("config".getBytes(StandardCharsets.UTF_8));
  static final Digest LAYER1 = Digest.of("layer 1".getBytes(StandardCharsets.UTF_8));
  static final Digest LAYER2 = Digest.of("layer 2".getBytes(StandardCharsets.UTF_8));

  private static Manifest manifest(Map<String, String> annotations) {
    return new Manifest(
        MediaTypes.OCI_MANIFEST,
        new Descriptor(MediaTypes.OCI_CONFIG, CONFIG, 123),
        List.of(
            new Descriptor(MediaTypes.OCI_LAYER_GZIP, LAYER1, 1000),
            new Descriptor(MediaTypes.OCI_LAYER_GZIP, LAYER2, 2000, Map.of("layer.note", "app"), null)),
        annotations);
  }

  @Test
  void parsingTheJsonGivesTheSameManifestAndTheSameBytes() {
    Manifest manifest = manifest(Map.of("org.opencontainers.image.title", "app", "a.first", "1"));
    byte[] json = manifest.toJsonBytes();

    Manifest parsed = Manifest.parse(json, "test manifest");

    assertThat(parsed).isEqualTo(manifest);
    assertThat(parsed.toJsonBytes()).isEqualTo(json);
  }

  @Test
  void writesCompactJsonWithFieldsInSpecOrderAndSortedAnnotations() {
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put("z.last", "2");
    annotations.put("a.first", "1");

    String json = new String(manifest(annotations).toJsonBytes(), StandardCharsets.UTF_8);

    assertThat(json)
        .isEqualTo(
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + CONFIG
                + "\",\"size\":123},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + LAYER1
                + "\",\"size\":1000},"
                + "{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + LAYER2
                + "\",\"size\":2000,\"annotations\":{\"layer.note\":\"app\"}}],"
                + "\"annotations\":{\"a.first\":\"1\",\"z.last\":\"2\"}}");
  }

  @Test
  void theSameValueAlwaysGivesTheSameBytes() {
    Map<String, String> oneOrder = new LinkedHashMap<>();
    oneOrder.put("b", "2");
    oneOrder.put("a", "1");
    oneOrder.put("c", "3");
    Map<String, String> otherOrder = new LinkedHashMap<>();
    otherOrder.put("c", "3");
    otherOrder.put("a", "1");
    otherOrder.put("b", "2");

    assertThat(manifest(oneOrder).toJsonBytes())
        .isEqualTo(manifest(otherOrder).toJsonBytes())
        .isEqualTo(manifest(oneOrder).toJsonBytes());
  }

  @Test
  void readsADockerManifestAndDefaultsAMissingMediaTypeToOci() {
    String docker =
        "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST + "\","
            + "\"config\":{\"mediaType\":\"" + MediaTypes.DOCKER_CONFIG + "\",\"digest\":\"" + CONFIG + "\",\"size\":5},"
            + "\"layers\":[{\"mediaType\":\"" + MediaTypes.DOCKER_LAYER_GZIP + "\",\"digest\":\"" + LAYER1
            + "\",\"size\":7}]}";
    String noMediaType =
        "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"" + MediaTypes.OCI_CONFIG + "\",\"digest\":\"" + CONFIG
            + "\",\"size\":5},\"layers\":[]}";

    Manifest fromDocker = Manifest.parse(docker.getBytes(StandardCharsets.UTF_8), "docker");
    Manifest fromOci = Manifest.parse(noMediaType.getBytes(StandardCharsets.UTF_8), "oci");

    assertThat(fromDocker.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
    assertThat(fromDocker.layers()).extracting(Descriptor::digest, Descriptor::size).containsExactly(tuple(LAYER1, 7L));
    assertThat(fromOci.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
    assertThat(fromOci.config().digest()).isEqualTo(CONFIG);
  }

  @Test
  void refusesAnIndexOrBrokenJsonWithTheNameOfWhatWasRead() {
    byte[] index = new Index(MediaTypes.OCI_INDEX, List.of(), Map.of()).toJsonBytes();

    assertThatThrownBy(() -> Manifest.parse(index, "base image foo"))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("base image foo is not an image manifest")
        .hasMessageContaining(MediaTypes.OCI_INDEX);
    assertThatThrownBy(() -> Manifest.parse("{\"schemaVersion\":".getBytes(StandardCharsets.UTF_8), "base image foo"))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("base image foo is not valid JSON");
    assertThatThrownBy(() -> Manifest.parse("[]".getBytes(StandardCharsets.UTF_8), "base image foo"))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("base image foo is not a JSON object");
  }

  @Test
  void refusesALayerWithoutDigestOrSize() {
    String json =
        "{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":{\"digest\":\"" + CONFIG + "\",\"size\":5},"
            + "\"layers\":[{\"mediaType\":\"" + MediaTypes.OCI_LAYER_GZIP + "\",\"digest\":\"" + LAYER1 + "\"}]}";

    assertThatThrownBy(() -> Manifest.parse(json.getBytes(StandardCharsets.UTF_8), "the manifest"))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("the manifest has a descriptor without digest or size");
  }
}
