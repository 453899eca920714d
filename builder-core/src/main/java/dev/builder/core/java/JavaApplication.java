package dev.builder.core.java;

import java.nio.file.Path;
import java.util.List;

/**
 * What a Java application is made of, as a build tool knows it: compiled classes and resources (one folder, as
 * Maven's {@code target/classes}), the runtime jars in classpath order, the packaged jar if there is one (its
 * manifest may name the main class), and a folder of extra files for the image root.
 *
 * @param classesDirectory compiled classes and resources; may not exist for a module without sources
 * @param jar the packaged artifact, or null
 * @param extraDirectory files copied to the image root as they are, or null
 */
public record JavaApplication(
    Path classesDirectory, List<Dependency> dependencies, Path jar, Path extraDirectory) {

  public JavaApplication {
    dependencies = List.copyOf(dependencies);
  }
}
