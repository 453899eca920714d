package dev.builder.core.image;

import java.util.List;

/**
 * What a tag can point at: an image, or an index and the images it lists. Sinks write one and sources read one back,
 * so that callers never branch on which of the two they hold.
 */
public sealed interface Taggable permits Image, ImageIndex {

  /** The exact bytes of the manifest or index, which the digest is taken over. */
  byte[] bytes();

  String mediaType();

  Digest digest();

  Descriptor descriptor();

  /** The images: this one, or every image the index lists, in its order. */
  List<Image> images();
}
