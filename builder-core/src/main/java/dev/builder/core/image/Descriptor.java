package dev.builder.core.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.builder.core.BuilderException;
import java.util.Map;
import java.util.TreeMap;

/** What a manifest or index says about the content it points at. */
public record Descriptor(
    String mediaType,
    Digest digest,
    long size,
    Map<String, String> annotations,
    Platform platform,
    String artifactType) {

  public Descriptor {
    annotations = Map.copyOf(annotations == null ? Map.of() : annotations);
    if (size < 0) {
      throw new BuilderException("descriptor " + digest + " has a negative size");
    }
  }

  public Descriptor(String mediaType, Digest digest, long size) {
    this(mediaType, digest, size, Map.of(), null, null);
  }

  public Descriptor(
      String mediaType, Digest digest, long size, Map<String, String> annotations, Platform platform) {
    this(mediaType, digest, size, annotations, platform, null);
  }

  public Descriptor withArtifactType(String type) {
    return new Descriptor(mediaType, digest, size, annotations, platform, type);
  }

  public Descriptor withAnnotations(Map<String, String> more) {
    Map<String, String> merged = new TreeMap<>(annotations);
    merged.putAll(more);
    return new Descriptor(mediaType, digest, size, merged, platform, artifactType);
  }

  public Descriptor withPlatform(Platform newPlatform) {
    return new Descriptor(mediaType, digest, size, annotations, newPlatform, artifactType);
  }

  public ObjectNode toJson() {
    ObjectNode node = Json.object();
    node.put("mediaType", mediaType);
    if (artifactType != null) {
      node.put("artifactType", artifactType);
    }
    node.put("digest", digest.toString());
    node.put("size", size);
    if (!annotations.isEmpty()) {
      node.set("annotations", Json.sortedMap(annotations));
    }
    if (platform != null) {
      ObjectNode p = node.putObject("platform");
      p.put("architecture", platform.architecture());
      p.put("os", platform.os());
      if (platform.variant() != null) {
        p.put("variant", platform.variant());
      }
    }
    return node;
  }

  static Descriptor fromJson(JsonNode node, String what) {
    String digest = Json.text(node, "digest");
    if (digest == null || !node.has("size")) {
      throw new BuilderException(what + " has a descriptor without digest or size");
    }
    Platform platform = null;
    JsonNode p = node.get("platform");
    if (p != null && p.isObject()) {
      String os = Json.text(p, "os");
      String arch = Json.text(p, "architecture");
      if (os != null && arch != null && !os.isBlank() && !arch.isBlank()) {
        platform = new Platform(os, arch, Json.text(p, "variant"));
      }
    }
    return new Descriptor(
        Json.text(node, "mediaType"),
        Digest.parse(digest),
        node.get("size").asLong(),
        Json.stringMap(node, "annotations"),
        platform,
        Json.text(node, "artifactType"));
  }
}
