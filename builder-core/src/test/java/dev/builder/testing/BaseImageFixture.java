package dev.builder.testing;

import dev.builder.core.image.Blob;
import dev.builder.core.image.ConfigFile;
import dev.builder.core.image.ContainerConfig;
import dev.builder.core.image.Descriptor;
import dev.builder.core.image.Digest;
import dev.builder.core.image.Image;
import dev.builder.core.image.ImageIndex;
import dev.builder.core.image.Layer;
import dev.builder.core.image.MediaTypes;
import dev.builder.core.image.Platform;
import dev.builder.core.layout.OciLayoutSink;
import dev.builder.core.layout.OciLayoutSource;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * A Java base image made on this machine, with no internet: the jlink'd runtime of {@link JavaRuntimeRootfs} as one
 * layer, written as an OCI image layout with tag {@code latest}, running as the non-root user 65532 like distroless.
 */
public final class BaseImageFixture {
  public static final String TAG = "latest";

  private BaseImageFixture() {}

  /** The layout, made once under {@code cacheRoot} and reused. */
  public static Path javaBaseLayout(Path cacheRoot) throws IOException {
    Path rootfs = JavaRuntimeRootfs.cached(cacheRoot);
    // "v2": the config says JAVA_VERSION since then; a layout made before must not be taken for this one
    Path layout = cacheRoot.resolve("java-base-layout-v2-" + rootfs.getFileName());
    if (Files.isRegularFile(layout.resolve("index.json"))) {
      return layout;
    }
    Path work = Files.createDirectories(cacheRoot.resolve("java-base-work"));
    Layer layer = layer(rootfs, work, path -> false);
    ContainerConfig container = new ContainerConfig("65532", JavaRuntimeRootfs.ENV, List.of(), List.of(), "/",
        null, null, null, null);
    ConfigFile config = new ConfigFile(Platform.LINUX_AMD64, Instant.EPOCH, container, List.of(),
        List.of(new ConfigFile.History(Instant.EPOCH, "test fixture: jlink runtime", null, false)));
    Image image = Image.of(config, List.of(layer), Map.of());
    new OciLayoutSink(layout).write(image, List.of(TAG));
    FileTrees.deleteRecursively(work);
    return layout;
  }

  /**
   * A base without Java, as distroless's {@code base} images are: the rootfs of {@link #javaBaseLayout} (glibc and
   * the libraries its Java loads, /etc/passwd, /tmp, the package records) minus the Java runtime and its
   * {@code /usr/bin/java} link, for images whose runtime builder links. An OCI layout with tag {@code latest}.
   */
  public static Path baseWithoutJavaLayout(Path cacheRoot) throws IOException {
    Path rootfs = JavaRuntimeRootfs.cached(cacheRoot);
    Path layout = cacheRoot.resolve("no-java-base-layout-v1-" + rootfs.getFileName());
    if (Files.isRegularFile(layout.resolve("index.json"))) {
      return layout;
    }
    Path work = Files.createDirectories(cacheRoot.resolve("no-java-base-work"));
    Layer layer = layer(rootfs, work, path -> path.startsWith(rootfs.resolve("opt/java"))
        || path.equals(rootfs.resolve("usr/bin/java")));
    ContainerConfig container = new ContainerConfig("65532",
        List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"), List.of(), List.of(), "/",
        null, null, null, null);
    ConfigFile config = new ConfigFile(Platform.LINUX_AMD64, Instant.EPOCH, container, List.of(),
        List.of(new ConfigFile.History(Instant.EPOCH, "test fixture: glibc and the libraries Java loads", null,
            false)));
    new OciLayoutSink(layout).write(Image.of(config, List.of(layer), Map.of()), List.of(TAG));
    FileTrees.deleteRecursively(work);
    return layout;
  }

  /**
   * A two-platform base as registries publish them: an index of the Java base for {@code linux/amd64} and an image
   * for {@code linux/arm64/v8} (the same runtime layer, which need not run here, plus a layer whose
   * {@code /etc/fixture-platform} says {@code arm64}), with an attestation entry for {@code unknown/unknown}, as
   * buildx adds, that no build may pick.
   */
  public static ImageIndex multiPlatformIndex(Path cacheRoot) throws IOException {
    Image amd64 = new OciLayoutSource(javaBaseLayout(cacheRoot), TAG, "fixture base").resolve(Platform.LINUX_AMD64)
        .image();
    List<Layer> armLayers = new java.util.ArrayList<>(amd64.layers());
    armLayers.add(fileLayer("etc/fixture-platform", "arm64\n"));
    Image arm64 = Image.of(withPlatform(amd64.config(), new Platform("linux", "arm64", "v8")), armLayers, Map.of());
    Image attestation = Image.of(withPlatform(amd64.config(), new Platform("unknown", "unknown", null)),
        List.of(fileLayer("attestation.json", "{}")), Map.of());
    return ImageIndex.of(List.of(amd64, arm64, attestation), Map.of());
  }

  private static ConfigFile withPlatform(ConfigFile config, Platform platform) {
    return new ConfigFile(platform, config.created(), config.config(), config.diffIds(), config.history());
  }

  /** An uncompressed layer holding one file. */
  public static Layer fileLayer(String name, String content) throws IOException {
    byte[] bytes = content.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    java.io.ByteArrayOutputStream tar = new java.io.ByteArrayOutputStream();
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(tar)) {
      TarArchiveEntry entry = new TarArchiveEntry(name);
      entry.setSize(bytes.length);
      entry.setModTime(0);
      out.putArchiveEntry(entry);
      out.write(bytes);
      out.closeArchiveEntry();
    }
    Blob blob = Blob.of(tar.toByteArray());
    return new Layer(new Descriptor(MediaTypes.OCI_LAYER, blob.digest(), blob.size()), blob.digest(), blob);
  }

  /** Archives a root filesystem as it is: owners, modes and symlinks kept. */
  private static Layer layer(Path rootfs, Path work, Predicate<Path> leftOut) throws IOException {
    Path file = work.resolve("rootfs.tar.gz");
    Digest.Counting compressed = new Digest.Counting(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    GZIPOutputStream gzip = new GZIPOutputStream(compressed, 1 << 16);
    Digest.Counting raw = new Digest.Counting(gzip);
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(raw);
        Stream<Path> walk = Files.walk(rootfs)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      for (Path path : walk.filter(p -> !p.equals(rootfs) && !leftOut.test(p)).sorted().toList()) {
        String name = rootfs.relativize(path).toString();
        TarArchiveEntry entry;
        if (Files.isSymbolicLink(path)) {
          entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
          entry.setLinkName(Files.readSymbolicLink(path).toString());
        } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
          entry = new TarArchiveEntry(name + "/", TarConstants.LF_DIR);
        } else {
          entry = new TarArchiveEntry(name, TarConstants.LF_NORMAL);
          entry.setSize(Files.size(path));
        }
        int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        entry.setMode((entry.getMode() & ~07777) | (mode & 07777));
        entry.setUserId((Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS));
        entry.setGroupId((Integer) Files.getAttribute(path, "unix:gid", LinkOption.NOFOLLOW_LINKS));
        entry.setModTime(new Date(0));
        tar.putArchiveEntry(entry);
        if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
          try (InputStream in = Files.newInputStream(path)) {
            in.transferTo(tar);
          }
        }
        tar.closeArchiveEntry();
      }
      tar.finish();
      raw.flush();
      gzip.finish();
      compressed.flush();
    }
    Digest digest = compressed.digest();
    Path named = work.resolve(digest.hex() + ".tar.gz");
    Files.move(file, named, StandardCopyOption.REPLACE_EXISTING);
    return new Layer(new Descriptor(MediaTypes.OCI_LAYER_GZIP, digest, compressed.size()), raw.digest(),
        Blob.ofFile(named, digest, compressed.size()));
  }
}
