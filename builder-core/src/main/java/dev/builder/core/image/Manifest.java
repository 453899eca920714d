package dev.builder.core.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.builder.core.BuilderException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An image manifest: its config and layers, by descriptor. */
public record Manifest(
    String mediaType, Descriptor config, List<Descriptor> layers, Map<String, String> annotations) {

  public Manifest {
    layers = List.copyOf(layers);
    annotations = Map.copyOf(annotations == null ? Map.of() : annotations);
  }

  public byte[] toJsonBytes() {
    ObjectNode node = Json.object();
    node.put("schemaVersion", 2);
    node.put("mediaType", mediaType);
    node.set("config", config.toJson());
    ArrayNode array = node.putArray("layers");
    layers.forEach(l -> array.add(l.toJson()));
    if (!annotations.isEmpty()) {
      node.set("annotations", Json.sortedMap(annotations));
    }
    return Json.bytes(node);
  }

  public static Manifest parse(byte[] bytes, String what) {
    JsonNode node = Json.parse(bytes, what);
    String mediaType = Json.text(node, "mediaType");
    if (mediaType == null) {
      mediaType = MediaTypes.OCI_MANIFEST; // OCI makes the field optional
    }
    if (!MediaTypes.isManifest(mediaType) || !node.has("config")) {
      throw new BuilderException(what + " is not an image manifest (media type " + mediaType + ")");
    }
    List<Descriptor> layers = new ArrayList<>();
    for (JsonNode l : node.path("layers")) {
      layers.add(Descriptor.fromJson(l, what));
    }
    return new Manifest(
        mediaType,
        Descriptor.fromJson(node.get("config"), what),
        layers,
        Json.stringMap(node, "annotations"));
  }
}
