package dev.builder.testing;

import java.io.IOException;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the root filesystem of a distroless-style Java base image from the JDK running the tests:
 * a jlink runtime in /opt/java, the host's shared libraries it needs, and the few files (/etc/passwd,
 * /tmp, ...) a Java app expects. Tests need a Java base image but have no registry to pull one from.
 */
public final class JavaRuntimeRootfs {

  /**
   * The environment a base image built from this rootfs declares in its config. Like distroless's Java images (the
   * default bases) and Temurin's, it says its Java version, so that a build knows it without reading the runtime's
   * release file from the layer; a base that does not say it is made by removing the variable.
   */
  public static final List<String> ENV = List.of(
      "PATH=/opt/java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
      "JAVA_HOME=/opt/java",
      "JAVA_VERSION=" + System.getProperty("java.version"));

  // ldd lines: "libz.so.1 => /lib/x86_64-linux-gnu/libz.so.1 (0x..)", "/lib64/ld-linux-x86-64.so.2 (0x..)",
  // "libjvm.so => not found". The vdso has no file and is skipped by the pattern.
  private static final Pattern LDD_PATH = Pattern.compile("^\\s*(?:\\S+ => )?(/\\S+) \\(0x");
  private static final Pattern LDD_NOT_FOUND = Pattern.compile("^\\s*(\\S+) => not found");

  private JavaRuntimeRootfs() {
  }

  /** Modules that run a JDK HttpServer app and a Spring Boot 3.5 web app, minus any this JDK lacks. */
  public static List<String> defaultModules() {
    return List.of("java.base", "java.compiler", "java.desktop", "java.instrument", "java.logging",
            "java.management", "java.naming", "java.net.http", "java.prefs", "java.rmi", "java.scripting",
            "java.security.jgss", "java.security.sasl", "java.sql", "java.transaction.xa", "java.xml",
            "jdk.crypto.ec", "jdk.httpserver", "jdk.jfr", "jdk.management", "jdk.naming.dns", "jdk.net",
            "jdk.unsupported", "jdk.zipfs")
        .stream().filter(m -> ModuleFinder.ofSystem().find(m).isPresent()).toList();
  }

  /**
   * Returns the rootfs for {@link #defaultModules()}, building it under {@code cacheRoot} only the
   * first time: jlink takes several seconds, and the result depends only on the modules and the JDK.
   */
  public static Path cached(Path cacheRoot) throws IOException {
    List<String> modules = defaultModules();
    Path target = cacheRoot.resolve("java-rootfs-" + hash(modules + "|" + System.getProperty("java.version") + "|dpkg"));
    if (Files.isDirectory(target)) {
      return target;
    }
    Files.createDirectories(cacheRoot);
    // Built beside the target and renamed into place in one step, so a crashed run leaves at most a
    // ".partial-" directory that is never mistaken for a finished rootfs.
    Path partial = Files.createTempDirectory(cacheRoot, target.getFileName() + ".partial-");
    try {
      create(partial.resolve("rootfs"), modules);
      Files.move(partial.resolve("rootfs"), target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      if (!Files.isDirectory(target)) {
        throw e; // unless a concurrent run finished first (rename fails on a non-empty target)
      }
    } finally {
      FileTrees.deleteRecursively(partial);
    }
    return target;
  }

  /** Builds the rootfs in {@code dir} (which must not contain opt/java yet) and returns {@code dir}. */
  public static Path create(Path dir, List<String> modules) throws IOException {
    Path root = Files.createDirectories(dir).toRealPath();
    Path javaHome = Path.of(System.getProperty("java.home"));
    Files.createDirectories(root.resolve("opt"));
    Commands.run(javaHome.resolve("bin/jlink").toString(), "--add-modules", String.join(",", modules),
        "--strip-debug", "--no-header-files", "--no-man-pages", "--compress=2",
        "--output", root.resolve("opt/java").toString());
    Set<String> libraries = copySharedLibraries(root);
    writeUsersAndDirectories(root);
    writePackageRecords(root, libraries);
    return dir;
  }

  /** Copies what ldd says the runtime loads from the host, at the same absolute paths. */
  private static Set<String> copySharedLibraries(Path root) throws IOException {
    Path runtime = root.resolve("opt/java");
    List<String> lddArgs = new ArrayList<>(List.of("ldd", runtime.resolve("bin/java").toString()));
    try (var files = Files.walk(runtime.resolve("lib"))) {
      files.filter(f -> f.toString().endsWith(".so")).forEach(f -> lddArgs.add(f.toString()));
    }
    Set<String> libraries = new TreeSet<>();
    Set<String> notFound = new TreeSet<>();
    for (String line : Commands.run(lddArgs).split("\n")) {
      Matcher path = LDD_PATH.matcher(line);
      Matcher missing = LDD_NOT_FOUND.matcher(line);
      if (path.find() && !Path.of(path.group(1)).normalize().startsWith(root)) {
        libraries.add(path.group(1)); // the runtime's own libraries are already in place
      } else if (missing.find()) {
        notFound.add(missing.group(1));
      }
    }
    for (String name : notFound) {
      // e.g. libjvm.so: libjava.so needs it but has no RUNPATH to lib/server; the launcher loads it
      // by full path first. Only libraries the runtime ships itself may be missing for ldd.
      try (var shipped = Files.walk(runtime)) {
        if (shipped.noneMatch(f -> f.getFileName().toString().equals(name))) {
          throw new IllegalStateException("ldd cannot find " + name + ", which the Java runtime needs");
        }
      }
    }
    for (String library : libraries) {
      // Keep the name ldd printed (the loader looks for it), but copy the real file behind any symlink.
      Path copy = root.resolve(library.substring(1));
      Files.createDirectories(copy.getParent());
      Files.copy(Path.of(library), copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
    }
    return libraries;
  }

  /**
   * Records the Debian packages the copied libraries come from the way distroless does, one file per package in
   * /var/lib/dpkg/status.d/, plus /etc/os-release: what an SBOM of an image on this base must list.
   */
  private static void writePackageRecords(Path root, Set<String> libraries) throws IOException {
    Set<String> packages = new TreeSet<>();
    for (String library : libraries) {
      String real = Path.of(library).toRealPath().toString();
      for (String candidate : List.of(library, real)) {
        try {
          for (String line : Commands.run("dpkg", "-S", candidate).split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
              packages.add(line.substring(0, colon).split(",")[0].trim());
            }
          }
          break;
        } catch (IllegalStateException notOwned) {
          // usrmerge: dpkg may know the file under its other name; try that next
        }
      }
    }
    Path statusDir = Files.createDirectories(root.resolve("var/lib/dpkg/status.d"));
    for (String pkg : packages) {
      String status = Commands.run("dpkg-query", "-s", pkg);
      Files.writeString(statusDir.resolve(pkg.replace(':', '_')), status.strip() + "\n");
    }
    Files.writeString(root.resolve("etc/os-release"), Files.readString(Path.of("/etc/os-release")));
  }

  /** The files and directories distroless images provide, for root and for the "nonroot" user 65532. */
  private static void writeUsersAndDirectories(Path root) throws IOException {
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/sbin/nologin\n"
        + "nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n");
    Files.writeString(root.resolve("etc/group"), "root:x:0:\nnonroot:x:65532:\n");
    Path home = Files.createDirectories(root.resolve("home/nonroot"));
    Files.setAttribute(home, "unix:uid", 65532);
    Files.setAttribute(home, "unix:gid", 65532);
    Files.setAttribute(Files.createDirectories(root.resolve("root")), "unix:mode", 0700);
    // Sticky and world-writable; setPosixFilePermissions cannot express the sticky bit, unix:mode can.
    Files.setAttribute(Files.createDirectories(root.resolve("tmp")), "unix:mode", 01777);
    Files.createDirectories(root.resolve("proc")); // mount point: the JVM needs /proc (see ContainerRun)
    Files.createDirectories(root.resolve("usr/bin"));
    Files.createSymbolicLink(root.resolve("usr/bin/java"), Path.of("/opt/java/bin/java"));
  }

  private static String hash(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
