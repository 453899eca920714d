package dev.builder.core.java;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The Java release the compiled classes need: the highest class file version among them (major 61 is Java 17). */
public final class BytecodeLevel {
  private BytecodeLevel() {}

  /** The release, or 0 when there are no classes. */
  public static int of(Path classes) {
    if (classes == null || !Files.isDirectory(classes)) {
      return 0;
    }
    int highest = 0;
    try (Stream<Path> walk = Files.walk(classes)) {
      for (Path file : walk.filter(p -> p.toString().endsWith(".class")).toList()) {
        try (InputStream raw = Files.newInputStream(file); DataInputStream in = new DataInputStream(raw)) {
          if (in.readInt() != 0xCAFEBABE) {
            continue;
          }
          in.readUnsignedShort(); // minor
          highest = Math.max(highest, in.readUnsignedShort() - 44);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the classes in " + classes, e);
    }
    return highest;
  }
}
