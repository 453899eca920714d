package dev.builder.core.assembly;

import dev.builder.core.BuilderException;
import java.util.List;
import java.util.Locale;

/**
 * Where the image's Java comes from: the base image ({@code base}, the default), or a runtime that builder links
 * from a JDK's modules, cut to those the application uses, on a base without Java ({@code jlink}).
 *
 * @param jlink whether builder links the runtime
 * @param jlinkModules modules added to those found in the application's classes and jars
 * @param jdkImage the JDK image whose modules the runtime is linked from, for every platform; null or blank: the
 *     build JDK's where it is of the platform, else {@link #defaultJdkImage}
 */
public record RuntimeSettings(boolean jlink, List<String> jlinkModules, String jdkImage) {
  public static final RuntimeSettings BASE = new RuntimeSettings(false, List.of());

  public RuntimeSettings {
    jlinkModules = jlinkModules == null ? List.of()
        : jlinkModules.stream().map(String::trim).filter(m -> !m.isEmpty()).distinct().toList();
    jdkImage = jdkImage == null || jdkImage.isBlank() ? null : jdkImage.trim();
  }

  public RuntimeSettings(boolean jlink, List<String> jlinkModules) {
    this(jlink, jlinkModules, null);
  }

  /** The runtime named {@code base} or {@code jlink} (blank: base), with the modules to add. */
  public static RuntimeSettings of(String runtime, List<String> jlinkModules) {
    return of(runtime, jlinkModules, null);
  }

  /** The runtime named {@code base} or {@code jlink} (blank: base), with the modules to add and the JDK image. */
  public static RuntimeSettings of(String runtime, List<String> jlinkModules, String jdkImage) {
    String value = runtime == null ? "" : runtime.trim().toLowerCase(Locale.ROOT);
    return switch (value) {
      case "", "base" -> new RuntimeSettings(false, jlinkModules, jdkImage);
      case "jlink" -> new RuntimeSettings(true, jlinkModules, jdkImage);
      default -> throw new BuilderException("runtime " + runtime.trim() + " is unknown: write base (the base image's"
          + " Java) or jlink (a runtime linked from the build JDK, cut to the modules the application uses)");
    };
  }

  /**
   * The JDK image a runtime for another platform than the build's is linked from when none is named: Eclipse
   * Temurin's JDK of the project's release, an image for every common platform with its jmods at
   * {@code /opt/java/openjdk/jmods}.
   */
  public static String defaultJdkImage(int javaRelease) {
    return "eclipse-temurin:" + javaRelease + "-jdk";
  }
}
