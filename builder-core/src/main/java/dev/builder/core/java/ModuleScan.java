package dev.builder.core.java;

import dev.builder.core.BuilderException;
import dev.builder.core.image.Digest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * The JDK modules an application's classes and jars use, as jdeps finds them: multi-release jars read at the target
 * release, dependencies on classes that are not there tolerated. jdeps takes seconds on a large class path, so its
 * answer is kept under the cache folder by the inputs' names, sizes and times, like {@link LayerCache}.
 */
final class ModuleScan {
  private static final String FORMAT = "builder-jdeps-1";

  private ModuleScan() {}

  static List<String> modules(JavaApplication app, int release, Path cacheDirectory) {
    Path classes = app.classesDirectory() != null && Files.isDirectory(app.classesDirectory())
        ? app.classesDirectory()
        : app.jar() != null && Files.isRegularFile(app.jar()) ? app.jar() : null;
    List<Path> jars = app.dependencies().stream().map(Dependency::file).toList();
    // the classes and the jars apart: a change of code, the most frequent change, then scans only the classes
    TreeSet<String> modules = new TreeSet<>(List.of("java.base"));
    if (classes != null) {
      modules.addAll(scan(List.of(classes), release, cacheDirectory));
    }
    if (!jars.isEmpty()) {
      modules.addAll(scan(jars, release, cacheDirectory));
    }
    return List.copyOf(modules);
  }

  private static List<String> scan(List<Path> inputs, int release, Path cacheDirectory) {
    Optional<Digest> key = key(inputs, release);
    Path entry = key.map(k -> cacheDirectory.resolve("jdeps").resolve(k.hex())).orElse(null);
    if (entry != null && Files.isRegularFile(entry)) {
      try {
        List<String> cached = parse(Files.readString(entry, StandardCharsets.UTF_8));
        if (!cached.isEmpty()) {
          return cached;
        }
      } catch (IOException | RuntimeException unreadable) {
        // scanned again below
      }
    }
    List<String> modules = jdeps(inputs, release);
    if (entry != null) {
      store(entry, String.join(",", modules));
    }
    return modules;
  }

  /** The modules that jdeps finds in {@code inputs}, each also on the class path of the others. */
  private static List<String> jdeps(List<Path> inputs, int release) {
    ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new BuilderException("the build's Java ("
        + System.getProperty("java.home") + ") has no jdeps, which finds the modules the runtime needs: run the"
        + " build on a JDK, not a JRE"));
    List<String> args = new ArrayList<>(List.of("--print-module-deps", "--ignore-missing-deps", "--multi-release",
        Integer.toString(Math.max(release, 9))));
    List<String> jars = inputs.stream().filter(Files::isRegularFile).map(Path::toString).toList();
    if (!jars.isEmpty()) {
      args.add("--class-path");
      args.add(String.join(java.io.File.pathSeparator, jars));
    }
    inputs.forEach(p -> args.add(p.toString()));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code;
    try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
      code = jdeps.run(o, e, args.toArray(String[]::new));
    }
    if (code == 0 && out.toString().isBlank()) {
      return List.of("java.base"); // no class at all, as in a folder of resources only
    }
    List<String> modules = code == 0 ? parse(lastLine(out.toString())) : List.of();
    if (modules.isEmpty()) {
      throw new BuilderException("jdeps could not list the JDK modules the application uses (exit " + code + "): "
          + (err.toString() + out).strip() + ". Build with the base image's Java (runtime base) until this is fixed.");
    }
    return modules;
  }

  private static String lastLine(String text) {
    String[] lines = text.strip().split("\\R");
    return lines[lines.length - 1];
  }

  private static List<String> parse(String line) {
    TreeSet<String> modules = new TreeSet<>();
    for (String name : line.strip().split(",")) {
      if (!name.matches("[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)*")) {
        return List.of();
      }
      modules.add(name);
    }
    return List.copyOf(modules);
  }

  /** The digest of what jdeps reads: each input file's path, size and time, and the release and the JDK. */
  private static Optional<Digest> key(List<Path> inputs, int release) {
    StringBuilder text = new StringBuilder(FORMAT).append('\n').append(release).append('\n')
        .append(System.getProperty("java.home")).append(' ').append(Runtime.version()).append('\n');
    try {
      for (Path input : inputs) {
        if (Files.isDirectory(input)) {
          try (Stream<Path> files = Files.walk(input)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
              append(text, file);
            }
          }
        } else {
          append(text, input);
        }
      }
    } catch (IOException | UncheckedIOException e) {
      return Optional.empty();
    }
    return Optional.of(Digest.of(text.toString().getBytes(StandardCharsets.UTF_8)));
  }

  private static void append(StringBuilder text, Path file) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    text.append(file.toAbsolutePath()).append(' ').append(attributes.size()).append(' ')
        .append(attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS)).append('\n');
  }

  private static void store(Path entry, String value) {
    try {
      Files.createDirectories(entry.getParent());
      Path temp = Files.createTempFile(entry.getParent(), "entry", ".partial");
      Files.writeString(temp, value, StandardCharsets.UTF_8);
      Files.move(temp, entry, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // the next build scans again
    }
  }
}
