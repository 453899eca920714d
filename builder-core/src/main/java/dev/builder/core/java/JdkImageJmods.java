package dev.builder.core.java;

import dev.builder.core.BuilderException;
import dev.builder.core.image.Image;
import dev.builder.core.image.Layer;
import dev.builder.core.image.LayerCompression;
import dev.builder.core.image.Platform;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The {@code jmods} folder of a JDK image, taken out of its layers into the cache folder once per image digest (a
 * digest names the same bytes for ever), with the JDK's {@code release} file beside it. Only {@code .jmod} files in
 * a folder named {@code jmods} and {@code release} files are read from the layers; nothing else is written, and
 * nothing outside the cache folder.
 */
public final class JdkImageJmods {
  /** Where Temurin's images, the default JDK images, have it; elsewhere it is searched for. */
  static final String TEMURIN_HOME = "opt/java/openjdk";

  /** More than any JDK's jmods (about 90 MB): a layer cannot fill the disk. */
  private static final long BUDGET = 2L << 30;

  private JdkImageJmods() {}

  /**
   * The jmods of {@code image}, the image for {@code platform} of the JDK image the user named {@code name}, taken
   * from the cache when they were taken out before.
   */
  public static Jmods of(Image image, String name, Platform platform, Path cacheDirectory) {
    String origin = "JDK image " + name + " (" + image.digest() + ")";
    Path folder = cacheDirectory.resolve("jdk").resolve(image.digest().hex());
    if (!Files.isRegularFile(folder.resolve("jmods/java.base.jmod"))) {
      extract(image, name, folder);
    }
    Map<String, String> release = release(folder.resolve("release"));
    String arch = release.get("OS_ARCH");
    if (arch != null && !Jmods.architecture(arch).equals(platform.architecture())) {
      throw new BuilderException(origin + " is meant for " + platform + ", but its JDK is for " + arch
          + " (OS_ARCH of its release file): name a JDK image that has a " + platform + " image in jdkImage");
    }
    String version = Optional.ofNullable(release.get("JAVA_VERSION")).orElseGet(() -> baseVersion(folder));
    return new Jmods(folder.resolve("jmods"), new Platform(platform.os(), platform.architecture(), null), version,
        release.get("IMPLEMENTOR"), "JDK image " + image.digest(), origin);
  }

  private static void extract(Image image, String name, Path folder) {
    Path work = null;
    try {
      Files.createDirectories(folder.getParent());
      work = Files.createTempDirectory(folder.getParent(), "extract");
      Path files = work.resolve("files");
      Map<String, byte[]> releases = new TreeMap<>();
      long budget = BUDGET;
      for (Layer layer : image.layers()) {
        budget -= read(layer, files, releases, budget, name);
      }
      String home = home(files).orElseThrow(() -> new BuilderException("JDK image " + name + " has no jmods"
          + " folder (no jmods/java.base.jmod in it; Temurin's is /" + TEMURIN_HOME + "/jmods): name a JDK image,"
          + " not a JRE, in jdkImage, one whose JDK has jmods"));
      Path result = work.resolve("result");
      Files.createDirectories(result);
      Files.move(files.resolve(home).resolve("jmods"), result.resolve("jmods"));
      String releasePath = home.isEmpty() ? "release" : home + "/release";
      Files.write(result.resolve("release"), releases.getOrDefault(releasePath, new byte[0]));
      try {
        Files.move(result, folder, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
        // another build of the same JDK image took it out at the same time: the same bytes, keep theirs
      } catch (IOException e) {
        if (!Files.isRegularFile(folder.resolve("jmods/java.base.jmod"))) {
          throw e;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot take the jmods out of JDK image " + name + " into " + folder, e);
    } finally {
      deleteQuietly(work);
    }
  }

  /**
   * Writes the layer's jmods under {@code files} at their paths in the image, applies its whiteouts to those
   * written before, and keeps its release files; returns the bytes written.
   */
  private static long read(Layer layer, Path files, Map<String, byte[]> releases, long budget, String name)
      throws IOException {
    long written = 0;
    try (InputStream raw = new BufferedInputStream(layer.blob().open(), 1 << 16);
        InputStream in = LayerCompression.ofMediaType(layer.descriptor().mediaType()).decompress(raw);
        TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
        String path = normalize(entry.getName());
        if (path == null) {
          continue; // a name with .. in it: never a JDK's file, never written
        }
        String fileName = path.substring(path.lastIndexOf('/') + 1);
        String dir = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
        if (fileName.equals(".wh..wh..opq")) {
          deleteQuietly(dir.isEmpty() ? files : files.resolve(dir));
          releases.keySet().removeIf(k -> dir.isEmpty() || k.startsWith(dir + "/"));
        } else if (fileName.startsWith(".wh.")) {
          String gone = (dir.isEmpty() ? "" : dir + "/") + fileName.substring(4);
          deleteQuietly(files.resolve(gone));
          releases.keySet().removeIf(k -> k.equals(gone) || k.startsWith(gone + "/"));
        } else if (entry.isFile() && isJmod(dir, fileName)) {
          if (entry.getSize() > budget - written) {
            throw new BuilderException("JDK image " + name + " has jmods of more than " + (BUDGET >> 30)
                + " GB: that is not a JDK; name a JDK image in jdkImage");
          }
          Path out = files.resolve(path);
          Files.createDirectories(out.getParent());
          written += Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
        } else if (entry.isLink() && isJmod(dir, fileName)) {
          String target = normalize(entry.getLinkName());
          if (target != null && Files.isRegularFile(files.resolve(target))) { // a hard link to a jmod of before
            Files.createDirectories(files.resolve(path).getParent());
            Files.copy(files.resolve(target), files.resolve(path), StandardCopyOption.REPLACE_EXISTING);
          }
        } else if (entry.isFile() && fileName.equals("release") && entry.getSize() < 1 << 16) {
          releases.put(path, tar.readAllBytes());
        }
      }
    }
    return written;
  }

  private static boolean isJmod(String dir, String fileName) {
    return (dir.equals("jmods") || dir.endsWith("/jmods")) && fileName.endsWith(".jmod");
  }

  /** The JDK folder whose jmods hold java.base: Temurin's place first, else the first by name. */
  private static Optional<String> home(Path files) throws IOException {
    if (Files.isRegularFile(files.resolve(TEMURIN_HOME).resolve("jmods/java.base.jmod"))) {
      return Optional.of(TEMURIN_HOME);
    }
    if (!Files.isDirectory(files)) {
      return Optional.empty();
    }
    try (Stream<Path> found = Files.walk(files)) {
      return found.filter(p -> p.getFileName().toString().equals("java.base.jmod")
              && p.getParent().getFileName().toString().equals("jmods"))
          .map(p -> files.relativize(p.getParent().getParent()).toString())
          .sorted(Comparator.comparing(String::length).thenComparing(Comparator.naturalOrder()))
          .findFirst();
    }
  }

  /** A layer entry's path without {@code ./} or {@code /} in front or at the end; null if it has {@code ..}. */
  private static String normalize(String name) {
    String path = name;
    while (path.startsWith("./") || path.startsWith("/")) {
      path = path.startsWith("./") ? path.substring(2) : path.substring(1);
    }
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    for (String segment : path.split("/")) {
      if (segment.equals("..") || segment.equals(".")) {
        return null;
      }
    }
    return path.isEmpty() ? null : path;
  }

  private static Map<String, String> release(Path file) {
    Map<String, String> fields = new LinkedHashMap<>();
    try {
      if (!Files.isRegularFile(file)) {
        return fields;
      }
      for (String line : Files.readString(file, StandardCharsets.UTF_8).split("\n")) {
        int eq = line.indexOf('=');
        if (eq > 0 && !line.startsWith("#")) {
          fields.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim().replaceAll("^\"|\"$", ""));
        }
      }
      return fields;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * java.base's own version, for a JDK image without a release file: a jmod is a four-byte header and a zip whose
   * classes/module-info.class names it.
   */
  private static String baseVersion(Path folder) {
    Path jmod = folder.resolve("jmods/java.base.jmod");
    try (InputStream in = new BufferedInputStream(Files.newInputStream(jmod))) {
      in.skipNBytes(4);
      ZipInputStream zip = new ZipInputStream(in);
      for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
        if (entry.getName().equals("classes/module-info.class")) {
          return ModuleDescriptor.read(ByteBuffer.wrap(zip.readAllBytes())).rawVersion()
              .map(v -> v.replaceFirst("\\+.*", "")).orElse("0");
        }
      }
      return "0";
    } catch (IOException | RuntimeException e) {
      throw new BuilderException("cannot read which Java " + jmod + " is (it has no release file beside it): "
          + e.getMessage(), e);
    }
  }

  private static void deleteQuietly(Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      // a leftover folder under the cache costs disk, never a wrong runtime
    }
  }
}
