package dev.builder.core.assembly;

import dev.builder.core.image.Descriptor;
import dev.builder.core.image.Taggable;
import dev.builder.core.image.Digest;
import dev.builder.core.image.Image;
import dev.builder.core.image.ImageIndex;
import dev.builder.core.java.JavaLayers.NamedLayer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a build made: one image per platform and, when there are several, the index that lists them. The
 * application layers (and so the jars' paths and the main class) are the same in every image.
 */
public record BuiltImages(List<BuiltImage> images, Optional<ImageIndex> index) {

  public BuiltImages {
    images = List.copyOf(images);
    if (images.isEmpty()) {
      throw new IllegalArgumentException("a build makes at least one image");
    }
    if (index.isEmpty() && images.size() > 1) {
      throw new IllegalArgumentException("several images need an index");
    }
  }

  public static BuiltImages single(BuiltImage image) {
    return new BuiltImages(List.of(image), Optional.empty());
  }

  /** The digest a tag points at: the index's, or the one image's. */
  public Digest digest() {
    return index.map(ImageIndex::digest).orElseGet(() -> images.get(0).image().digest());
  }

  /** What the tags name: the index, or the one image. */
  public Taggable root() {
    return index.isPresent() ? index.get() : images.get(0).image();
  }

  public Descriptor descriptor() {
    return index.map(ImageIndex::descriptor).orElseGet(() -> images.get(0).image().descriptor());
  }

  public List<Image> imageList() {
    return images.stream().map(BuiltImage::image).toList();
  }

  public String mainClass() {
    return images.get(0).mainClass();
  }

  public List<NamedLayer> applicationLayers() {
    return images.get(0).applicationLayers();
  }

  public Map<Path, String> jarPaths() {
    return images.get(0).jarPaths();
  }
}
