package dev.builder.sbom;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One thing in an image.
 *
 * @param id unique within the document and stable across builds (a purl where there is one)
 * @param group the Maven group, the OS distribution, or null
 * @param purl the package URL, or null
 * @param supplier who supplies it (organization or developers), or null when unknown
 * @param licenses SPDX ids or expressions as declared; empty when nothing is declared
 * @param hashes by algorithm, of the exact bytes in the image
 * @param path where it lies in the image, or null
 */
public record Component(
    String id,
    Kind kind,
    String name,
    String group,
    String version,
    String purl,
    String supplier,
    List<String> licenses,
    Map<HashAlgorithm, String> hashes,
    String description,
    String path) {

  /** What sort of component this is; writers map it to their own vocabulary. */
  public enum Kind {
    /** A container image: the image itself, or its base. */
    CONTAINER,
    /** The application built into the image. */
    APPLICATION,
    /** A Java library (a jar). */
    LIBRARY,
    /** A package of the base image's operating system (deb, apk). */
    OPERATING_SYSTEM_PACKAGE,
    /** The Java runtime: the base image's, or the one builder linked. */
    RUNTIME
  }

  /** Hash algorithms every writer understands. */
  public enum HashAlgorithm {
    SHA1,
    SHA256,
    SHA512
  }

  public Component {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    licenses = List.copyOf(licenses == null ? List.of() : licenses);
    hashes = Map.copyOf(hashes == null ? Map.of() : hashes);
  }
}
