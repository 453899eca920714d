package dev.builder.core.image;

import java.util.List;

/**
 * Where an image or an index goes: a registry, an OCI image layout, a tarball, a daemon. Each medium takes the same
 * value and writes it whole or not at all; each has a source that reads back what its sink wrote.
 */
public interface ImageSink {

  /** Writes {@code root} (an image, or an index and its images) under every tag. */
  Written write(Taggable root, List<String> tags);

  /** True when the medium can hold documents about an image (SBOMs, signatures) next to it, as a registry can. */
  default boolean takesAttachments() {
    return false;
  }

  /** Attaches a document to an image this sink wrote; only for sinks that {@link #takesAttachments}. */
  default Attached attach(Attachment attachment) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " holds no attachments");
  }
}
