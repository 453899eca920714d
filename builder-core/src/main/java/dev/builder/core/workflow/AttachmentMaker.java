package dev.builder.core.workflow;

import dev.builder.core.assembly.BuiltImages;
import dev.builder.core.image.Attachment;
import java.util.List;

/**
 * Makes the documents to attach to a build (SBOMs; later signatures and attestations). It needs only the built images'
 * digests, not the registry, so a {@link Publisher} runs it while the image is written.
 */
@FunctionalInterface
public interface AttachmentMaker {
  AttachmentMaker NONE = built -> List.of();

  List<Attachment> make(BuiltImages built);
}
