package dev.builder.core.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An image index and the images it lists, by value: one image per platform. The index is kept as the exact bytes
 * that are digested and stored, as {@link Image} keeps its manifest.
 */
public final class ImageIndex implements Taggable {
  private final byte[] bytes;
  private final Index index;
  private final Digest digest;
  private final List<Image> images;

  private ImageIndex(byte[] bytes, Index index, List<Image> images) {
    this.bytes = bytes.clone();
    this.index = index;
    this.digest = Digest.of(bytes);
    this.images = List.copyOf(images);
  }

  /**
   * An OCI index of {@code images}, in their order, each entry naming its image's platform as the image's config
   * states it (variant included), so that a runtime picks the right one without reading configs.
   */
  public static ImageIndex of(List<Image> images, Map<String, String> annotations) {
    return of(images, annotations, ImageFormat.OCI);
  }

  /** An index in {@code format}: a Docker manifest list carries no annotations. */
  public static ImageIndex of(List<Image> images, Map<String, String> annotations, ImageFormat format) {
    List<Descriptor> entries = new ArrayList<>();
    for (Image image : images) {
      entries.add(image.descriptor().withPlatform(image.config().platform()));
    }
    Index index = new Index(format.indexType(), entries, format.hasAnnotations() ? annotations : Map.of());
    return new ImageIndex(index.toJsonBytes(), index, images);
  }

  /**
   * An index read from somewhere, kept as its stored bytes, with the images it lists (in its order); every entry that
   * is an image manifest must be among {@code images}.
   */
  public static ImageIndex read(byte[] bytes, List<Image> images, String what) {
    Index index = Index.parse(bytes, what);
    java.util.Set<Digest> have = new java.util.HashSet<>();
    images.forEach(image -> have.add(image.digest()));
    for (Descriptor entry : index.manifests()) {
      if (MediaTypes.isManifest(entry.mediaType()) && !have.contains(entry.digest())) {
        throw new dev.builder.core.BuilderException(what + " lists image " + entry.digest() + ", which was not read");
      }
    }
    return new ImageIndex(bytes, index, images);
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  public Index index() {
    return index;
  }

  @Override
  public Digest digest() {
    return digest;
  }

  @Override
  public String mediaType() {
    return index.mediaType();
  }

  @Override
  public Descriptor descriptor() {
    return new Descriptor(index.mediaType(), digest, bytes.length);
  }

  @Override
  public List<Image> images() {
    return images;
  }
}
