package dev.builder.core;

import dev.builder.core.image.ImageSource.ResolvedImage;

/**
 * Where builder-core reports what it does. The core never logs by itself: the caller (the Maven plugin, a test, any
 * program) decides where messages go. Messages never carry secrets.
 */
public interface BuildListener {

  BuildListener SILENT = new BuildListener() {};

  default void info(String message) {}

  default void warn(String message) {}

  default void debug(String message) {}

  /**
   * The base image of a build is known, early in the build, while the application's layers are still being made:
   * a caller can start reading what it needs of the base (its contents, for an SBOM) beside the build. Called on
   * the thread that reads the base, once per base.
   */
  default void baseResolved(ResolvedImage base) {}
}
