package dev.builder.core.k8s;

import java.nio.file.Path;

/**
 * One {@code builder://} reference in a file: the module it names, where it stands (line and column from 1), and
 * {@code offset}, the index of its first character in the file's text.
 */
public record Reference(ModuleReference module, Path file, int line, int column, int offset) {

  /** {@code FILE:LINE}, for messages. */
  public String location() {
    return file + ":" + line;
  }

  /** The text of the reference as written. */
  public String token() {
    return module.toString();
  }
}
