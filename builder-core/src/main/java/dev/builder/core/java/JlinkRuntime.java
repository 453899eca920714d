package dev.builder.core.java;

import dev.builder.core.BuildListener;
import dev.builder.core.BuilderException;
import dev.builder.core.image.Digest;
import dev.builder.core.image.Layer;
import dev.builder.core.image.Platform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Java runtime linked by jlink from the build JDK's modules, cut to those the application uses, as one layer at
 * {@link #HOME}. The layer is kept under the cache folder by everything its bytes depend on (the JDK, the platform,
 * the modules, the options, the time stamped on its files), so a build whose module set did not change does not run
 * jlink; jlink's output and the layer are reproducible, so a rebuild gives the same digest.
 */
public final class JlinkRuntime {
  /** Where the runtime lies in the image. */
  public static final String HOME = "/opt/java";

  /**
   * Added to every runtime, as nothing in the application's bytecode names them but a network service needs them:
   * the elliptic curves of TLS (a separate module up to Java 21) and JNDI's DNS lookups.
   */
  public static final List<String> DEFAULT_MODULES = List.of("jdk.crypto.ec", "jdk.naming.dns");

  private static final String FORMAT = "builder-jlink-1";
  private static final Object LOCK = new Object();

  /** The runtime's layer and what it is. */
  public record Linked(Layer layer, String version, String vendor, List<String> modules, boolean fromCache) {}

  private JlinkRuntime() {}

  /**
   * Links the runtime for {@code app} on {@code platform} at the project's Java {@code release}, with the
   * {@code added} modules beside those jdeps finds and {@link #DEFAULT_MODULES}.
   */
  public static Linked link(JavaApplication app, int release, List<String> added, Platform platform, Instant time,
      Path cacheDirectory, BuildListener log) {
    BuildJdk jdk = BuildJdk.current();
    jdk.requireFor(release, platform);
    TreeSet<String> modules = new TreeSet<>(ModuleScan.modules(app, release, cacheDirectory));
    DEFAULT_MODULES.stream().filter(jdk::has).forEach(modules::add);
    for (String module : added) {
      if (!jdk.has(module)) {
        throw new BuilderException("module " + module + " of jlinkModules is not among the modules of the build JDK ("
            + jdk.jmods() + "); java --list-modules names those there are");
      }
      modules.add(module);
    }
    List<String> options = List.of("--strip-debug", "--no-header-files", "--no-man-pages",
        jdk.feature() >= 21 ? "--compress=zip-6" : "--compress=2");
    String keyText = FORMAT + "\n" + jdk.identity() + "\n" + platform + "\n" + String.join(",", modules) + "\n"
        + String.join(" ", options) + "\n" + time + "\n";
    Digest key = Digest.of(keyText.getBytes(StandardCharsets.UTF_8));
    Path directory = cacheDirectory.resolve("jlink");
    LayerCache cache = new LayerCache(directory);
    List<String> list = List.copyOf(modules);
    Optional<Layer> cached = cache.find(key);
    if (cached.isPresent()) {
      log.debug("java runtime " + jdk.version() + " with " + String.join(",", list) + ": linked before");
      return new Linked(cached.get(), jdk.version(), jdk.vendor(), list, true);
    }
    log.info("linking a Java " + jdk.version() + " runtime with " + String.join(",", list));
    Layer layer = linkAndLayer(jdk, list, options, time, directory);
    cache.store(key, layer);
    return new Linked(layer, jdk.version(), jdk.vendor(), list, false);
  }

  private static Layer linkAndLayer(BuildJdk jdk, List<String> modules, List<String> options, Instant time,
      Path directory) {
    // a process of its own, not jlink's ToolProvider in this JVM: in a JVM that had run other code, the lib/modules
    // of two links of the same modules differed by a few hundred bytes (jlink generates some classes, such as
    // java.lang.invoke's holders, with the running JVM's machinery), so the layer was not reproducible; a fresh
    // JVM gives the same bytes every time
    Path jlink = jdk.home().resolve("bin/jlink");
    if (!Files.isExecutable(jlink)) {
      throw new BuilderException("the build's Java (" + jdk.home() + ") has no bin/jlink: run the build on a JDK, not"
          + " a JRE, or use the base image's Java (runtime base)");
    }
    Path work = null;
    try {
      Files.createDirectories(directory);
      work = Files.createTempDirectory(directory, "link");
      Path output = work.resolve("runtime");
      List<String> command = new ArrayList<>(List.of(jlink.toString(), "--module-path", jdk.jmods().toString(),
          "--add-modules", String.join(",", modules)));
      command.addAll(options);
      command.addAll(List.of("--output", output.toString()));
      int code;
      String messages;
      synchronized (LOCK) { // one link at a time in a build of parallel modules: each takes a core and memory
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        messages = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        code = process.waitFor();
      }
      if (code != 0) {
        throw new BuilderException("jlink could not link the Java runtime (exit " + code + "): " + messages.strip());
      }
      return layer(output, time, directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot link a Java runtime in " + directory, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BuilderException("interrupted while jlink linked the Java runtime", e);
    } finally {
      deleteQuietly(work);
    }
  }

  /** The runtime's files under {@link #HOME}, their modes reduced to 0755 for executables and 0644 for the rest. */
  private static Layer layer(Path runtime, Instant time, Path directory) throws IOException {
    LayerBuilder builder = new LayerBuilder(time);
    try (Stream<Path> files = Files.walk(runtime)) {
      for (Path file : files.sorted().toList()) {
        String target = HOME + (file.equals(runtime) ? "" : "/" + runtime.relativize(file).toString());
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
            LinkOption.NOFOLLOW_LINKS);
        if (attributes.isSymbolicLink()) {
          builder.addSymlink(file, target, Files.readSymbolicLink(file).toString());
        } else if (attributes.isDirectory()) {
          builder.addDirectory(file, target);
        } else {
          builder.addFile(file, target, Files.isExecutable(file) ? 0755 : 0644);
        }
      }
    }
    return builder.write(directory);
  }

  private static void deleteQuietly(Path root) {
    if (root == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      // a leftover folder under the cache costs disk, never a wrong runtime
    }
  }

  /** The JDK this build runs on, whose jmods the runtime is linked from. */
  private record BuildJdk(Path home, int feature, String version, String vendor, Platform platform) {
    static BuildJdk current() {
      Path home = Path.of(System.getProperty("java.home"));
      String arch = System.getProperty("os.arch");
      String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
      Platform platform = new Platform(os.startsWith("linux") ? "linux" : os.split(" ")[0],
          switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> arch;
          }, null);
      return new BuildJdk(home, Runtime.version().feature(), Runtime.version().toString().replaceFirst("\\+.*", ""),
          System.getProperty("java.vendor"), platform);
    }

    Path jmods() {
      return home.resolve("jmods");
    }

    boolean has(String module) {
      return Files.isRegularFile(jmods().resolve(module + ".jmod"));
    }

    /**
     * Refuses what this JDK cannot link: another Java release than the project's (jlink links only its own
     * release), another platform (the runtime's native code is the JDK's own), or a JDK without jmods.
     */
    void requireFor(int release, Platform target) {
      if (feature != release) {
        throw new BuilderException("runtime jlink links the build JDK's modules, which are Java " + feature
            + ", but the project's release is Java " + release + ": run the build on a JDK " + release + ", or set"
            + " the project's release (maven.compiler.release) to " + feature);
      }
      if (!platform.sameAs(target) && !(platform.os().equals(target.os())
          && platform.architecture().equals(target.architecture()))) {
        throw new BuilderException("runtime jlink links the build JDK's modules, which are for " + platform
            + ", so it cannot make a runtime for " + target + ": build for " + platform + " only (platforms), or"
            + " run the build on a " + target + " JDK, or use the base image's Java (runtime base)");
      }
      if (!Files.isDirectory(jmods())) {
        throw new BuilderException("the build JDK (" + home + ") has no jmods folder, which jlink links the runtime"
            + " from: install a JDK that has one (Debian and Ubuntu: the package openjdk-" + feature
            + "-jdk-headless; Temurin and most other JDKs have it), or use the base image's Java (runtime base)");
      }
    }

    /** What the linked bytes depend on: the JDK's version and its jmods' names, sizes and times. */
    String identity() {
      StringBuilder text = new StringBuilder(home + " " + Runtime.version() + " " + vendor + "\n");
      try (Stream<Path> files = Files.list(jmods())) {
        for (Path file : files.sorted().toList()) {
          BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
          text.append(file.getFileName()).append(' ').append(attributes.size()).append(' ')
              .append(attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS)).append('\n');
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + jmods(), e);
      }
      return Digest.of(text.toString().getBytes(StandardCharsets.UTF_8)).toString();
    }
  }
}
