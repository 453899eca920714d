package dev.builder.core.java;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builder.core.io.Files2;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Builds the pieces of small Java projects on disk: compiled classes and jars. */
final class TestProjects {
  private TestProjects() {}

  /** Compiles Java sources ({@code "com.example.App" -> source}) into {@code classes}. */
  static void compile(Path classes, Map<String, String> sources) throws IOException {
    Path src = Files.createTempDirectory("sources");
    List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "--release", "17"));
    for (Map.Entry<String, String> source : sources.entrySet()) {
      Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.getValue());
      args.add(file.toString());
    }
    try {
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      assertThat(javac).as("a JDK compiler").isNotNull();
      assertThat(javac.run(null, null, null, args.toArray(String[]::new))).as("javac exit code").isZero();
    } finally {
      Files2.deleteRecursively(src);
    }
  }

  /**
   * An application whose main class starts the JDK's HTTP server, compiled into {@code classes} once: it needs the
   * module {@code jdk.httpserver}, which a linked runtime must find.
   */
  static JavaApplication httpServer(Path classes) throws IOException {
    if (!Files.isDirectory(classes)) {
      compile(classes, Map.of("com.example.App", "package com.example;\n"
          + "public class App {\n"
          + "  public static void main(String[] args) throws Exception {\n"
          + "    com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress(0), 0).start();\n"
          + "  }\n"
          + "}\n"));
    }
    return new JavaApplication(classes, List.of(), null, null);
  }

  /** A class {@code name} with {@code public static void main(String[])} when {@code withMain}. */
  static String classSource(String name, boolean withMain) {
    int dot = name.lastIndexOf('.');
    return "package " + name.substring(0, dot) + ";\n"
        + "public class " + name.substring(dot + 1) + " {\n"
        + (withMain ? "  public static void main(String[] args) { System.out.println(\"hi\"); }\n"
            : "  static void main(String[] args) {}\n  public void run() {}\n")
        + "}\n";
  }

  /** A jar with the given main manifest attributes and one text entry; entries carry a fixed time. */
  static Path jar(Path file, Map<String, String> mainAttributes, String content) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    mainAttributes.forEach((k, v) -> manifest.getMainAttributes().putValue(k, v));
    Files.createDirectories(file.getParent());
    try (OutputStream out = Files.newOutputStream(file);
        JarOutputStream jar = new JarOutputStream(out, manifest)) {
      JarEntry entry = new JarEntry("content.txt");
      entry.setLastModifiedTime(FileTime.fromMillis(0));
      jar.putNextEntry(entry);
      jar.write(content.getBytes(StandardCharsets.UTF_8));
      jar.closeEntry();
    }
    return file;
  }
}
