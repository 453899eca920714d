package dev.builder.sbom;

import dev.builder.core.BuilderException;

/** The writer for each {@link SbomFormat}. */
public final class SbomWriters {
  private SbomWriters() {}

  /** The writer of {@code format}: SPDX 2.3 JSON, CycloneDX 1.6 JSON or SPDX 3.0.1 JSON-LD. */
  public static SbomWriter forFormat(SbomFormat format) {
    return switch (format) {
      case SPDX -> new SpdxJsonWriter();
      case CYCLONEDX -> CycloneDxWriter.json();
      case SPDX3 -> new Spdx3JsonLdWriter();
      case NONE -> throw new BuilderException("SBOM format 'none' writes no SBOM; choose spdx, cyclonedx or spdx3");
    };
  }

  /** CycloneDX 1.6 as XML, for those who ask for it. */
  public static SbomWriter cycloneDxXml() {
    return CycloneDxWriter.xml();
  }
}
