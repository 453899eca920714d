package dev.builder.core.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builder.core.image.Blob;
import dev.builder.core.image.Digest;
import dev.builder.core.image.Image;
import dev.builder.core.image.Layer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryCacheTest {
  @TempDir Path cache;

  private final Layer layer;

  InventoryCacheTest() throws IOException {
    layer = ImageInventoryTest.layer(Map.of(
        "etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n",
        "var/lib/dpkg/status.d/zlib1g", "Package: zlib1g\nVersion: 1:1.2.13.dfsg-1\nArchitecture: amd64\n",
        "opt/java/release", "IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_VERSION=\"17.0.15\"\n"));
  }

  @Test
  void aBaseListedOnceIsNotReadAgain() {
    ImageInventory first = new InventoryCache(cache).of(ImageInventoryTest.image(layer));

    ImageInventory again = new InventoryCache(cache).of(ImageInventoryTest.image(unreadable(layer)));

    assertThat(again).isEqualTo(first);
    assertThat(again.javaRuntime()).hasValueSatisfying(java -> assertThat(java.version()).isEqualTo("17.0.15"));
    assertThat(again.packages()).extracting(OsPackage::purl)
        .containsExactly("pkg:deb/debian/zlib1g@1%3A1.2.13.dfsg-1?arch=amd64&distro=debian-12");
  }

  @Test
  void aDamagedEntryIsListedAgain() throws IOException {
    ImageInventory first = new InventoryCache(cache).of(ImageInventoryTest.image(layer));
    try (Stream<Path> files = Files.walk(cache)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Files.writeString(file, "{\"packages\": 7");
      }
    }

    assertThat(new InventoryCache(cache).of(ImageInventoryTest.image(layer))).isEqualTo(first);
    assertThat(new InventoryCache(cache).of(ImageInventoryTest.image(unreadable(layer)))).isEqualTo(first);
  }

  @Test
  void otherLayersAreListedOnTheirOwn() throws IOException {
    new InventoryCache(cache).of(ImageInventoryTest.image(layer));
    Layer other = ImageInventoryTest.layer(Map.of("etc/os-release", "ID=alpine\nVERSION_ID=3.20.3\n"));

    ImageInventory inventory = new InventoryCache(cache).of(ImageInventoryTest.image(other));

    assertThat(inventory.distro()).isEqualTo("alpine-3.20");
    assertThat(inventory.javaRuntime()).isEmpty();
  }

  /** The same layer, whose bytes can no longer be read. */
  private static Layer unreadable(Layer layer) {
    Blob gone = new Blob() {
      @Override
      public Digest digest() {
        return layer.digest();
      }

      @Override
      public long size() {
        return layer.descriptor().size();
      }

      @Override
      public InputStream open() throws IOException {
        throw new IOException("the layer was read again");
      }
    };
    return new Layer(layer.descriptor(), layer.diffId(), gone);
  }
}
