package dev.builder.core.assembly;

import dev.builder.core.BuilderException;
import java.util.List;
import java.util.Locale;

/**
 * Where the image's Java comes from: the base image ({@code base}, the default), or a runtime that builder links
 * from the build JDK's modules, cut to those the application uses, on a base without Java ({@code jlink}).
 *
 * @param jlink whether builder links the runtime
 * @param jlinkModules modules added to those found in the application's classes and jars
 */
public record RuntimeSettings(boolean jlink, List<String> jlinkModules) {
  public static final RuntimeSettings BASE = new RuntimeSettings(false, List.of());

  public RuntimeSettings {
    jlinkModules = jlinkModules == null ? List.of()
        : jlinkModules.stream().map(String::trim).filter(m -> !m.isEmpty()).distinct().toList();
  }

  /** The runtime named {@code base} or {@code jlink} (blank: base), with the modules to add. */
  public static RuntimeSettings of(String runtime, List<String> jlinkModules) {
    String value = runtime == null ? "" : runtime.trim().toLowerCase(Locale.ROOT);
    return switch (value) {
      case "", "base" -> new RuntimeSettings(false, jlinkModules);
      case "jlink" -> new RuntimeSettings(true, jlinkModules);
      default -> throw new BuilderException("runtime " + runtime.trim() + " is unknown: write base (the base image's"
          + " Java) or jlink (a runtime linked from the build JDK, cut to the modules the application uses)");
    };
  }
}
