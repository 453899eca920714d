package dev.builder.core.image;

/**
 * One filesystem layer: the descriptor a manifest lists, the digest of its uncompressed tar that the config lists,
 * and its content.
 */
public record Layer(Descriptor descriptor, Digest diffId, Blob blob) {

  public Layer {
    if (!descriptor.digest().equals(blob.digest())) {
      throw new IllegalArgumentException(
          "layer descriptor " + descriptor.digest() + " does not match its content " + blob.digest());
    }
  }

  public Digest digest() {
    return descriptor.digest();
  }
}
