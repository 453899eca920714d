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
 * @param webappDirectory for a war, the exploded webapp (static files, {@code WEB-INF/classes}, {@code WEB-INF/lib}),
 *     which the image holds as it is under its app root, for a servlet container to serve; null for a jar
 */
public record JavaApplication(
    Path classesDirectory, List<Dependency> dependencies, Path jar, Path extraDirectory,
    ExtraDirectories extraDirectories, Path webappDirectory) {

  public JavaApplication {
    dependencies = List.copyOf(dependencies);
    extraDirectories = extraDirectories == null ? ExtraDirectories.NONE : extraDirectories;
  }

  public JavaApplication(Path classesDirectory, List<Dependency> dependencies, Path jar, Path extraDirectory,
      ExtraDirectories extraDirectories) {
    this(classesDirectory, dependencies, jar, extraDirectory, extraDirectories, null);
  }

  public JavaApplication(Path classesDirectory, List<Dependency> dependencies, Path jar, Path extraDirectory) {
    this(classesDirectory, dependencies, jar, extraDirectory, ExtraDirectories.NONE, null);
  }

  /** This application with {@code extras} as its further folders of extra files. */
  public JavaApplication withExtraDirectories(ExtraDirectories extras) {
    return new JavaApplication(classesDirectory, dependencies, jar, extraDirectory, extras, webappDirectory);
  }

  /** This application as a war whose exploded webapp is {@code webapp}. */
  public JavaApplication withWebappDirectory(Path webapp) {
    return new JavaApplication(classesDirectory, dependencies, jar, extraDirectory, extraDirectories, webapp);
  }

  /** Whether this is a war, which a servlet container of the base runs rather than a main class. */
  public boolean isWebapp() {
    return webappDirectory != null;
  }
}
