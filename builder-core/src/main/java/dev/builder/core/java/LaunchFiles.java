package dev.builder.core.java;

import dev.builder.core.java.JavaLayers.NamedLayer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The classpath and main class as files in the image ({@code <appRoot>/builder-classpath-file} and
 * {@code builder-main-class-file}, as Jib's {@code jib-classpath-file}), for a launch script of the user's own:
 * {@code java -cp @/app/builder-classpath-file @/app/builder-main-class-file}. Their own small layer, after the
 * classes: it changes only when the classpath or main class does.
 */
public final class LaunchFiles {
  public static final String CLASSPATH_FILE = "builder-classpath-file";
  public static final String MAIN_CLASS_FILE = "builder-main-class-file";

  private LaunchFiles() {}

  /**
   * The layer of the two files ({@code mainClass} may be null: then only the classpath's), made in {@code directory}.
   */
  public static Optional<NamedLayer> build(List<String> classpath, String mainClass, String appRoot, Instant time,
      Path directory) {
    LayerBuilder layer = new LayerBuilder(time);
    Path files = directory.resolve("files");
    layer.addFile(write(files.resolve(CLASSPATH_FILE), String.join(":", classpath)), appRoot + "/" + CLASSPATH_FILE,
        0644);
    if (mainClass != null) {
      layer.addFile(write(files.resolve(MAIN_CLASS_FILE), mainClass), appRoot + "/" + MAIN_CLASS_FILE, 0644);
    }
    return layer.build(directory.resolve("layers")).map(l -> new NamedLayer("launch files", l));
  }

  /** Writes the file only when its content changes, so that the layer cache, which goes by file times, still hits. */
  private static Path write(Path file, String content) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    try {
      if (!Files.isRegularFile(file) || !Arrays.equals(Files.readAllBytes(file), bytes)) {
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
