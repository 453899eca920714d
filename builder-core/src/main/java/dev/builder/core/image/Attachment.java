package dev.builder.core.image;

import java.util.Map;

/**
 * A document about an image (an SBOM, a signature, an attestation) to store next to it.
 *
 * @param subject the image or index it is about
 * @param what the subject in words, for reports: {@code image}, {@code index}, {@code linux/arm64 image}
 * @param document the document's bytes, stored as they are
 * @param artifactType such as {@code application/spdx+json}: the referrer's artifact type and layer media type
 * @param cosignMediaType the layer media type under cosign's tag, such as {@code text/spdx+json}
 * @param cosignSuffix the suffix of cosign's tag {@code sha256-<hex>.<suffix>}, such as {@code sbom}
 * @param annotations on the referrer manifest
 */
public record Attachment(Descriptor subject, String what, byte[] document, String artifactType,
    String cosignMediaType, String cosignSuffix, Map<String, String> annotations) {

  public Attachment {
    document = document.clone();
    annotations = Map.copyOf(annotations);
  }

  @Override
  public byte[] document() {
    return document.clone();
  }
}
