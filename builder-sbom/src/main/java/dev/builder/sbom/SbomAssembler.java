package dev.builder.sbom;

import dev.builder.core.assembly.SpdxLicenses;
import dev.builder.core.image.Digest;
import dev.builder.core.inventory.JavaRuntime;
import dev.builder.core.inventory.OsPackage;
import dev.builder.core.inventory.Purls;
import dev.builder.sbom.Component.Kind;
import dev.builder.sbom.Relationship.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Turns what is known about a built image into the format-neutral {@link SbomDocument}: the image (primary), its
 * base, the base's packages and Java runtime, the application and its jars, and the edges between them.
 */
public final class SbomAssembler {
  private SbomAssembler() {}

  public static SbomDocument assemble(SbomInput in) {
    return assemble(in, new JarHashes());
  }

  /** {@link #assemble(SbomInput)}, with the jars' hashes taken from {@code hashes}, which may hold them already. */
  public static SbomDocument assemble(SbomInput in, JarHashes hashes) {
    String version = in.tags().isEmpty() ? in.imageDigest().toString() : in.tags().get(0);
    Component image = new Component(ociPurl(in.imageName(), in.imageDigest(), version, in.platform().architecture()),
        Kind.CONTAINER, in.imageName(), null, version,
        ociPurl(in.imageName(), in.imageDigest(), version, in.platform().architecture()),
        in.organization(), licenses(in.application().licenses()), Map.of(), null, null);

    List<Component> components = new ArrayList<>();
    List<Relationship> relationships = new ArrayList<>();

    Component base = baseComponent(in);
    components.add(base);
    relationships.add(new Relationship(image.id(), Type.DESCENDANT_OF, base.id()));

    for (OsPackage p : in.baseInventory().packages()) {
      Component c = new Component(p.purl(), Kind.OPERATING_SYSTEM_PACKAGE, p.name(), p.distro(), p.version(),
          p.purl(), p.maintainer(), p.license() == null ? List.of() : licenses(List.of(p.license())), Map.of(), null,
          null);
      addOnce(components, c);
    }
    in.baseInventory().javaRuntime().ifPresent(java -> components.add(runtime(java)));

    List<Relationship> dependencies = addApplication(in, components, hashes);
    for (Component c : components) {
      if (c != base) {
        relationships.add(new Relationship(image.id(), Type.CONTAINS, c.id()));
      }
    }
    relationships.addAll(dependencies);
    return new SbomDocument(in.imageName(), in.created(), in.imageDigest().toString(), in.toolName(),
        in.toolVersion(), in.organization(), image, components, relationships);
  }

  /**
   * The SBOM of an index over {@code platformImages} (their inputs, which share the application): the index
   * (primary) contains each platform's image, named by digest and architecture, and the application with its jars,
   * which every platform's image holds alike. Each platform's own SBOM lists its operating system's packages.
   */
  public static SbomDocument assembleIndex(Digest indexDigest, List<SbomInput> platformImages) {
    return assembleIndex(indexDigest, platformImages, new JarHashes());
  }

  /** {@link #assembleIndex(Digest, List)}, with the jars' hashes taken from {@code hashes}. */
  public static SbomDocument assembleIndex(Digest indexDigest, List<SbomInput> platformImages, JarHashes hashes) {
    SbomInput first = platformImages.get(0);
    String version = first.tags().isEmpty() ? indexDigest.toString() : first.tags().get(0);
    String indexPurl = ociPurl(first.imageName(), indexDigest, version, null);
    Component index = new Component(indexPurl, Kind.CONTAINER, first.imageName(), null, version, indexPurl,
        first.organization(), licenses(first.application().licenses()), Map.of(), null, null);
    List<Component> components = new ArrayList<>();
    List<Relationship> relationships = new ArrayList<>();
    for (SbomInput in : platformImages) {
      String purl = ociPurl(in.imageName(), in.imageDigest(), version, in.platform().architecture());
      components.add(new Component(purl, Kind.CONTAINER, in.imageName() + " (" + in.platform() + ")", null, version,
          purl, in.organization(), licenses(in.application().licenses()), Map.of(),
          "the image for " + in.platform(), null));
    }
    List<Relationship> dependencies = addApplication(first, components, hashes);
    for (Component c : components) {
      relationships.add(new Relationship(index.id(), Type.CONTAINS, c.id()));
    }
    relationships.addAll(dependencies);
    return new SbomDocument(first.imageName(), first.created(), indexDigest.toString(), first.toolName(),
        first.toolVersion(), first.organization(), index, components, relationships);
  }

  /** Adds the application and its jars to {@code components}; returns the dependency edges between them. */
  private static List<Relationship> addApplication(SbomInput in, List<Component> components, JarHashes hashes) {
    List<Relationship> relationships = new ArrayList<>();
    JavaArtifact app = in.application();
    Component application = new Component(app.purl(), Kind.APPLICATION, app.artifactId(), app.groupId(),
        app.version(), app.purl(), app.supplier() != null ? app.supplier() : in.organization(),
        licenses(app.licenses()), Map.of(), null, app.imagePath());
    components.add(application);

    Map<String, String> idsByKey = new LinkedHashMap<>();
    idsByKey.put(app.key(), application.id());
    for (JavaArtifact lib : in.libraries()) {
      Component c = new Component(lib.purl(), Kind.LIBRARY, lib.artifactId(), lib.groupId(), lib.version(),
          lib.purl(), lib.supplier(), licenses(lib.licenses()),
          lib.file() == null ? Map.of() : hashes.of(lib.file()), null, lib.imagePath());
      if (addOnce(components, c)) {
        idsByKey.put(lib.key(), c.id());
      }
    }
    List<JavaArtifact> all = new ArrayList<>(List.of(app));
    all.addAll(in.libraries());
    for (JavaArtifact a : all) {
      for (String needed : a.dependsOn()) {
        String to = idsByKey.get(needed);
        if (to != null && !Objects.equals(to, idsByKey.get(a.key()))) {
          Relationship edge = new Relationship(idsByKey.get(a.key()), Type.DEPENDS_ON, to);
          if (!relationships.contains(edge)) {
            relationships.add(edge);
          }
        }
      }
    }
    return relationships;
  }

  private static boolean addOnce(List<Component> components, Component c) {
    if (components.stream().anyMatch(o -> o.id().equals(c.id()))) {
      return false;
    }
    components.add(c);
    return true;
  }

  private static Component baseComponent(SbomInput in) {
    String name = in.baseName();
    String tag = null;
    String repository = name;
    boolean registry = !name.contains("://");
    if (registry) {
      int at = repository.indexOf('@');
      if (at > 0) {
        repository = repository.substring(0, at);
      }
      int colon = repository.lastIndexOf(':');
      if (colon > repository.lastIndexOf('/')) {
        tag = repository.substring(colon + 1);
        repository = repository.substring(0, colon);
      }
    }
    String purl = registry
        ? ociPurl(repository, in.baseDigest(), tag, in.platform().architecture())
        : ociPurl(lastSegment(name.replaceFirst("[:@][^/]*$", "")), in.baseDigest(), null,
            in.platform().architecture());
    return new Component(purl, Kind.CONTAINER, name, null, tag != null ? tag : in.baseDigest().toString(), purl,
        null, List.of(), Map.of(), "the base image", null);
  }

  private static Component runtime(JavaRuntime java) {
    String id = "java-runtime-" + java.version();
    return new Component(id, Kind.RUNTIME, java.implementor() == null ? "Java runtime" : java.implementor()
        + " Java runtime", null, java.version(), null, java.implementor(), List.of(), Map.of(),
        java.linkedModules().isEmpty() ? "the Java runtime of the base image"
            : "the Java runtime linked by jlink for the application, with the modules "
                + String.join(", ", java.linkedModules())
                + (java.linkedFrom() == null ? "" : ", from the modules of " + java.linkedFrom()), java.path());
  }

  /**
   * {@code pkg:oci/NAME@sha256%3AHEX?arch=..&repository_url=..&tag=..}, qualifiers sorted as the purl spec asks;
   * {@code name} is a full image name without tag, or a bare name when the image has no registry.
   */
  static String ociPurl(String name, Digest digest, String tag, String arch) {
    Map<String, String> qualifiers = new TreeMap<>();
    if (arch != null) {
      qualifiers.put("arch", arch);
    }
    if (name.contains("/")) {
      qualifiers.put("repository_url", name);
    }
    if (tag != null) {
      qualifiers.put("tag", tag);
    }
    StringBuilder purl = new StringBuilder("pkg:oci/").append(Purls.encode(lastSegment(name).toLowerCase(Locale.ROOT)))
        .append('@').append(Purls.encode(digest.toString()));
    String sep = "?";
    for (Map.Entry<String, String> q : qualifiers.entrySet()) {
      purl.append(sep).append(q.getKey()).append('=').append(Purls.encode(q.getValue()));
      sep = "&";
    }
    return purl.toString();
  }

  private static String lastSegment(String name) {
    String trimmed = name.replaceAll("/+$", "");
    return trimmed.substring(trimmed.lastIndexOf('/') + 1);
  }

  private static List<String> licenses(List<String> declared) {
    List<String> ids = new ArrayList<>();
    for (String name : declared) {
      String id = SpdxLicenses.id(name);
      if (id != null && !ids.contains(id)) {
        ids.add(id);
      }
    }
    return ids;
  }
}
