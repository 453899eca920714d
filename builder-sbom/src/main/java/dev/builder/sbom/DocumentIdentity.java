package dev.builder.sbom;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The names and times a document carries, all derived from the image so that two builds of the same sources give
 * byte-identical SBOMs: the time is the image's creation time, never the clock's, and serial numbers and namespaces
 * come from the image digest.
 */
final class DocumentIdentity {
  private DocumentIdentity() {}

  /** The image's creation time in UTC to the second, {@code 2026-01-01T00:00:00Z}: what every format accepts. */
  static String created(SbomDocument doc) {
    return DateTimeFormatter.ISO_INSTANT.format(doc.created().truncatedTo(ChronoUnit.SECONDS));
  }

  /** A name-based (version 3) UUID of the image digest, so one image always has one serial number. */
  static UUID serial(SbomDocument doc) {
    return UUID.nameUUIDFromBytes(doc.imageDigest().getBytes(StandardCharsets.UTF_8));
  }

  /** {@code https://builder.dev/spdx/<image-name>-<digest hex>}: unique per image, the same for the same image. */
  static String namespace(SbomDocument doc) {
    String hex = doc.imageDigest().substring(doc.imageDigest().indexOf(':') + 1);
    return "https://builder.dev/spdx/" + SpdxIds.sanitize(doc.name()) + "-" + hex;
  }
}
