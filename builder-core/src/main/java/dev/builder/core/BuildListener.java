package dev.builder.core;

/**
 * Where builder-core reports what it does. The core never logs by itself: the caller (the Maven plugin, a test, any
 * program) decides where messages go. Messages never carry secrets.
 */
public interface BuildListener {

  BuildListener SILENT = new BuildListener() {};

  default void info(String message) {}

  default void warn(String message) {}

  default void debug(String message) {}
}
