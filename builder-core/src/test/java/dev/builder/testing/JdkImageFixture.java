package dev.builder.testing;

import dev.builder.core.image.Blob;
import dev.builder.core.image.ConfigFile;
import dev.builder.core.image.ContainerConfig;
import dev.builder.core.image.Descriptor;
import dev.builder.core.image.Digest;
import dev.builder.core.image.Image;
import dev.builder.core.image.Layer;
import dev.builder.core.image.MediaTypes;
import dev.builder.core.image.Platform;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A stand-in for a JDK image such as Temurin's, made on this machine with no internet: a JDK's {@code jmods} folder
 * and a {@code release} file at a JDK home in the image, in one uncompressed layer, with the platform it is for in
 * its config.
 */
public final class JdkImageFixture {
  private JdkImageFixture() {}

  /**
   * The image: the {@code .jmod} files of {@code jmods} at {@code home}/jmods and {@code release} (the release
   * file's text, null for none) at {@code home}/release; the layer is written under {@code work}.
   */
  public static Image image(Path jmods, String home, String release, Platform platform, Path work)
      throws IOException {
    Files.createDirectories(work);
    Path file = Files.createTempFile(work, "jdk-layer", ".tar");
    Digest.Counting raw = new Digest.Counting(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(raw);
        Stream<Path> list = Files.list(jmods)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      directory(tar, home);
      directory(tar, home + "/jmods");
      for (Path jmod : list.filter(p -> p.toString().endsWith(".jmod")).sorted().toList()) {
        try (InputStream in = Files.newInputStream(jmod)) {
          file(tar, home + "/jmods/" + jmod.getFileName(), Files.size(jmod), in::transferTo);
        }
      }
      if (release != null) {
        byte[] bytes = release.getBytes(StandardCharsets.UTF_8);
        file(tar, home + "/release", bytes.length, out -> out.write(bytes));
      }
      tar.finish();
    }
    Digest digest = raw.digest();
    Path named = work.resolve(digest.hex() + ".tar");
    Files.move(file, named, StandardCopyOption.REPLACE_EXISTING);
    Layer layer = new Layer(new Descriptor(MediaTypes.OCI_LAYER, digest, raw.size()), digest,
        Blob.ofFile(named, digest, raw.size()));
    ContainerConfig container = new ContainerConfig("0", List.of("JAVA_HOME=/" + home), List.of(), List.of(), "/",
        null, null, null, null);
    ConfigFile config = new ConfigFile(platform, Instant.EPOCH, container, List.of(),
        List.of(new ConfigFile.History(Instant.EPOCH, "test fixture: a JDK's jmods", null, false)));
    return Image.of(config, List.of(layer), Map.of());
  }

  /** The release file of the JDK at {@code jdkHome}, with {@code changes} made to its fields. */
  public static String release(Path jdkHome, Map<String, String> changes) throws IOException {
    StringBuilder text = new StringBuilder();
    java.util.Map<String, String> left = new java.util.LinkedHashMap<>(changes);
    for (String line : Files.readAllLines(jdkHome.resolve("release"), StandardCharsets.UTF_8)) {
      int eq = line.indexOf('=');
      String key = eq > 0 ? line.substring(0, eq) : null;
      if (key != null && left.containsKey(key)) {
        text.append(key).append("=\"").append(left.remove(key)).append("\"\n");
      } else {
        text.append(line).append('\n');
      }
    }
    left.forEach((k, v) -> text.append(k).append("=\"").append(v).append("\"\n"));
    return text.toString();
  }

  private interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private static void directory(TarArchiveOutputStream tar, String name) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name + "/");
    entry.setModTime(new Date(0));
    tar.putArchiveEntry(entry);
    tar.closeArchiveEntry();
  }

  private static void file(TarArchiveOutputStream tar, String name, long size, Content content) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(size);
    entry.setMode(0100644);
    entry.setModTime(new Date(0));
    tar.putArchiveEntry(entry);
    content.writeTo(tar);
    tar.closeArchiveEntry();
  }
}
