package dev.builder.maven;

import dev.builder.core.image.Descriptor;
import dev.builder.sbom.Sbom;

/**
 * An SBOM and what it describes: an image, or the index over several.
 *
 * @param what the subject in words for the log: {@code image}, {@code index} or {@code linux/arm64/v8 image}
 * @param fileQualifier the platform in the file name ({@code sbom.linux-arm64-v8.spdx.json}), or null for
 *     {@code sbom.spdx.json}
 */
record ImageSbom(Descriptor subject, String what, String fileQualifier, Sbom sbom) {}
