package dev.builder.core.java;

import java.nio.file.Path;
import java.util.List;

/**
 * What a Java application is made of, as a build tool knows it: compiled classes and resources (one folder, as
 * Maven's {@code target/classes}), the runtime jars in classpath order, the packaged jar if there is one (its
 * manifest may name the main class), and folders of extra files for the image.
 *
 * @param classesDirectory compiled classes and resources; may not exist for a module without sources
 * @param jar the packaged artifact, or null
 * @param extraDirectory files copied to the image root as they are, or null; skipped when it does not exist
 * @param extraDirectories further folders placed where they say, after {@code extraDirectory}; each must exist
 */
public record JavaApplication(
    Path classesDirectory, List<Dependency> dependencies, Path jar, Path extraDirectory,
    ExtraDirectories extraDirectories) {

  public JavaApplication {
    dependencies = List.copyOf(dependencies);
    extraDirectories = extraDirectories == null ? ExtraDirectories.NONE : extraDirectories;
  }

  public JavaApplication(Path classesDirectory, List<Dependency> dependencies, Path jar, Path extraDirectory) {
    this(classesDirectory, dependencies, jar, extraDirectory, ExtraDirectories.NONE);
  }

  /** This application with {@code extras} as its further folders of extra files. */
  public JavaApplication withExtraDirectories(ExtraDirectories extras) {
    return new JavaApplication(classesDirectory, dependencies, jar, extraDirectory, extras);
  }
}
