package dev.builder.core.image;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.builder.core.BuilderException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON in the one shape builder writes: compact, fields in the order the code adds them, map keys sorted. The bytes
 * are what gets digested, so the same value must always give the same bytes.
 */
public final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  public static ArrayNode array(Collection<String> values) {
    ArrayNode array = MAPPER.createArrayNode();
    values.forEach(array::add);
    return array;
  }

  public static ObjectNode sortedMap(Map<String, String> map) {
    ObjectNode node = object();
    new TreeMap<>(map).forEach(node::put);
    return node;
  }

  public static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of JSON nodes always serializes", e);
    }
  }

  /** Parses JSON that came from outside; {@code what} names it in the error. */
  public static JsonNode parse(byte[] bytes, String what) {
    try {
      JsonNode node = MAPPER.readTree(bytes);
      if (node == null || !node.isObject()) {
        throw new BuilderException(what + " is not a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new BuilderException(what + " is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  public static List<String> strings(JsonNode node, String field) {
    List<String> list = new ArrayList<>();
    JsonNode value = node.get(field);
    if (value != null && value.isArray()) {
      value.forEach(v -> list.add(v.asText()));
    }
    return list;
  }

  public static Map<String, String> stringMap(JsonNode node, String field) {
    Map<String, String> map = new TreeMap<>();
    JsonNode value = node.get(field);
    if (value != null && value.isObject()) {
      value.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
    }
    return map;
  }

  /** Keys of an object used as a set, as the image config does for ports and volumes. */
  public static List<String> keys(JsonNode node, String field) {
    List<String> keys = new ArrayList<>();
    JsonNode value = node.get(field);
    if (value != null && value.isObject()) {
      value.fieldNames().forEachRemaining(keys::add);
    }
    return keys;
  }
}
