package dev.builder.core.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** How a container of the image starts: the {@code config} object of an image config. */
public record ContainerConfig(
    String user,
    List<String> env,
    List<String> entrypoint,
    List<String> cmd,
    String workingDir,
    SortedSet<String> exposedPorts,
    SortedSet<String> volumes,
    SortedMap<String, String> labels,
    String stopSignal) {

  public static final ContainerConfig EMPTY =
      new ContainerConfig(null, List.of(), List.of(), List.of(), null, null, null, null, null);

  public ContainerConfig {
    env = List.copyOf(env == null ? List.of() : env);
    entrypoint = List.copyOf(entrypoint == null ? List.of() : entrypoint);
    cmd = List.copyOf(cmd == null ? List.of() : cmd);
    exposedPorts = exposedPorts == null ? new TreeSet<>() : new TreeSet<>(exposedPorts);
    volumes = volumes == null ? new TreeSet<>() : new TreeSet<>(volumes);
    labels = labels == null ? new TreeMap<>() : new TreeMap<>(labels);
  }

  ObjectNode toJson() {
    ObjectNode node = Json.object();
    if (user != null && !user.isEmpty()) {
      node.put("User", user);
    }
    if (!exposedPorts.isEmpty()) {
      ObjectNode ports = node.putObject("ExposedPorts");
      exposedPorts.forEach(p -> ports.putObject(p));
    }
    if (!env.isEmpty()) {
      node.set("Env", Json.array(env));
    }
    if (!entrypoint.isEmpty()) {
      node.set("Entrypoint", Json.array(entrypoint));
    }
    if (!cmd.isEmpty()) {
      node.set("Cmd", Json.array(cmd));
    }
    if (!volumes.isEmpty()) {
      ObjectNode vols = node.putObject("Volumes");
      volumes.forEach(v -> vols.putObject(v));
    }
    if (workingDir != null && !workingDir.isEmpty()) {
      node.put("WorkingDir", workingDir);
    }
    if (!labels.isEmpty()) {
      node.set("Labels", Json.sortedMap(labels));
    }
    if (stopSignal != null && !stopSignal.isEmpty()) {
      node.put("StopSignal", stopSignal);
    }
    return node;
  }

  static ContainerConfig fromJson(JsonNode node) {
    if (node == null || !node.isObject()) {
      return EMPTY;
    }
    return new ContainerConfig(
        Json.text(node, "User"),
        Json.strings(node, "Env"),
        Json.strings(node, "Entrypoint"),
        Json.strings(node, "Cmd"),
        Json.text(node, "WorkingDir"),
        new TreeSet<>(Json.keys(node, "ExposedPorts")),
        new TreeSet<>(Json.keys(node, "Volumes")),
        new TreeMap<>(Json.stringMap(node, "Labels")),
        Json.text(node, "StopSignal"));
  }

  /** The value of one environment variable, or null. */
  public String envValue(String name) {
    for (String entry : env) {
      if (entry.startsWith(name + "=")) {
        return entry.substring(name.length() + 1);
      }
    }
    return null;
  }

  public Map<String, String> envMap() {
    Map<String, String> map = new java.util.LinkedHashMap<>();
    for (String entry : env) {
      int eq = entry.indexOf('=');
      map.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
    }
    return map;
  }
}
