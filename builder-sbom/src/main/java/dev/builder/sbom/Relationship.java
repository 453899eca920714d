package dev.builder.sbom;

/** A directed edge between two components of a document, by id. */
public record Relationship(String from, Type type, String to) {

  public enum Type {
    /** {@code from} needs {@code to} at run time (the resolved dependency graph). */
    DEPENDS_ON,
    /** {@code from} (the image) holds {@code to}. */
    CONTAINS,
    /** {@code from} (the image) is built on {@code to} (the base image). */
    DESCENDANT_OF
  }
}
