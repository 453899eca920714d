package dev.builder.core.workflow;

import dev.builder.core.image.Attached;
import dev.builder.core.image.Written;
import java.util.List;

/** What a {@link Publisher} did: the image written, and the documents attached to it. */
public record Publication(Written written, List<Attached> attached) {

  public Publication {
    attached = List.copyOf(attached);
  }
}
