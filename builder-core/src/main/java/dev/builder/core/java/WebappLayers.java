package dev.builder.core.java;

import dev.builder.core.BuilderException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Lays an exploded war out under the app root (a servlet container's webapps folder) in the layers a jar gets, ordered
 * by how often they change: the jars of {@code WEB-INF/lib} (release, snapshot, then project dependencies), the
 * webapp's other files (static pages, {@code web.xml}, resources in {@code WEB-INF/classes}), then its classes. The
 * folder is taken as maven-war-plugin wrote it, so overlays, filtering and {@code packagingExcludes} are as in the war.
 */
public final class WebappLayers {
  private static final String LIB = "WEB-INF/lib/";
  private static final String CLASSES = "WEB-INF/classes/";

  private WebappLayers() {}

  public static JavaLayers.Result build(JavaApplication app, String appRoot, Instant time, Path layerDirectory) {
    Path webapp = app.webappDirectory();
    if (!Files.isDirectory(webapp)) {
      throw new BuilderException("the exploded webapp " + webapp + " does not exist: a war's image holds the folder"
          + " maven-war-plugin writes (its webappDirectory). Run the package phase first (mvn package builder:build),"
          + " or war:exploded");
    }
    // a jar of WEB-INF/lib takes its layer from the dependency it came from, found by file name; others are releases
    Map<String, Dependency.Kind> kinds = new HashMap<>();
    for (Dependency d : app.dependencies()) {
      // maven-war-plugin names them artifactId-baseVersion.jar, where the repository's snapshot may carry a timestamp
      kinds.put(d.file().getFileName().toString(), d.kind());
      kinds.put(d.artifactId() + "-" + d.version() + ".jar", d.kind());
    }
    Map<Dependency.Kind, LayerBuilder> jars = new EnumMap<>(Dependency.Kind.class);
    for (Dependency.Kind kind : Dependency.Kind.values()) {
      jars.put(kind, new LayerBuilder(time));
    }
    LayerBuilder resources = new LayerBuilder(time);
    LayerBuilder classes = new LayerBuilder(time);
    Map<Path, String> jarPaths = new LinkedHashMap<>();
    Path root = FolderEntries.realPath(webapp);
    for (Path file : FolderEntries.walk(root)) {
      String relative = root.relativize(file).toString().replace('\\', '/');
      BasicFileAttributes attributes = FolderEntries.attributes(file);
      if (attributes.isSymbolicLink()) {
        FolderEntries.linkInside(root, file, "links there are followed only while they point inside the folder",
            "Put a copy of the file in the webapp instead of the link.");
      } else if (!attributes.isDirectory() && !attributes.isRegularFile()) {
        throw FolderEntries.special(root, file);
      }
      if (Files.isDirectory(file)) {
        continue; // each layer gets the directories of its own files
      }
      String target = appRoot + "/" + relative;
      if (relative.startsWith(LIB) && relative.endsWith(".jar") && relative.indexOf('/', LIB.length()) < 0) {
        String name = relative.substring(LIB.length());
        jars.get(kinds.getOrDefault(name, Dependency.Kind.RELEASE)).addFile(file, target, 0644);
        app.dependencies().stream().filter(d -> d.file().getFileName().toString().equals(name)).findFirst()
            .ifPresent(d -> jarPaths.put(d.file(), target));
      } else if (relative.startsWith(CLASSES) && relative.endsWith(".class")) {
        classes.addFile(file, target, 0644);
      } else {
        resources.addFile(file, target, 0644);
      }
    }
    List<JavaLayers.NamedLayer> layers = new ArrayList<>();
    jars.forEach((kind, builder) -> builder.build(layerDirectory)
        .ifPresent(l -> layers.add(new JavaLayers.NamedLayer(JavaLayers.layerName(kind), l))));
    resources.build(layerDirectory).ifPresent(l -> layers.add(new JavaLayers.NamedLayer("resources", l)));
    classes.build(layerDirectory).ifPresent(l -> layers.add(new JavaLayers.NamedLayer("classes", l)));
    JavaLayers.extraLayer(app, time, layerDirectory).ifPresent(layers::add);
    new LayerCache(layerDirectory).retainOnly(
        layers.stream().map(l -> l.layer().descriptor().digest()).collect(Collectors.toSet()));
    return new JavaLayers.Result(layers, List.of(), jarPaths);
  }
}
