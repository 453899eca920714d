package dev.builder.sbom;

/**
 * Turns one {@link SbomDocument} into the bytes of one SBOM format. A writer checks the document and validates what it
 * produced before returning it, so bytes it returns are always a valid SBOM; anything else is a
 * {@link dev.builder.core.BuilderException} that names what is wrong. Writers hold no state: the same document gives
 * the same bytes, on every call and every machine.
 */
public interface SbomWriter {

  /** The SBOM of {@code document}, validated. */
  byte[] write(SbomDocument document);

  /**
   * Writes a small document and throws it away, so that a build can pay beside the image's layering what a writer's
   * first document costs in a new JVM: loading its libraries (the SPDX library and its licence list alone take a good
   * part of a second) and running their code for the first time. Optional: {@link #write} works without it.
   */
  default void warmUp() {
    write(WarmUpDocument.of());
  }

  /** The file name under {@code target/builder/}, such as {@code sbom.spdx.json}. */
  String fileName();

  /** The media type of what {@link #write} returns. */
  String mediaType();
}
