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
   * Loads what the writer needs before its first document (the SPDX library and its licence list take a good part
   * of a second in a new JVM), so that a build can do it while the image is still being made. Optional: {@link #write}
   * does it when it was not done.
   */
  default void warmUp() {}

  /** The file name under {@code target/builder/}, such as {@code sbom.spdx.json}. */
  String fileName();

  /** The media type of what {@link #write} returns. */
  String mediaType();
}
