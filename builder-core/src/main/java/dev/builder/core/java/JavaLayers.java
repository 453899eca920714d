package dev.builder.core.java;

import dev.builder.core.BuilderException;
import dev.builder.core.image.Layer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Lays a Java application out in layers ordered by how often they change, so that a rebuild after a code change
 * re-uploads only the last, small layers: release dependencies, snapshot dependencies, project (reactor)
 * dependencies, resources, classes, then extra files for the image root.
 */
public final class JavaLayers {

  /** A layer and what it holds, for the log and the image history. */
  public record NamedLayer(String name, Layer layer) {}

  /** The layers, in order, the classpath they make, and where each dependency jar lies in the image. */
  public record Result(List<NamedLayer> layers, List<String> classpath, Map<Path, String> jarPaths) {}

  private JavaLayers() {}

  public static Result build(JavaApplication app, String appRoot, Instant time, Path layerDirectory) {
    return build(app, appRoot, time, layerDirectory, false);
  }

  /**
   * The layers; with {@code packaged}, the project's jar (with its manifest, which
   * {@code Package.getImplementationVersion} reads) stands where the resources and classes layers would, as
   * {@code <appRoot>/<jar's name>}, first on the classpath.
   */
  public static Result build(JavaApplication app, String appRoot, Instant time, Path layerDirectory,
      boolean packaged) {
    String libs = appRoot + "/libs/";
    String resources = appRoot + "/resources";
    String classes = appRoot + "/classes";
    Map<Dependency, String> jarNames = jarNames(app.dependencies());

    List<NamedLayer> layers = new ArrayList<>();
    List<String> classpath = new ArrayList<>();
    if (packaged) {
      if (app.jar() == null || !Files.isRegularFile(app.jar())) {
        throw new BuilderException("containerizingMode packaged puts the project's jar in the image, but "
            + (app.jar() == null ? "the project has none yet" : app.jar() + " does not exist") + ": run the package"
            + " phase first (mvn package builder:build), or use the default, exploded");
      }
      classpath.add(appRoot + "/" + app.jar().getFileName());
    } else {
      classpath.addAll(List.of(resources, classes));
    }
    for (Dependency.Kind kind : Dependency.Kind.values()) {
      LayerBuilder builder = new LayerBuilder(time);
      for (Dependency dependency : app.dependencies()) {
        if (dependency.kind() == kind) {
          builder.addFile(dependency.file(), libs + jarNames.get(dependency), 0644);
        }
      }
      builder.build(layerDirectory).ifPresent(l -> layers.add(new NamedLayer(layerName(kind), l)));
    }
    app.dependencies().forEach(d -> classpath.add(libs + jarNames.get(d)));

    LayerBuilder resourceLayer = new LayerBuilder(time);
    LayerBuilder classLayer = new LayerBuilder(time);
    if (packaged) {
      LayerBuilder jar = new LayerBuilder(time);
      jar.addFile(app.jar(), classpath.get(0), 0644);
      jar.build(layerDirectory).ifPresent(l -> layers.add(new NamedLayer("jar", l)));
    } else if (app.classesDirectory() != null && Files.isDirectory(app.classesDirectory())) {
      Path root = FolderEntries.realPath(app.classesDirectory());
      for (Path file : FolderEntries.walk(root)) {
        String relative = relative(root, file);
        BasicFileAttributes attributes = FolderEntries.attributes(file);
        if (attributes.isSymbolicLink()) {
          // a build copies the links among its resources as they are (maven-resources-plugin 3): their content is
          // taken, but only from inside the folder
          FolderEntries.linkInside(root, file, "links there are followed only while they point inside the folder",
              "Put a copy of the file among the resources instead of the link.");
        } else if (!attributes.isDirectory() && !attributes.isRegularFile()) {
          throw FolderEntries.special(root, file);
        }
        if (Files.isDirectory(file)) {
          continue; // each layer gets the directories of its own files
        }
        if (relative.endsWith(".class")) {
          classLayer.addFile(file, classes + "/" + relative, 0644);
        } else {
          resourceLayer.addFile(file, resources + "/" + relative, 0644);
        }
      }
    }
    resourceLayer.build(layerDirectory).ifPresent(l -> layers.add(new NamedLayer("resources", l)));
    classLayer.build(layerDirectory).ifPresent(l -> layers.add(new NamedLayer("classes", l)));

    extraLayer(app, time, layerDirectory).ifPresent(layers::add);
    new LayerCache(layerDirectory).retainOnly(
        layers.stream().map(l -> l.layer().descriptor().digest()).collect(Collectors.toSet()));
    Map<Path, String> jarPaths = new java.util.LinkedHashMap<>();
    app.dependencies().forEach(d -> jarPaths.put(d.file(), libs + jarNames.get(d)));
    return new Result(layers, classpath, jarPaths);
  }

  /** The layer of files for the image root: {@code extraDirectory}'s, then those of {@code extraDirectories}. */
  static java.util.Optional<NamedLayer> extraLayer(JavaApplication app, Instant time, Path layerDirectory) {
    LayerBuilder extra = new LayerBuilder(time);
    FilePermissions permissions = app.extraDirectories().permissions();
    if (app.extraDirectory() != null && Files.isDirectory(app.extraDirectory())) {
      ExtraFiles.add(ExtraDirectory.root(app.extraDirectory()), permissions, extra);
    }
    for (ExtraDirectory path : app.extraDirectories().paths()) {
      if (!Files.isDirectory(path.from())) {
        throw new BuilderException("the extra directory " + path.from() + " does not exist or is no folder. Create"
            + " it, or remove its <path> from <extraDirectories>.");
      }
      ExtraFiles.add(path, permissions, extra);
    }
    return extra.build(layerDirectory).map(l -> new NamedLayer("extra files", l));
  }

  static String layerName(Dependency.Kind kind) {
    return switch (kind) {
      case RELEASE -> "dependencies";
      case SNAPSHOT -> "snapshot dependencies";
      case PROJECT -> "project dependencies";
    };
  }

  /**
   * File names under libs/, unique by construction: a jar's own file name where no other jar has it; else that name
   * prefixed with the jar's group; else, where a jar already has that too (g1:util beside g3:g1-util), numbered
   * before the extension. Names that clash with nothing stay as they are, so images of such projects do not change.
   */
  static Map<Dependency, String> jarNames(List<Dependency> dependencies) {
    Map<String, Integer> counts = new HashMap<>();
    dependencies.forEach(d -> counts.merge(d.file().getFileName().toString(), 1, Integer::sum));
    // by identity: a record's hashCode is bootstrapped through method handles at its first call, tens of
    // milliseconds of a new JVM for a class path of hundreds of jars
    Map<Dependency, String> names = new IdentityHashMap<>();
    Set<String> taken = new HashSet<>();
    for (Dependency d : dependencies) {
      String name = d.file().getFileName().toString();
      if (counts.get(name) == 1) {
        names.put(d, name);
        taken.add(name);
      }
    }
    for (Dependency d : dependencies) {
      if (!names.containsKey(d)) {
        String prefixed = d.groupId() + "-" + d.file().getFileName();
        String name = prefixed;
        for (int n = 2; !taken.add(name); n++) {
          name = numbered(prefixed, n);
        }
        names.put(d, name);
      }
    }
    return names;
  }

  private static String numbered(String name, int n) {
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) + "-" + n + name.substring(dot) : name + "-" + n;
  }

  private static String relative(Path root, Path file) {
    return root.relativize(file).toString().replace('\\', '/');
  }
}
