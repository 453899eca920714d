package dev.builder.core.java;

import java.nio.file.Path;

/** A jar on the runtime classpath, and how often it changes: that decides its layer. */
public record Dependency(Path file, String groupId, String artifactId, String version, Kind kind) {

  public enum Kind {
    /** A released version from a repository: changes least. */
    RELEASE,
    /** A -SNAPSHOT version from a repository. */
    SNAPSHOT,
    /** A module of the same reactor: changes with the project. */
    PROJECT
  }

  /** The kind a repository artifact has by its version. */
  public static Kind kindOf(String version) {
    return version != null && version.endsWith("-SNAPSHOT") ? Kind.SNAPSHOT : Kind.RELEASE;
  }
}
