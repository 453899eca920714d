package dev.builder.core.assembly;

import dev.builder.core.image.Image;
import dev.builder.core.image.ImageSource.ResolvedImage;
import dev.builder.core.inventory.JavaRuntime;
import dev.builder.core.java.JavaLayers.NamedLayer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The result of a build: the image, the base it stands on, the application layers builder added, and where each
 * dependency jar lies in the image.
 *
 * @param linkedRuntime the Java runtime builder linked into the image, if it did (runtime jlink)
 */
public record BuiltImage(
    Image image,
    ResolvedImage base,
    String mainClass,
    List<NamedLayer> applicationLayers,
    Map<Path, String> jarPaths,
    Optional<JavaRuntime> linkedRuntime) {

  public BuiltImage {
    applicationLayers = List.copyOf(applicationLayers);
    jarPaths = Map.copyOf(jarPaths);
    linkedRuntime = linkedRuntime == null ? Optional.empty() : linkedRuntime;
  }

  /** An image on the base's own Java. */
  public BuiltImage(Image image, ResolvedImage base, String mainClass, List<NamedLayer> applicationLayers,
      Map<Path, String> jarPaths) {
    this(image, base, mainClass, applicationLayers, jarPaths, Optional.empty());
  }
}
