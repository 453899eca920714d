package dev.builder.sbom;

import dev.builder.core.BuilderException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The SBOM formats builder writes, with their file names and the media types they travel under. */
public enum SbomFormat {
  SPDX("spdx", "sbom.spdx.json", "application/spdx+json", "text/spdx+json"),
  CYCLONEDX("cyclonedx", "sbom.cdx.json", "application/vnd.cyclonedx+json", "application/vnd.cyclonedx+json"),
  SPDX3("spdx3", "sbom.spdx3.json", "application/spdx+json", "text/spdx+json"),
  NONE("none", null, null, null);

  private final String id;
  private final String fileName;
  private final String mediaType;
  private final String cosignMediaType;

  SbomFormat(String id, String fileName, String mediaType, String cosignMediaType) {
    this.id = id;
    this.fileName = fileName;
    this.mediaType = mediaType;
    this.cosignMediaType = cosignMediaType;
  }

  /** Parses the user's word for a format; anything else is an error that lists the accepted values. */
  public static SbomFormat parse(String value) {
    String word = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    for (SbomFormat format : values()) {
      if (format.id.equals(word)) {
        return format;
      }
    }
    throw new BuilderException("'" + value + "' is not an SBOM format; use one of "
        + Arrays.stream(values()).map(f -> f.id).collect(Collectors.joining(", ")));
  }

  public String id() {
    return id;
  }

  /** The file in {@code target/builder/}. */
  public String fileName() {
    return fileName;
  }

  /**
   * The file in {@code target/builder/} for one of several documents, such as {@code sbom.linux-arm64.spdx.json}
   * for {@code qualifier} {@code linux-arm64}.
   */
  public String fileName(String qualifier) {
    return "sbom." + qualifier + fileName.substring("sbom".length());
  }

  /**
   * Whether a document of this format can be remade for new image digests ({@link Sbom#withDigests}). Not SPDX 3:
   * its JSON-LD store writes elements in the order of a hash table keyed by IRIs, and every IRI holds the namespace,
   * which holds the image digest, so the order itself changes with the digest.
   */
  public boolean remadeForNewDigests() {
    return this == SPDX || this == CYCLONEDX;
  }

  /** The media type of the document as an OCI referrer's artifactType and layer. */
  public String mediaType() {
    return mediaType;
  }

  /** The layer media type under the cosign-style {@code sha256-<hex>.sbom} tag. */
  public String cosignMediaType() {
    return cosignMediaType;
  }
}
