package dev.builder.core.java;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The modules jdeps finds in an application's classes and jars, and what it keeps of them between builds. */
class ModuleScanTest {
  @TempDir Path tmp;

  @Test
  void theClassesAndTheJarsModulesAndAChangedClassScannedAgain() throws Exception {
    Path classes = tmp.resolve("classes");
    TestProjects.compile(classes, Map.of("com.example.App", "package com.example;\n"
        + "public class App { public static void main(String[] a) throws Exception {\n"
        + "  com.sun.net.httpserver.HttpServer.create(); } }\n"));
    Path libClasses = tmp.resolve("lib-classes");
    TestProjects.compile(libClasses, Map.of("org.lib.Db", "package org.lib;\n"
        + "public class Db { public static Object open() throws Exception {\n"
        + "  return java.sql.DriverManager.getConnection(\"jdbc:none\"); } }\n"));
    Path jar = tmp.resolve("lib-1.0.jar");
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
      zip.putNextEntry(new JarEntry("org/lib/Db.class"));
      zip.write(Files.readAllBytes(libClasses.resolve("org/lib/Db.class")));
      zip.closeEntry();
    }
    JavaApplication app = new JavaApplication(classes,
        List.of(new Dependency(jar, "org.lib", "lib", "1.0", Dependency.Kind.RELEASE)), null, null);
    Path cache = tmp.resolve("cache");

    assertThat(ModuleScan.modules(app, 17, cache)).containsExactly("java.base", "java.sql", "jdk.httpserver");

    // a class that no longer uses the HTTP server: its module goes, the jar's stays
    TestProjects.compile(classes, Map.of("com.example.App", "package com.example;\n"
        + "public class App { public static void main(String[] a) { System.out.println(\"hi\"); } }\n"));
    assertThat(ModuleScan.modules(app, 17, cache)).containsExactly("java.base", "java.sql");
    // the jars' answer and the classes' are kept apart under the cache
    try (var entries = Files.list(cache.resolve("jdeps"))) {
      assertThat(entries.count()).isEqualTo(3);
    }
  }

  @Test
  void aFolderOfResourcesOnlyNeedsJavaBase() throws Exception {
    Path classes = Files.createDirectories(tmp.resolve("classes"));
    Files.writeString(classes.resolve("app.properties"), "a=b\n");
    assertThat(ModuleScan.modules(new JavaApplication(classes, List.of(), null, null), 17, tmp.resolve("cache")))
        .containsExactly("java.base");
  }
}
