package dev.builder.sbom;

import dev.builder.sbom.Component.HashAlgorithm;
import dev.builder.sbom.Component.Kind;
import dev.builder.sbom.Relationship.Type;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A small document with one of everything a real one holds (an image, its base, an operating system package, the
 * Java runtime, the application, a jar with hashes, a listed licence, an expression and one SPDX cannot read), for
 * {@link SbomWriter#warmUp}: writing it loads and first runs all the code a real document needs, which is most of
 * the cost of a writer's first document in a new JVM.
 */
final class WarmUpDocument {
  private static final String DIGEST = "sha256:" + "0".repeat(64);
  private static final String IMAGE = "pkg:oci/warm-up@sha256%3A" + "0".repeat(64) + "?arch=amd64&tag=1";
  private static final String BASE = "pkg:oci/base@sha256%3A" + "1".repeat(64) + "?arch=amd64&tag=1";
  private static final String DEB = "pkg:deb/debian/libc6@2.36?arch=amd64&distro=debian-12";
  private static final String APP = "pkg:maven/dev.builder/warm-up@1";
  private static final String JAR = "pkg:maven/dev.builder/library@1";

  private WarmUpDocument() {}

  static SbomDocument of() {
    Component image = new Component(IMAGE, Kind.CONTAINER, "warm-up", null, "1", IMAGE, "builder", List.of(),
        Map.of(), null, null);
    List<Component> components = List.of(
        new Component(BASE, Kind.CONTAINER, "base:1", null, "1", BASE, null, List.of(), Map.of(), "the base image",
            null),
        new Component(DEB, Kind.OPERATING_SYSTEM_PACKAGE, "libc6", "debian", "2.36", DEB, "Debian",
            List.of("LGPL-2.1-or-later"), Map.of(), null, null),
        new Component("java-runtime-17", Kind.RUNTIME, "Java runtime", null, "17", null, "Debian", List.of(),
            Map.of(), "the Java runtime of the base image", "/usr/lib/jvm"),
        new Component(APP, Kind.APPLICATION, "warm-up", "dev.builder", "1", APP, "builder",
            List.of("Apache-2.0 OR MIT"), Map.of(), null, "/app/classes"),
        new Component(JAR, Kind.LIBRARY, "library", "dev.builder", "1", JAR, "builder",
            List.of("MIT", "A licence of its own"), Map.of(HashAlgorithm.SHA1, "0".repeat(40),
                HashAlgorithm.SHA256, "0".repeat(64), HashAlgorithm.SHA512, "0".repeat(128)), null,
            "/app/libs/library-1.jar"));
    List<Relationship> relationships = List.of(
        new Relationship(IMAGE, Type.DESCENDANT_OF, BASE),
        new Relationship(IMAGE, Type.CONTAINS, DEB),
        new Relationship(IMAGE, Type.CONTAINS, "java-runtime-17"),
        new Relationship(IMAGE, Type.CONTAINS, APP),
        new Relationship(IMAGE, Type.CONTAINS, JAR),
        new Relationship(APP, Type.DEPENDS_ON, JAR));
    return new SbomDocument("warm-up", Instant.EPOCH, DIGEST, "builder", "warm-up", "builder", image, components,
        relationships);
  }
}
