package dev.builder.sbom;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One image described independently of any SBOM format: the image itself (the primary component), its base, what the
 * base contains, the application and its jars, and how they relate. Every writer turns this same value into its
 * format, so SPDX and CycloneDX never disagree about what is inside an image.
 *
 * @param name the document's name, usually the image name
 * @param created when the image was created; the document carries this time, never the clock's
 * @param imageDigest the image's digest ({@code sha256:...}): serial numbers and namespaces derive from it, so two
 *     builds of the same sources give byte-identical documents
 * @param toolName the tool that made the document, such as {@code builder-maven-plugin}
 * @param organization who made the image (the POM's organization), or null
 * @param image the primary component (kind CONTAINER)
 * @param components every other component; ids are unique and never the image's id
 */
public record SbomDocument(
    String name,
    Instant created,
    String imageDigest,
    String toolName,
    String toolVersion,
    String organization,
    Component image,
    List<Component> components,
    List<Relationship> relationships) {

  public SbomDocument {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(imageDigest, "imageDigest");
    Objects.requireNonNull(image, "image");
    components = List.copyOf(components);
    relationships = List.copyOf(relationships);
  }

  /** The component with {@code id}, the image included. */
  public Component component(String id) {
    if (image.id().equals(id)) {
      return image;
    }
    return components.stream().filter(c -> c.id().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no component " + id));
  }
}
