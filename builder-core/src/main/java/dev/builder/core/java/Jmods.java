package dev.builder.core.java;

import dev.builder.core.image.Digest;
import dev.builder.core.image.Platform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The modules a runtime is linked from: a JDK's {@code jmods} folder, whose native code is for one platform and
 * whose classes are of one Java version. The build JDK's own, or those taken from a JDK image for another platform.
 *
 * @param folder the {@code jmods} folder
 * @param platform the platform the modules' native code is for
 * @param version the Java version, such as {@code 17.0.15}
 * @param vendor who built the JDK, such as {@code Eclipse Adoptium}; null when unknown
 * @param identity what a runtime linked from them depends on, for the cache key
 * @param origin where they come from, for messages and the SBOM: the build JDK, or a JDK image and its digest
 */
public record Jmods(Path folder, Platform platform, String version, String vendor, String identity, String origin) {

  /** The build JDK's modules (its {@code jmods} folder may be missing: a JRE, or a JDK built without them). */
  public static Jmods buildJdk() {
    Path home = Path.of(System.getProperty("java.home"));
    Path folder = home.resolve("jmods");
    return new Jmods(folder, buildPlatform(), Runtime.version().toString().replaceFirst("\\+.*", ""),
        System.getProperty("java.vendor"), identity(home, folder), "the build JDK (" + home + ")");
  }

  /** The platform the build runs on, in the names images use: {@code linux/amd64}, {@code linux/arm64}. */
  public static Platform buildPlatform() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    return new Platform(os.startsWith("linux") ? "linux" : os.split(" ")[0],
        architecture(System.getProperty("os.arch")), null);
  }

  /** An architecture as images name it, from the names Java's {@code os.arch} and JDK release files use. */
  static String architecture(String javaName) {
    return switch (javaName) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      default -> javaName;
    };
  }

  /** The feature release: 17 for 17.0.15. */
  public int feature() {
    String digits = version.replaceFirst("^1\\.", "").replaceFirst("[^0-9].*", "");
    return digits.isEmpty() ? 0 : Integer.parseInt(digits);
  }

  public boolean present() {
    return Files.isRegularFile(folder.resolve("java.base.jmod"));
  }

  public boolean has(String module) {
    return Files.isRegularFile(folder.resolve(module + ".jmod"));
  }

  /** Whether their native code runs where the build does (jlink can strip its debug symbols only then). */
  boolean forBuildPlatform() {
    return platform.architecture().equals(buildPlatform().architecture());
  }

  /** The build JDK's version and its jmods' names, sizes and times: what a link from them depends on. */
  private static String identity(Path home, Path folder) {
    StringBuilder text = new StringBuilder(home + " " + Runtime.version() + " " + System.getProperty("java.vendor")
        + "\n");
    if (Files.isDirectory(folder)) {
      try (Stream<Path> files = Files.list(folder)) {
        for (Path file : files.sorted().toList()) {
          BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
          text.append(file.getFileName()).append(' ').append(attributes.size()).append(' ')
              .append(attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS)).append('\n');
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + folder, e);
      }
    }
    return "build JDK " + Digest.of(text.toString().getBytes(StandardCharsets.UTF_8));
  }
}
