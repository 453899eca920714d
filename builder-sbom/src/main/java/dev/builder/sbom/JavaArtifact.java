package dev.builder.sbom;

import java.nio.file.Path;
import java.util.List;

/**
 * A Maven artifact as the build tool resolved it, in format-neutral terms.
 *
 * @param classifier null for none
 * @param type the Maven type, {@code jar} by default
 * @param file the exact file that lands in the image, or null (the application itself lands as classes)
 * @param imagePath where it lands in the image, or null
 * @param licenses as the POM declares them (names or SPDX ids)
 * @param supplier the POM's organization, else its developers, else null
 * @param dependsOn the {@code groupId:artifactId} of the artifacts it needs directly
 */
public record JavaArtifact(
    String groupId,
    String artifactId,
    String version,
    String classifier,
    String type,
    Path file,
    String imagePath,
    List<String> licenses,
    String supplier,
    List<String> dependsOn) {

  public JavaArtifact {
    licenses = List.copyOf(licenses == null ? List.of() : licenses);
    dependsOn = List.copyOf(dependsOn == null ? List.of() : dependsOn);
    type = type == null || type.isBlank() ? "jar" : type;
  }

  public String key() {
    return groupId + ":" + artifactId;
  }

  /** {@code pkg:maven/GROUP/ARTIFACT@VERSION}, with classifier and type only where they are not the defaults. */
  public String purl() {
    StringBuilder purl = new StringBuilder("pkg:maven/").append(groupId).append('/').append(artifactId)
        .append('@').append(dev.builder.core.inventory.Purls.encode(version));
    String sep = "?";
    if (classifier != null && !classifier.isBlank()) {
      purl.append(sep).append("classifier=").append(dev.builder.core.inventory.Purls.encode(classifier));
      sep = "&";
    }
    if (!"jar".equals(type)) {
      purl.append(sep).append("type=").append(dev.builder.core.inventory.Purls.encode(type));
    }
    return purl.toString();
  }
}
