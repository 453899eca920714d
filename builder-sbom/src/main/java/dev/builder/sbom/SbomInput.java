package dev.builder.sbom;

import dev.builder.core.image.Digest;
import dev.builder.core.image.Platform;
import dev.builder.core.inventory.ImageInventory;
import java.time.Instant;
import java.util.List;

/**
 * What is known about a built image, from builder-core and from the build tool, before it becomes an SBOM.
 *
 * @param imageName the image name without tag, such as {@code ghcr.io/acme/orders} (or the artifactId when the
 *     image has no registry yet)
 * @param tags the image's tags; the first names the image's version
 * @param baseName the base image as the user named it; {@code baseDigest} what that name resolved to
 */
public record SbomInput(
    String imageName,
    List<String> tags,
    Digest imageDigest,
    Platform platform,
    Instant created,
    String baseName,
    Digest baseDigest,
    ImageInventory baseInventory,
    JavaArtifact application,
    List<JavaArtifact> libraries,
    String organization,
    String toolName,
    String toolVersion) {

  public SbomInput {
    tags = List.copyOf(tags);
    libraries = List.copyOf(libraries);
  }
}
