package dev.builder.sbom;

import dev.builder.sbom.Component.HashAlgorithm;
import dev.builder.sbom.Component.Kind;
import dev.builder.sbom.Relationship.Type;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A realistic image as builder describes it: a Spring-style service on a distroless Java base, with two Debian
 * packages, the Java runtime, the application and three jars, one of which declares no licence and no supplier.
 */
final class SbomFixtures {
  static final String IMAGE_HEX = sha256Hex("image manifest of ghcr.io/acme/orders:1.4.0");
  static final String IMAGE_DIGEST = "sha256:" + IMAGE_HEX;
  static final String BASE_DIGEST = "sha256:" + sha256Hex("gcr.io/distroless/java21-debian12:nonroot");
  static final Instant CREATED = Instant.parse("2026-03-14T09:26:53.589Z");

  static final String IMAGE = "pkg:oci/orders@sha256%3A" + IMAGE_HEX
      + "?arch=amd64&repository_url=ghcr.io/acme/orders&tag=1.4.0";
  static final String BASE = "pkg:oci/java21-debian12@sha256%3A" + BASE_DIGEST.substring(7)
      + "?arch=amd64&repository_url=gcr.io/distroless/java21-debian12&tag=nonroot";
  static final String LIBC = "pkg:deb/debian/libc6@2.36-9%2Bdeb12u10?arch=amd64&distro=debian-12";
  static final String ZLIB = "pkg:deb/debian/zlib1g@1%3A1.2.13.dfsg-1?arch=amd64&distro=debian-12";
  static final String JAVA = "java-runtime-21.0.6";
  static final String APP = "pkg:maven/com.acme/orders@1.4.0";
  static final String SLF4J = "pkg:maven/org.slf4j/slf4j-api@2.0.16";
  static final String JACKSON = "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.18.2";
  static final String LEGACY = "pkg:maven/com.acme.internal/legacy-utils@0.9";

  private SbomFixtures() {}

  static SbomDocument image() {
    return document(List.of(
        new Component(BASE, Kind.CONTAINER, "gcr.io/distroless/java21-debian12:nonroot", null, "nonroot", BASE, null,
            List.of(), Map.of(), "the base image", null),
        new Component(LIBC, Kind.OPERATING_SYSTEM_PACKAGE, "libc6", "debian", "2.36-9+deb12u10", LIBC,
            "GNU Libc Maintainers <debian-glibc@lists.debian.org>", List.of("LGPL-2.1-or-later"), Map.of(), null,
            null),
        new Component(ZLIB, Kind.OPERATING_SYSTEM_PACKAGE, "zlib1g", "debian", "1:1.2.13.dfsg-1", ZLIB,
            "Mark Brown <broonie@debian.org>", List.of("Zlib"), Map.of(), null, null),
        new Component(JAVA, Kind.RUNTIME, "Eclipse Adoptium Java runtime", null, "21.0.6+7", null,
            "Eclipse Adoptium", List.of(), Map.of(), "the Java runtime of the base image", "/usr/lib/jvm/java-21"),
        new Component(APP, Kind.APPLICATION, "orders", "com.acme", "1.4.0", APP, "Acme Corp", List.of("Apache-2.0"),
            Map.of(), null, "/app/classes"),
        jar(SLF4J, "org.slf4j", "slf4j-api", "2.0.16", "QOS.ch", List.of("MIT")),
        jar(JACKSON, "com.fasterxml.jackson.core", "jackson-databind", "2.18.2", "FasterXML",
            List.of("Apache-2.0")),
        jar(LEGACY, "com.acme.internal", "legacy-utils", "0.9", null, List.of())));
  }

  /** The image of {@link #image()} with {@code components} and the same edges, where their ends exist. */
  static SbomDocument document(List<Component> components) {
    Component image = new Component(IMAGE, Kind.CONTAINER, "ghcr.io/acme/orders", null, "1.4.0", IMAGE, "Acme Corp",
        List.of("Apache-2.0"), Map.of(), null, null);
    List<Relationship> edges = new ArrayList<>();
    edges.add(new Relationship(IMAGE, Type.DESCENDANT_OF, BASE));
    for (Component c : components) {
      if (!c.id().equals(BASE)) {
        edges.add(new Relationship(IMAGE, Type.CONTAINS, c.id()));
      }
    }
    edges.add(new Relationship(APP, Type.DEPENDS_ON, SLF4J));
    edges.add(new Relationship(APP, Type.DEPENDS_ON, JACKSON));
    edges.add(new Relationship(APP, Type.DEPENDS_ON, LEGACY));
    edges.add(new Relationship(LEGACY, Type.DEPENDS_ON, SLF4J));
    return new SbomDocument("ghcr.io/acme/orders", CREATED, IMAGE_DIGEST, "builder-maven-plugin", "0.1.0",
        "Acme Corp", image, components, edges);
  }

  /** {@link #image()} with the licences of slf4j-api replaced by {@code licenses}. */
  static SbomDocument withSlf4jLicenses(List<String> licenses) {
    SbomDocument doc = image();
    List<Component> components = new ArrayList<>();
    for (Component c : doc.components()) {
      components.add(c.id().equals(SLF4J)
          ? new Component(c.id(), c.kind(), c.name(), c.group(), c.version(), c.purl(), c.supplier(), licenses,
              c.hashes(), c.description(), c.path())
          : c);
    }
    return new SbomDocument(doc.name(), doc.created(), doc.imageDigest(), doc.toolName(), doc.toolVersion(),
        doc.organization(), doc.image(), components, doc.relationships());
  }

  static SbomDocument withRelationships(SbomDocument doc, List<Relationship> relationships) {
    return new SbomDocument(doc.name(), doc.created(), doc.imageDigest(), doc.toolName(), doc.toolVersion(),
        doc.organization(), doc.image(), doc.components(), relationships);
  }

  static Component jar(String purl, String group, String artifact, String version, String supplier,
      List<String> licenses) {
    return new Component(purl, Kind.LIBRARY, artifact, group, version, purl, supplier, licenses,
        hashes(artifact + "-" + version + ".jar"), null, "/app/libs/" + artifact + "-" + version + ".jar");
  }

  /** SHA-1, SHA-256 and SHA-512 of {@code content}, as FileHashes gives them for a file. */
  static Map<HashAlgorithm, String> hashes(String content) {
    Map<HashAlgorithm, String> hashes = new EnumMap<>(HashAlgorithm.class);
    hashes.put(HashAlgorithm.SHA1, hex("SHA-1", content));
    hashes.put(HashAlgorithm.SHA256, hex("SHA-256", content));
    hashes.put(HashAlgorithm.SHA512, hex("SHA-512", content));
    return hashes;
  }

  static String sha256Hex(String content) {
    return hex("SHA-256", content);
  }

  private static String hex(String algorithm, String content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm)
          .digest(content.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
