package dev.builder.core.image;

import java.util.List;

/**
 * What a sink wrote.
 *
 * @param destination where, in words: a repository, a folder, a file, a daemon
 * @param descriptor what the references name: the image or index written (for a daemon, the one platform's image
 *     it took)
 * @param references the names that now point at it, such as {@code registry/repo:tag}
 * @param transfer what crossing to the medium cost; {@link Transfer#NONE} for files
 */
public record Written(String destination, Descriptor descriptor, List<String> references, Transfer transfer) {

  public Written {
    references = List.copyOf(references);
    transfer = transfer == null ? Transfer.NONE : transfer;
  }

  public Digest digest() {
    return descriptor.digest();
  }
}
