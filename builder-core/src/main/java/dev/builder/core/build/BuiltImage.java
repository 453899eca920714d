package dev.builder.core.build;

import dev.builder.core.image.Image;
import dev.builder.core.image.ImageSource.ResolvedImage;
import dev.builder.core.java.JavaLayers.NamedLayer;
import java.util.List;

/** The result of a build: the image, the base it stands on, and the application layers builder added. */
public record BuiltImage(Image image, ResolvedImage base, String mainClass, List<NamedLayer> applicationLayers) {

  public BuiltImage {
    applicationLayers = List.copyOf(applicationLayers);
  }
}
