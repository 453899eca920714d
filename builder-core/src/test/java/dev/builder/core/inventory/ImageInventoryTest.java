package dev.builder.core.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builder.core.image.Blob;
import dev.builder.core.image.ConfigFile;
import dev.builder.core.image.ContainerConfig;
import dev.builder.core.image.Descriptor;
import dev.builder.core.image.Digest;
import dev.builder.core.image.Image;
import dev.builder.core.image.Layer;
import dev.builder.core.image.MediaTypes;
import dev.builder.core.image.Platform;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

class ImageInventoryTest {
  private static final String DEBIAN_RELEASE = "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\n"
      + "VERSION_ID=\"12\"\n";

  @Test
  void listsDpkgStatusAndDistrolessStatusDWithTheirRelease() throws IOException {
    Image image = image(layer(Map.of(
        "etc/os-release", DEBIAN_RELEASE,
        "var/lib/dpkg/status", "Package: libc6\nStatus: install ok installed\nVersion: 2.36-9+deb12u14\n"
            + "Architecture: amd64\nMaintainer: GNU Libc Maintainers <debian-glibc@lists.debian.org>\n"
            + "Description: GNU C Library\n shared libraries\n\nPackage: removed\nStatus: deinstall ok config-files\n"
            + "Version: 1.0\nArchitecture: amd64\n",
        "var/lib/dpkg/status.d/zlib1g", "Package: zlib1g\nVersion: 1:1.2.13.dfsg-1\nArchitecture: amd64\n",
        "var/lib/dpkg/status.d/zlib1g.md5sums", "0123 usr/lib/libz.so.1\n",
        "opt/java/release", "IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_VERSION=\"17.0.15\"\n")));

    ImageInventory inventory = ImageInventory.of(image);

    assertThat(inventory.distro()).isEqualTo("debian-12");
    assertThat(inventory.packages()).extracting(OsPackage::purl).containsExactly(
        "pkg:deb/debian/libc6@2.36-9%2Bdeb12u14?arch=amd64&distro=debian-12",
        "pkg:deb/debian/zlib1g@1%3A1.2.13.dfsg-1?arch=amd64&distro=debian-12");
    assertThat(inventory.packages().get(0).maintainer()).startsWith("GNU Libc Maintainers");
    assertThat(inventory.javaRuntime()).hasValueSatisfying(java -> {
      assertThat(java.path()).isEqualTo("/opt/java");
      assertThat(java.version()).isEqualTo("17.0.15");
      assertThat(java.implementor()).isEqualTo("Eclipse Adoptium");
      assertThat(java.featureVersion()).isEqualTo(17);
    });
  }

  @Test
  void listsAlpinePackagesWithTheirLicenses() throws IOException {
    Image image = image(layer(Map.of(
        "etc/os-release", "ID=alpine\nVERSION_ID=3.20.3\n",
        "lib/apk/db/installed", "C:Q1abc=\nP:musl\nV:1.2.5-r0\nA:x86_64\nL:MIT\nm:Natanael Copa <ncopa@alpinelinux.org>\n"
            + "\nP:busybox\nV:1.36.1-r29\nA:x86_64\nL:GPL-2.0-only\n")));

    ImageInventory inventory = ImageInventory.of(image);

    assertThat(inventory.packages()).extracting(OsPackage::purl).containsExactly(
        "pkg:apk/alpine/busybox@1.36.1-r29?arch=x86_64&distro=alpine-3.20",
        "pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64&distro=alpine-3.20");
    assertThat(inventory.packages()).extracting(OsPackage::license).containsExactly("GPL-2.0-only", "MIT");
  }

  @Test
  void aPackageThatALaterLayerWhitesOutIsNotListed() throws IOException {
    Layer first = layer(Map.of(
        "var/lib/dpkg/status.d/curl", "Package: curl\nVersion: 7.88\nArchitecture: amd64\n",
        "var/lib/dpkg/status.d/tzdata", "Package: tzdata\nVersion: 2024a\nArchitecture: all\n"));
    Layer second = layer(Map.of("var/lib/dpkg/status.d/.wh.curl", ""));

    assertThat(ImageInventory.of(image(first, second)).packages()).extracting(OsPackage::name)
        .containsExactly("tzdata");
    Layer opaque = layer(Map.of("var/lib/dpkg/status.d/.wh..wh..opq", ""));
    assertThat(ImageInventory.of(image(first, opaque)).packages()).isEmpty();
  }

  @Test
  void anImageWithNoPackageDatabaseListsNothing() throws IOException {
    ImageInventory inventory = ImageInventory.of(image(layer(Map.of("app/hello.txt", "hi"))));
    assertThat(inventory.packages()).isEmpty();
    assertThat(inventory.javaRuntime()).isEmpty();
    assertThat(inventory.distro()).isNull();
  }

  @Test
  void readsZstdLayersAsDockerPodmanAndContainerdWriteThem() throws Exception {
    // compressed by the zstd command, the reference encoder, not by the decoder under test
    Layer plain = layer(Map.of(
        "etc/os-release", DEBIAN_RELEASE,
        "var/lib/dpkg/status.d/zlib1g", "Package: zlib1g\nVersion: 1:1.2.13.dfsg-1\nArchitecture: amd64\n",
        "opt/java/release", "IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_VERSION=\"21.0.5\"\n",
        "opt/java/lib/modules", "x".repeat(1 << 20)));
    byte[] tar;
    try (InputStream in = plain.blob().open()) {
      tar = in.readAllBytes();
    }
    Process zstd = new ProcessBuilder("zstd", "-q", "-c", "-19").start();
    Thread feed = new Thread(() -> {
      try (OutputStream stdin = zstd.getOutputStream()) {
        stdin.write(tar);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    feed.start();
    byte[] compressed = zstd.getInputStream().readAllBytes();
    feed.join();
    assertThat(zstd.waitFor()).isZero();
    assertThat(compressed.length).isLessThan(tar.length / 10);
    Blob blob = Blob.of(compressed);
    Layer layer = new Layer(new Descriptor(MediaTypes.OCI_LAYER_ZSTD, blob.digest(), compressed.length),
        Digest.of(tar), blob);

    ImageInventory inventory = ImageInventory.of(image(layer));

    assertThat(inventory.distro()).isEqualTo("debian-12");
    assertThat(inventory.packages()).extracting(OsPackage::name).containsExactly("zlib1g");
    assertThat(inventory.javaRuntime()).hasValueSatisfying(java -> assertThat(java.featureVersion()).isEqualTo(21));
  }

  static Image image(Layer... layers) {
    ConfigFile config = new ConfigFile(Platform.LINUX_AMD64, Instant.EPOCH,
        new ContainerConfig(null, List.of(), List.of(), List.of(), null, null, null, null, null), List.of(), List.of());
    return Image.of(config, List.of(layers), Map.of());
  }

  /** An uncompressed layer of the given files, in the order given. */
  static Layer layer(Map<String, String> files) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      for (Map.Entry<String, String> file : new LinkedHashMap<>(files).entrySet()) {
        byte[] content = file.getValue().getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
      }
    }
    byte[] tar = bytes.toByteArray();
    Blob blob = Blob.of(tar);
    return new Layer(new Descriptor(MediaTypes.OCI_LAYER, blob.digest(), tar.length), Digest.of(tar), blob);
  }

}
