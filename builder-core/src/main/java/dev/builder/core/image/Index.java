package dev.builder.core.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.builder.core.BuilderException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** An image index (or Docker manifest list): manifests by descriptor, usually one per platform. */
public record Index(String mediaType, List<Descriptor> manifests, Map<String, String> annotations) {

  public Index {
    manifests = List.copyOf(manifests);
    annotations = Map.copyOf(annotations == null ? Map.of() : annotations);
  }

  public byte[] toJsonBytes() {
    ObjectNode node = Json.object();
    node.put("schemaVersion", 2);
    node.put("mediaType", mediaType);
    ArrayNode array = node.putArray("manifests");
    manifests.forEach(m -> array.add(m.toJson()));
    if (!annotations.isEmpty()) {
      node.set("annotations", Json.sortedMap(annotations));
    }
    return Json.bytes(node);
  }

  public static Index parse(byte[] bytes, String what) {
    JsonNode node = Json.parse(bytes, what);
    if (!node.has("manifests")) {
      throw new BuilderException(what + " is not an image index: it has no manifests");
    }
    List<Descriptor> manifests = new ArrayList<>();
    for (JsonNode m : node.path("manifests")) {
      manifests.add(Descriptor.fromJson(m, what));
    }
    String mediaType = Json.text(node, "mediaType");
    return new Index(
        mediaType == null ? MediaTypes.OCI_INDEX : mediaType, manifests, Json.stringMap(node, "annotations"));
  }

  /**
   * The one manifest for {@code platform}. Entries without a platform, or for {@code unknown/unknown} (attestations),
   * never match. A missing platform is an error that lists the platforms there are.
   */
  public Descriptor select(Platform platform, String what) {
    List<Descriptor> images = images();
    String wanted = Platform.normalVariant(platform.architecture(), platform.variant());
    Descriptor loose = null;
    for (Descriptor d : images) {
      Platform p = d.platform();
      if (!p.os().equals(platform.os()) || !p.architecture().equals(platform.architecture())) {
        continue;
      }
      String variant = Platform.normalVariant(p.architecture(), p.variant());
      if (java.util.Objects.equals(wanted, variant)) {
        return d;
      }
      if (platform.variant() == null && loose == null) {
        loose = d; // no variant asked for and the default one is absent: any variant of the architecture will do
      }
    }
    if (loose != null) {
      return loose;
    }
    throw new BuilderException(
        what
            + " has no image for platform "
            + platform
            + "; it has "
            + images.stream().map(d -> d.platform().toString()).collect(Collectors.joining(", "))
            + ". Choose one of those, or another base image.");
  }

  /** Entries that are runnable images: they name a real platform. */
  public List<Descriptor> images() {
    return manifests.stream()
        .filter(d -> d.platform() != null && !"unknown".equals(d.platform().os()))
        .toList();
  }
}
