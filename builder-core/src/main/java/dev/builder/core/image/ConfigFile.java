package dev.builder.core.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.builder.core.BuilderException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * An image config: platform, creation time, how to start a container, and the diff ids of the layers. Fields of a
 * base image's config that builder does not model are dropped, so that what builder writes is fully determined.
 */
public record ConfigFile(
    Platform platform,
    Instant created,
    ContainerConfig config,
    List<Digest> diffIds,
    List<History> history) {

  /** One entry of the image's history; {@code emptyLayer} entries add no layer. */
  public record History(Instant created, String createdBy, String comment, boolean emptyLayer) {}

  public ConfigFile {
    diffIds = List.copyOf(diffIds);
    history = List.copyOf(history);
  }

  public byte[] toJsonBytes() {
    ObjectNode node = Json.object();
    if (created != null) {
      node.put("created", created.toString());
    }
    node.put("architecture", platform.architecture());
    if (platform.variant() != null) {
      node.put("variant", platform.variant());
    }
    node.put("os", platform.os());
    node.set("config", config.toJson());
    ObjectNode rootfs = node.putObject("rootfs");
    rootfs.put("type", "layers");
    ArrayNode ids = rootfs.putArray("diff_ids");
    diffIds.forEach(d -> ids.add(d.toString()));
    if (!history.isEmpty()) {
      ArrayNode h = node.putArray("history");
      for (History entry : history) {
        ObjectNode e = h.addObject();
        if (entry.created() != null) {
          e.put("created", entry.created().toString());
        }
        if (entry.createdBy() != null) {
          e.put("created_by", entry.createdBy());
        }
        if (entry.comment() != null) {
          e.put("comment", entry.comment());
        }
        if (entry.emptyLayer()) {
          e.put("empty_layer", true);
        }
      }
    }
    return Json.bytes(node);
  }

  public static ConfigFile parse(byte[] bytes, String what) {
    JsonNode node = Json.parse(bytes, what);
    String os = Json.text(node, "os");
    String arch = Json.text(node, "architecture");
    if (os == null || arch == null) {
      throw new BuilderException(what + " names no os or architecture; it is not an image config");
    }
    List<Digest> diffIds = new ArrayList<>();
    JsonNode rootfs = node.get("rootfs");
    if (rootfs != null) {
      for (String id : Json.strings(rootfs, "diff_ids")) {
        diffIds.add(Digest.parse(id));
      }
    }
    List<History> history = new ArrayList<>();
    JsonNode h = node.get("history");
    if (h != null && h.isArray()) {
      for (JsonNode e : h) {
        history.add(
            new History(
                instant(Json.text(e, "created")),
                Json.text(e, "created_by"),
                Json.text(e, "comment"),
                e.path("empty_layer").asBoolean(false)));
      }
    }
    return new ConfigFile(
        new Platform(os, arch, Json.text(node, "variant")),
        instant(Json.text(node, "created")),
        ContainerConfig.fromJson(node.get("config")),
        diffIds,
        history);
  }

  private static Instant instant(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null; // a base image with an odd timestamp is still a usable base
    }
  }
}
