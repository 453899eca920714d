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
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A Java runtime linked by jlink from a JDK's modules (the build JDK's, or those of a JDK image for another
 * platform), cut to those the application uses, as one layer at {@link #HOME}. The layer is kept under the cache folder by everything its bytes depend on (the JDK, the platform,
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

  /** The runtime's layer and what it is; {@code origin} says where its modules came from. */
  public record Linked(Layer layer, String version, String vendor, List<String> modules, String origin,
      boolean fromCache) {}

  private JlinkRuntime() {}

  /**
   * Links the runtime for {@code app} on {@code platform} at the project's Java {@code release} from the build
   * JDK's modules, with the {@code added} modules beside those jdeps finds and {@link #DEFAULT_MODULES}.
   */
  public static Linked link(JavaApplication app, int release, List<String> added, Platform platform, Instant time,
      Path cacheDirectory, BuildListener log) {
    requireRelease(release);
    Jmods jdk = Jmods.buildJdk();
    if (!jdk.platform().sameAs(platform) && !(jdk.platform().os().equals(platform.os())
        && jdk.platform().architecture().equals(platform.architecture()))) {
      throw new BuilderException("runtime jlink links the build JDK's modules, which are for " + jdk.platform()
          + ", so it cannot make a runtime for " + platform + ": name a JDK image for it (jdkImage), or build for "
          + jdk.platform() + " only (platforms)");
    }
    requirePresent(jdk);
    return link(app, release, added, jdk, time, cacheDirectory, log);
  }

  /**
   * Links the runtime for {@code app} at the project's Java {@code release} from {@code jmods}, for the platform
   * they are for, with the build JDK's jlink (which links another platform's modules as well as its own, but only
   * those of its own Java version).
   */
  public static Linked link(JavaApplication app, int release, List<String> added, Jmods jmods, Instant time,
      Path cacheDirectory, BuildListener log) {
    requireRelease(release);
    if (jmods.feature() != release) {
      throw new BuilderException("the modules of " + jmods.origin() + " are Java " + jmods.version() + ", but the"
          + " project's release is Java " + release + ": name a JDK image of Java " + release + " in jdkImage (such"
          + " as eclipse-temurin:" + release + "-jdk), or leave jdkImage unset");
    }
    TreeSet<String> modules = new TreeSet<>(ModuleScan.modules(app, release, cacheDirectory));
    DEFAULT_MODULES.stream().filter(jmods::has).forEach(modules::add);
    for (String module : added) {
      if (!jmods.has(module)) {
        throw new BuilderException("module " + module + " of jlinkModules is not among the modules of "
            + jmods.origin() + " (" + jmods.folder() + "); java --list-modules names those a JDK has");
      }
      modules.add(module);
    }
    // jlink strips native debug symbols with the build machine's objcopy, which cannot read another architecture's
    // libraries (it complains and leaves them as they are): for those, only the classes' debug attributes
    List<String> options = List.of(jmods.forBuildPlatform() ? "--strip-debug" : "--strip-java-debug-attributes",
        "--no-header-files", "--no-man-pages", release >= 21 ? "--compress=zip-6" : "--compress=2");
    String keyText = FORMAT + "\n" + jmods.identity() + "\n" + jmods.platform() + "\n" + Runtime.version() + "\n"
        + String.join(",", modules) + "\n" + String.join(" ", options) + "\n" + time + "\n";
    Digest key = Digest.of(keyText.getBytes(StandardCharsets.UTF_8));
    Path directory = cacheDirectory.resolve("jlink");
    LayerCache cache = new LayerCache(directory);
    List<String> list = List.copyOf(modules);
    Optional<Layer> cached = cache.find(key);
    if (cached.isPresent()) {
      log.debug("java runtime " + jmods.version() + " for " + jmods.platform() + " with " + String.join(",", list)
          + ": linked before");
      return new Linked(cached.get(), jmods.version(), jmods.vendor(), list, jmods.origin(), true);
    }
    log.info("linking a Java " + jmods.version() + " runtime for " + jmods.platform() + " with "
        + String.join(",", list));
    Layer layer = linkAndLayer(jmods, list, options, time, directory);
    cache.store(key, layer);
    return new Linked(layer, jmods.version(), jmods.vendor(), list, jmods.origin(), false);
  }

  /** Refuses a release the build JDK's jlink cannot link: it links only modules of its own Java version. */
  public static void requireRelease(int release) {
    int feature = Runtime.version().feature();
    if (feature != release) {
      throw new BuilderException("runtime jlink links with the build JDK's jlink, which is Java " + feature
          + " and links only Java " + feature + " modules, but the project's release is Java " + release
          + ": run Maven on a JDK " + release + " (JAVA_HOME), or set the project's release (maven.compiler.release)"
          + " to " + feature + ", or use the base image's Java (runtime base)");
    }
  }

  /** Refuses a build JDK without jmods, which jlink links from. */
  public static void requirePresent(Jmods jdk) {
    if (!jdk.present()) {
      throw new BuilderException("the build JDK (" + jdk.folder().getParent() + ") has no jmods folder, which jlink"
          + " links the runtime from: install a JDK that has one (Debian and Ubuntu: the package openjdk-"
          + jdk.feature() + "-jdk-headless; Temurin and most other JDKs have it), or name a JDK image in jdkImage,"
          + " or use the base image's Java (runtime base)");
    }
  }

  private static Layer linkAndLayer(Jmods jmods, List<String> modules, List<String> options, Instant time,
      Path directory) {
    // a process of its own, not jlink's ToolProvider in this JVM: in a JVM that had run other code, the lib/modules
    // of two links of the same modules differed by a few hundred bytes (jlink generates some classes, such as
    // java.lang.invoke's holders, with the running JVM's machinery), so the layer was not reproducible; a fresh
    // JVM gives the same bytes every time
    Path home = Path.of(System.getProperty("java.home"));
    Path jlink = home.resolve("bin/jlink");
    if (!Files.isExecutable(jlink)) {
      throw new BuilderException("the build's Java (" + home + ") has no bin/jlink: run the build on a JDK, not"
          + " a JRE, or use the base image's Java (runtime base)");
    }
    Path work = null;
    try {
      Files.createDirectories(directory);
      work = Files.createTempDirectory(directory, "link");
      Path output = work.resolve("runtime");
      List<String> command = new ArrayList<>(List.of(jlink.toString(), "--module-path", jmods.folder().toString(),
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
}
