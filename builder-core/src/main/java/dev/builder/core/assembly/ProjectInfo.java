package dev.builder.core.assembly;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the build tool knows about the project, turned into the standard OCI annotations. Any field may be null.
 *
 * @param source the SCM URL as the project gives it; the annotation holds a clean URL made of it ({@link SourceUrl})
 * @param licenses license names or SPDX ids as the project declares them
 */
public record ProjectInfo(
    String title,
    String description,
    String version,
    String url,
    String source,
    String revision,
    List<String> licenses,
    String vendor) {

  public ProjectInfo {
    licenses = licenses == null ? List.of() : List.copyOf(licenses);
  }

  Map<String, String> annotations() {
    Map<String, String> annotations = new TreeMap<>();
    put(annotations, "org.opencontainers.image.title", title);
    put(annotations, "org.opencontainers.image.description", description);
    put(annotations, "org.opencontainers.image.version", version);
    put(annotations, "org.opencontainers.image.url", url);
    put(annotations, "org.opencontainers.image.source", SourceUrl.of(source).orElse(null));
    put(annotations, "org.opencontainers.image.revision", revision);
    put(annotations, "org.opencontainers.image.licenses", SpdxLicenses.expression(licenses));
    put(annotations, "org.opencontainers.image.vendor", vendor);
    return annotations;
  }

  private static void put(Map<String, String> map, String key, String value) {
    if (value != null && !value.isBlank()) {
      map.put(key, value.trim().replaceAll("\\s+", " "));
    }
  }
}
