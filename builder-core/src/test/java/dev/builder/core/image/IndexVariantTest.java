package dev.builder.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Shows that select differs from docker/containerd platform matching (arm64 == arm64/v8, arm == arm/v7). */
class IndexVariantTest {
  private static Descriptor entry(String name, Platform platform) {
    return new Descriptor(MediaTypes.OCI_MANIFEST, Digest.of(name.getBytes(StandardCharsets.UTF_8)), 1, Map.of(),
        platform);
  }

  @Test
  void arm64V8MatchesAnArm64EntryWithoutVariant() {
    Descriptor arm64 = entry("arm64", new Platform("linux", "arm64", null));
    Index index = new Index(MediaTypes.OCI_INDEX, List.of(entry("amd64", Platform.LINUX_AMD64), arm64), Map.of());

    assertThat(index.select(Platform.parse("linux/arm64/v8"), "base")).isEqualTo(arm64);
  }

  @Test
  void armWithoutVariantPrefersV7LikeDocker() {
    Descriptor v6 = entry("v6", new Platform("linux", "arm", "v6"));
    Descriptor v7 = entry("v7", new Platform("linux", "arm", "v7"));
    Index index = new Index(MediaTypes.OCI_INDEX, List.of(v6, v7), Map.of());

    assertThat(index.select(Platform.parse("linux/arm"), "base")).isEqualTo(v7);
  }
}
