package dev.builder.core.build;

import dev.builder.core.image.Image;
import dev.builder.core.image.ImageSource.ResolvedImage;
import dev.builder.core.java.JavaLayers.NamedLayer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The result of a build: the image, the base it stands on, the application layers builder added, and where each
 * dependency jar lies in the image.
 */
public record BuiltImage(
    Image image,
    ResolvedImage base,
    String mainClass,
    List<NamedLayer> applicationLayers,
    Map<Path, String> jarPaths) {

  public BuiltImage {
    applicationLayers = List.copyOf(applicationLayers);
    jarPaths = Map.copyOf(jarPaths);
  }
}
