package dev.builder.it;

import dev.builder.core.image.ConfigFile;
import dev.builder.core.image.ContainerConfig;
import dev.builder.core.image.Image;
import dev.builder.core.image.Layer;
import dev.builder.core.image.Platform;
import dev.builder.core.layout.OciLayoutSink;
import dev.builder.testing.BaseImageFixture;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Base images that must be refused, made once for {@link BadInputIT} in one folder. */
final class BadFixtures {
  private BadFixtures() {}

  static Path write(Path dir) throws Exception {
    dev.builder.testing.FileTrees.deleteRecursively(dir);
    Files.createDirectories(dir);
    corruptLayout(dir.resolve("corrupt-layout"));
    malformedLayout(dir.resolve("malformed-layout"));
    try (TarArchiveOutputStream tar = tar(dir.resolve("dotdot.tar"))) {
      file(tar, "../evil", "written outside the folder");
    }
    try (TarArchiveOutputStream tar = tar(dir.resolve("symlink.tar"))) {
      TarArchiveEntry link = new TarArchiveEntry("blobs", TarArchiveEntry.LF_SYMLINK);
      link.setLinkName("/etc");
      tar.putArchiveEntry(link);
      tar.closeArchiveEntry();
      file(tar, "blobs/evil", "written through the link");
    }
    try (TarArchiveOutputStream tar = tar(dir.resolve("device.tar"))) {
      TarArchiveEntry device = new TarArchiveEntry("dev/null", TarArchiveEntry.LF_CHR);
      tar.putArchiveEntry(device);
      tar.closeArchiveEntry();
    }
    try (TarArchiveOutputStream tar = tar(dir.resolve("no-image.tar"))) {
      file(tar, "hello.txt", "a tarball, but no image");
    }
    corruptDockerArchive(dir.resolve("corrupt-layer.tar"), dir.resolve("docker-archive.tar"));
    noJavaLayout(dir.resolve("no-java-layout"));
    return dir;
  }

  /** A Debian-like base with no Java at all: an os-release file, and no JAVA_VERSION, JAVA_HOME or release file. */
  private static void noJavaLayout(Path layout) throws IOException {
    Layer layer = BaseImageFixture.fileLayer("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n");
    ContainerConfig container = new ContainerConfig("65532", List.of("PATH=/usr/bin:/bin"), List.of(), List.of(), "/",
        null, null, null, null);
    ConfigFile config = new ConfigFile(Platform.LINUX_AMD64, Instant.EPOCH, container, List.of(), List.of());
    new OciLayoutSink(layout).write(Image.of(config, List.of(layer), Map.of()), List.of(BaseImageFixture.TAG));
  }

  /** The base layout with one byte of its layer changed: the blob no longer has its digest. */
  private static void corruptLayout(Path layout) throws IOException {
    Path base = Fixtures.baseLayout();
    try (Stream<Path> files = Files.walk(base)) {
      for (Path file : files.toList()) {
        Path out = layout.resolve(base.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(out);
        } else {
          Files.copy(file, out);
        }
      }
    }
    Path layer;
    try (Stream<Path> blobs = Files.list(layout.resolve("blobs/sha256"))) {
      layer = blobs.max(Comparator.comparingLong(BadFixtures::size)).orElseThrow();
    }
    try (RandomAccessFile file = new RandomAccessFile(layer.toFile(), "rw")) {
      long middle = file.length() / 2;
      file.seek(middle);
      int b = file.read();
      file.seek(middle);
      file.write(b ^ 0xff);
    }
  }

  private static void malformedLayout(Path layout) throws IOException {
    Files.createDirectories(layout);
    Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    Files.writeString(layout.resolve("index.json"), "{\"schemaVersion\": 2, \"manifests\": [");
  }

  /** A docker archive of the base whose layer has one byte changed: its diff id no longer matches the config. */
  private static void corruptDockerArchive(Path corrupt, Path archive) throws Exception {
    Images.tool("skopeo", "copy", "oci:" + Fixtures.baseLayout() + ":latest", "docker-archive:" + archive);
    try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(archive));
        TarArchiveOutputStream out = tar(corrupt)) {
      for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
        if (!e.isFile() || e.isSymbolicLink() || e.isLink()) {
          continue; // commons-compress calls links files too; skopeo's legacy <id>/layer.tar links are not needed
        }
        byte[] bytes = in.readAllBytes();
        if (e.getName().endsWith(".tar")) {
          bytes[bytes.length / 2] ^= 1;
        }
        TarArchiveEntry copy = new TarArchiveEntry(e.getName());
        copy.setSize(bytes.length);
        out.putArchiveEntry(copy);
        out.write(bytes);
        out.closeArchiveEntry();
      }
    }
  }

  private static TarArchiveOutputStream tar(Path file) throws IOException {
    TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(file));
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    return tar;
  }

  private static void file(TarArchiveOutputStream tar, String name, String content) throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    TarArchiveEntry entry = new TarArchiveEntry(name, true);
    entry.setSize(bytes.length);
    tar.putArchiveEntry(entry);
    tar.write(bytes);
    tar.closeArchiveEntry();
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }
}
