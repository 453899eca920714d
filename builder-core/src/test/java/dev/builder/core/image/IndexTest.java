package dev.builder.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.builder.core.BuilderException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IndexTest {
  private static final Descriptor ATTESTATION =
      entry("attestation", new Platform("unknown", "unknown", null))
          .withAnnotations(Map.of("vnd.docker.reference.type", "attestation-manifest"));
  private static final Descriptor AMD64 = entry("amd64", Platform.LINUX_AMD64);
  private static final Descriptor ARM_V6 = entry("armv6", new Platform("linux", "arm", "v6"));
  private static final Descriptor ARM_V7 = entry("armv7", new Platform("linux", "arm", "v7"));
  private static final Descriptor ARM64 = entry("arm64", new Platform("linux", "arm64", "v8"));
  private static final Descriptor NO_PLATFORM = new Descriptor(MediaTypes.OCI_MANIFEST, digest("none"), 10);

  private static final Index INDEX =
      new Index(MediaTypes.OCI_INDEX, List.of(ATTESTATION, NO_PLATFORM, AMD64, ARM_V6, ARM_V7, ARM64),
          Map.of("org.opencontainers.image.created", "2024-01-01T00:00:00Z"));

  private static Digest digest(String name) {
    return Digest.of(name.getBytes(StandardCharsets.UTF_8));
  }

  private static Descriptor entry(String name, Platform platform) {
    return new Descriptor(MediaTypes.OCI_MANIFEST, digest(name), 500, Map.of(), platform);
  }

  @Test
  void parsingTheJsonGivesTheSameIndexAndTheSameBytes() {
    byte[] json = INDEX.toJsonBytes();

    Index parsed = Index.parse(json, "test index");

    assertThat(parsed).isEqualTo(INDEX);
    assertThat(parsed.toJsonBytes()).isEqualTo(json);
  }

  @Test
  void writesPlatformsWithTheirVariant() {
    String json = new String(INDEX.toJsonBytes(), StandardCharsets.UTF_8);

    assertThat(json)
        .startsWith("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[")
        .contains("\"platform\":{\"architecture\":\"arm\",\"os\":\"linux\",\"variant\":\"v7\"}")
        .contains("\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}}");
  }

  @Test
  void selectsByOsArchitectureAndVariant() {
    assertThat(INDEX.select(Platform.LINUX_AMD64, "base")).isEqualTo(AMD64);
    assertThat(INDEX.select(Platform.parse("linux/arm/v7"), "base")).isEqualTo(ARM_V7);
    assertThat(INDEX.select(Platform.parse("linux/arm/v6"), "base")).isEqualTo(ARM_V6);
    assertThat(INDEX.select(Platform.parse("linux/arm64/v8"), "base")).isEqualTo(ARM64);
  }

  @Test
  void aPlatformWithoutVariantMatchesAnEntryWithOne() {
    assertThat(INDEX.select(Platform.parse("linux/arm64"), "base")).isEqualTo(ARM64);
  }

  @Test
  void attestationsAndEntriesWithoutPlatformAreNotImages() {
    assertThat(INDEX.images()).containsExactly(AMD64, ARM_V6, ARM_V7, ARM64);
    assertThatThrownBy(() -> INDEX.select(new Platform("unknown", "unknown", null), "base"))
        .isInstanceOf(BuilderException.class);
  }

  @Test
  void aMissingPlatformIsAnErrorListingThePlatformsThereAre() {
    assertThatThrownBy(() -> INDEX.select(Platform.parse("linux/s390x"), "base image eclipse-temurin:21"))
        .isInstanceOf(BuilderException.class)
        .hasMessage(
            "base image eclipse-temurin:21 has no image for platform linux/s390x; it has linux/amd64, linux/arm/v6,"
                + " linux/arm/v7, linux/arm64/v8. Choose one of those, or another base image.");
  }

  @Test
  void aMissingVariantIsAnError() {
    assertThatThrownBy(() -> INDEX.select(Platform.parse("linux/arm/v5"), "base"))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("no image for platform linux/arm/v5");
  }

  @Test
  void parsesADockerManifestListAndDropsBlankPlatforms() {
    String json =
        "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST_LIST + "\",\"manifests\":["
            + "{\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST + "\",\"digest\":\"" + digest("a") + "\",\"size\":1,"
            + "\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}},"
            + "{\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST + "\",\"digest\":\"" + digest("b") + "\",\"size\":1,"
            + "\"platform\":{\"architecture\":\"\",\"os\":\"\"}}]}";

    Index index = Index.parse(json.getBytes(StandardCharsets.UTF_8), "list");

    assertThat(index.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST_LIST);
    assertThat(index.manifests()).extracting(Descriptor::platform).containsExactly(Platform.LINUX_AMD64, null);
    assertThat(index.images()).extracting(Descriptor::digest).containsExactly(digest("a"));
  }

  @Test
  void refusesJsonWithoutManifests() {
    assertThatThrownBy(() -> Index.parse("{\"schemaVersion\":2}".getBytes(StandardCharsets.UTF_8), "my index"))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("my index is not an image index");
  }
}
