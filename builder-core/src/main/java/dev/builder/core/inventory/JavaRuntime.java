package dev.builder.core.inventory;

import java.util.List;

/**
 * The Java runtime of an image, as its {@code release} file names it.
 *
 * @param path the runtime's folder in the image, such as {@code /opt/java}
 * @param implementor such as {@code Eclipse Adoptium}, or null
 * @param linkedModules for a runtime builder linked, the modules it holds; empty for a base's runtime
 * @param linkedFrom for a runtime builder linked, where its modules came from (the build JDK, or a JDK image and its
 *     digest); null for a base's runtime
 */
public record JavaRuntime(String path, String version, String implementor, List<String> linkedModules,
    String linkedFrom) {

  public JavaRuntime {
    linkedModules = linkedModules == null ? List.of() : List.copyOf(linkedModules);
  }

  /** A base image's runtime. */
  public JavaRuntime(String path, String version, String implementor) {
    this(path, version, implementor, List.of(), null);
  }

  /** A runtime builder linked, from modules of unnamed origin. */
  public JavaRuntime(String path, String version, String implementor, List<String> linkedModules) {
    this(path, version, implementor, linkedModules, null);
  }

  /** The feature release: 17 for 17.0.15, 8 for 1.8.0_412. */
  public int featureVersion() {
    String v = version.startsWith("1.") ? version.substring(2) : version;
    String digits = v.replaceFirst("[^0-9].*", "");
    return digits.isEmpty() ? 0 : Integer.parseInt(digits);
  }
}
