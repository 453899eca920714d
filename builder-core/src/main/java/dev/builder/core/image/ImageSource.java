package dev.builder.core.image;

/**
 * Where an image comes from: a registry, an OCI layout, a tarball, a daemon. A base image is resolved for one platform;
 * {@link #read} gives back what a name points at, as a sink of the same medium wrote it.
 */
public interface ImageSource {

  /** The image for {@code platform}; an index is resolved to that platform's image. */
  ResolvedImage resolve(Platform platform);

  /**
   * The platforms there are images for: an index's entries (attestations such as {@code unknown/unknown} left out),
   * or a single image's own platform.
   */
  java.util.List<Platform> platforms();

  /**
   * What the reference names, whole: an image, or an index with every image it lists, with the exact bytes (and so the
   * digest) that were written.
   */
  Taggable read();

  /**
   * An image and what its name resolved to: {@code name} as the user wrote it (for a file, without the folders above
   * it: they belong to the build machine) and {@code digest} of the manifest or index the name points at, which is
   * what {@code org.opencontainers.image.base.*} annotations record.
   */
  record ResolvedImage(Image image, String name, Digest digest) {}
}
