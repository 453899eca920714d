package dev.builder.core.image;

import dev.builder.core.BuilderException;
import java.util.Locale;

/**
 * The family of media types an image is written in: OCI (the default), or Docker's image manifest v2 schema 2 and
 * manifest list, for registries and tools that still require them. One image never mixes the two, so a base's
 * layers are relabelled to the chosen family; Docker's format has no annotations, so they are left out there.
 */
public enum ImageFormat {
  OCI(MediaTypes.OCI_MANIFEST, MediaTypes.OCI_INDEX, MediaTypes.OCI_CONFIG),
  DOCKER(MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_MANIFEST_LIST, MediaTypes.DOCKER_CONFIG);

  private final String manifest;
  private final String index;
  private final String config;

  ImageFormat(String manifest, String index, String config) {
    this.manifest = manifest;
    this.index = index;
    this.config = config;
  }

  /** {@code oci} or {@code docker}, in any case (Jib writes {@code Docker} and {@code OCI}); null or blank for OCI. */
  public static ImageFormat parse(String text) {
    if (text == null || text.isBlank()) {
      return OCI;
    }
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "oci" -> OCI;
      case "docker" -> DOCKER;
      default -> throw new BuilderException("format '" + text + "' is not an image format builder writes: set"
          + " <format> (or -Dbuilder.format) to oci (the default) or docker");
    };
  }

  public String manifestType() {
    return manifest;
  }

  public String indexType() {
    return index;
  }

  public String configType() {
    return config;
  }

  public boolean hasAnnotations() {
    return this == OCI;
  }

  /** A layer's media type in this family; a layer the family cannot describe (zstd in Docker's) is an error. */
  public String layerType(String mediaType) {
    if (this == OCI) {
      return MediaTypes.toOciLayer(mediaType);
    }
    return switch (mediaType) {
      case MediaTypes.OCI_LAYER_GZIP, MediaTypes.DOCKER_LAYER_GZIP -> MediaTypes.DOCKER_LAYER_GZIP;
      case MediaTypes.OCI_LAYER, MediaTypes.DOCKER_LAYER -> MediaTypes.DOCKER_LAYER;
      default -> throw new BuilderException("a layer of type " + mediaType + " cannot be written in Docker's image"
          + " format, which knows only gzip and plain tar layers: use a base without such layers, or the default"
          + " OCI format");
    };
  }
}
