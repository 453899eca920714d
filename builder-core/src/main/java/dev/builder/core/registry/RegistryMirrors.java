package dev.builder.core.registry;

import com.google.cloud.tools.jib.registry.RegistryAliasGroup;
import dev.builder.core.BuilderException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The mirrors that base image pulls try, in order, before a registry: {@code docker.io} mirrored by
 * {@code mirror.acme.example}. A mirror is {@code host[:port]}, optionally with a path that goes before the
 * repository ({@code harbor.acme.example/hub} serves {@code library/eclipse-temurin} as
 * {@code hub/library/eclipse-temurin}, as Harbor's and Artifactory's proxy projects do). Docker Hub's names
 * ({@code docker.io}, {@code index.docker.io}, {@code registry-1.docker.io}, {@code registry.hub.docker.com}) are one
 * registry.
 *
 * @param byRegistry the mirrors of each registry, keyed by {@link #key}
 */
public record RegistryMirrors(Map<String, List<Mirror>> byRegistry) {
  public static final RegistryMirrors NONE = new RegistryMirrors(Map.of());

  private static final String DOCKER_HUB = "docker.io";
  // a host name or IPv4 address with an optional port; [IPv6] is left out, as in image references
  private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*"
      + "(:[0-9]{1,5})?");
  // path components as the distribution spec writes them
  private static final String COMPONENT = "[a-z0-9]+(([._]|__|-+)[a-z0-9]+)*";
  private static final Pattern PATH = Pattern.compile(COMPONENT + "(/" + COMPONENT + ")*");
  private static final String FORMAT = "docker.io=mirror.acme.example,mirror2.acme.example;quay.io=mirror.acme.example";

  public RegistryMirrors {
    byRegistry = Map.copyOf(byRegistry);
  }

  /** One mirror: its host (and port) and the path its repositories start with, or "". */
  public record Mirror(String host, String path) {
    /** Where this mirror keeps the image {@code name} names. */
    public ImageName of(ImageName name) {
      return new ImageName(host, path.isEmpty() ? name.repository() : path + "/" + name.repository(), name.tag(),
          name.digest());
    }

    @Override
    public String toString() {
      return path.isEmpty() ? host : host + "/" + path;
    }
  }

  /** A registry and its mirrors as a build file gives them, unchecked; either may be null. */
  public record Given(String registry, List<String> mirrors) {}

  /** The mirrors of each registry as a build file gives them, in order; {@code where} names the setting in messages. */
  public static RegistryMirrors of(List<Given> mirrors, String where) {
    Map<String, List<Mirror>> checked = new LinkedHashMap<>();
    for (Given entry : mirrors) {
      String registry = registry(entry.registry(), where);
      List<String> given = entry.mirrors() == null ? List.of() : entry.mirrors();
      List<Mirror> list = new ArrayList<>();
      for (String value : given) {
        Mirror mirror = mirror(value, registry, where);
        if (!list.contains(mirror)) {
          list.add(mirror);
        }
      }
      if (list.isEmpty()) {
        throw new BuilderException(where + " names the registry " + entry.registry().trim() + " but no mirror for it;"
            + " list its mirrors, or leave it out");
      }
      if (checked.put(key(registry), List.copyOf(list)) != null) {
        throw new BuilderException(where + " lists the registry " + entry.registry().trim() + " twice"
            + (key(registry).equals(DOCKER_HUB) ? " (docker.io, index.docker.io, registry-1.docker.io and"
                + " registry.hub.docker.com are all Docker Hub)" : "") + "; list all its mirrors under one entry");
      }
    }
    return new RegistryMirrors(checked);
  }

  /** {@code REGISTRY=MIRROR[,MIRROR...][;REGISTRY=...]}, as a command line gives them; {@code where} names it. */
  public static RegistryMirrors parse(String value, String where) {
    if (value == null || value.isBlank()) {
      return NONE;
    }
    List<Given> mirrors = new ArrayList<>();
    for (String part : value.split(";")) {
      if (part.isBlank()) {
        continue;
      }
      int equals = part.indexOf('=');
      if (equals < 0) {
        throw new BuilderException(where + ": '" + part.trim() + "' is not REGISTRY=MIRROR[,MIRROR...]; write "
            + FORMAT);
      }
      String registry = part.substring(0, equals).trim();
      List<String> list = new ArrayList<>();
      for (String mirror : part.substring(equals + 1).split(",")) {
        if (!mirror.isBlank()) {
          list.add(mirror);
        }
      }
      mirrors.add(new Given(registry, list));
    }
    return of(mirrors, where);
  }

  /** These mirrors, with {@code other}'s for the registries it names instead. */
  public RegistryMirrors overriddenBy(RegistryMirrors other) {
    Map<String, List<Mirror>> merged = new LinkedHashMap<>(byRegistry);
    merged.putAll(other.byRegistry);
    return new RegistryMirrors(merged);
  }

  /** The places that may serve {@code name} instead of its registry, in the order to try them. */
  public List<ImageName> mirrorsOf(ImageName name) {
    return byRegistry.getOrDefault(key(name.registry()), List.of()).stream().map(m -> m.of(name)).toList();
  }

  /** The hosts of all mirrors, lowercase: credentials given for a base's registry are never sent to them. */
  public Set<String> hosts() {
    return byRegistry.values().stream().flatMap(List::stream).map(Mirror::host).collect(Collectors.toSet());
  }

  public boolean isEmpty() {
    return byRegistry.isEmpty();
  }

  /** A registry as mirrors are looked up: lowercase, and Docker Hub by one name. */
  static String key(String registry) {
    String lower = registry.toLowerCase(Locale.ROOT);
    return RegistryAliasGroup.getAliasesGroup(lower).contains("registry-1.docker.io") ? DOCKER_HUB : lower;
  }

  private static String registry(String given, String where) {
    String value = given == null ? "" : given.trim().toLowerCase(Locale.ROOT);
    if (value.isEmpty()) {
      throw new BuilderException(where + " has a mirror entry with no registry; name the registry the mirrors"
          + " stand in for, such as docker.io");
    }
    if (!HOST.matcher(value).matches()) {
      throw new BuilderException(where + ": '" + given.trim() + "' is not a registry; write its host and port as an"
          + " image name starts, such as docker.io, quay.io or registry.acme.example:5000, with no scheme or path");
    }
    return value;
  }

  private static Mirror mirror(String given, String registry, String where) {
    String value = given == null ? "" : given.trim().replaceAll("/+$", "");
    String what = where + ": the mirror '" + value + "' of " + registry;
    if (value.contains("://")) {
      throw new BuilderException(what + " has a scheme; write it without one, such as mirror.acme.example or"
          + " mirror.acme.example:5000: builder speaks HTTPS to it (plain HTTP only to this machine's registries, or"
          + " with allowInsecureRegistries), as to any registry");
    }
    int slash = value.indexOf('/');
    String host = (slash < 0 ? value : value.substring(0, slash)).toLowerCase(Locale.ROOT);
    String path = slash < 0 ? "" : value.substring(slash + 1);
    if (!HOST.matcher(host).matches() || !(host.contains(".") || host.contains(":") || host.equals("localhost"))) {
      throw new BuilderException(what + " does not start with a registry host; write host[:port], such as"
          + " mirror.acme.example or mirror.acme.example:5000, optionally followed by /PATH for a mirror that keeps"
          + " the registry's repositories under a path");
    }
    if (!path.isEmpty() && !PATH.matcher(path).matches()) {
      throw new BuilderException(what + " has the path '" + path + "', which cannot start a repository name; a path"
          + " is lowercase names separated by '/', with no query and no tag, such as"
          + " harbor.acme.example/dockerhub");
    }
    return new Mirror(host, path);
  }
}
