package dev.builder.core.java;

import static dev.builder.core.java.Dependency.Kind.PROJECT;
import static dev.builder.core.java.Dependency.Kind.RELEASE;
import static dev.builder.core.java.Dependency.Kind.SNAPSHOT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.builder.core.BuilderException;
import dev.builder.core.image.Digest;
import dev.builder.core.image.Layer;
import dev.builder.core.image.MediaTypes;
import dev.builder.core.java.JavaLayers.NamedLayer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class JavaLayersTest {
  private static final Instant TIME = Instant.parse("2024-05-06T07:08:09Z");

  @TempDir Path tmp;

  /** A project with compiled classes, resources, four jars of three kinds and an extra folder with a script. */
  private static JavaApplication project(Path root) throws IOException {
    Path classes = root.resolve("target/classes");
    TestProjects.compile(classes, Map.of("com.example.App", TestProjects.classSource("com.example.App", true)));
    Files.writeString(classes.resolve("com/example/app.properties"), "greeting=hi\n");
    Files.writeString(classes.resolve("logback.xml"), "<configuration/>\n");

    Path repo = root.resolve("repo");
    Dependency guava = new Dependency(TestProjects.jar(repo.resolve("guava-33.0.jar"), Map.of(), "guava"),
        "com.google.guava", "guava", "33.0", RELEASE);
    Dependency snapshot = new Dependency(TestProjects.jar(repo.resolve("mylib-1.0-SNAPSHOT.jar"), Map.of(), "mylib"),
        "com.example", "mylib", "1.0-SNAPSHOT", SNAPSHOT);
    Dependency module = new Dependency(TestProjects.jar(root.resolve("core/target/core-1.0.jar"), Map.of(), "core"),
        "com.example", "core", "1.0", PROJECT);
    Dependency commons = new Dependency(TestProjects.jar(repo.resolve("commons-lang3-3.14.0.jar"), Map.of(), "lang"),
        "org.apache.commons", "commons-lang3", "3.14.0", RELEASE);

    Path extra = root.resolve("src/main/builder");
    Path script = extra.resolve("usr/local/bin/start.sh");
    Files.createDirectories(script.getParent());
    Files.writeString(script, "#!/bin/sh\nexec java com.example.App\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path conf = extra.resolve("etc/app/app.conf");
    Files.createDirectories(conf.getParent());
    Files.writeString(conf, "x=1\n");
    Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-r--r--"));

    return new JavaApplication(classes, List.of(guava, snapshot, module, commons), null, extra);
  }

  private JavaLayers.Result build(JavaApplication app, String layerDir) {
    return JavaLayers.build(app, "/app", TIME, tmp.resolve(layerDir));
  }

  @Test
  void laysOutLayersByHowOftenTheyChange() throws IOException {
    JavaLayers.Result result = build(project(tmp.resolve("project")), "layers");

    assertThat(result.layers())
        .extracting(NamedLayer::name)
        .containsExactly("dependencies", "snapshot dependencies", "project dependencies", "resources", "classes",
            "extra files");
  }

  @Test
  void theLayerFolderKeepsTheLastBuildsLayersOnly() throws IOException {
    JavaApplication app = project(tmp.resolve("project"));
    JavaLayers.Result first = build(app, "layers");
    Path changed = app.classesDirectory().resolve("com/example/app.properties");
    Files.writeString(changed, "greeting=hello, a longer greeting\n");

    JavaLayers.Result second = build(app, "layers");
    JavaLayers.Result again = build(app, "layers");

    Path folder = tmp.resolve("layers");
    assertThat(layerFiles(folder)).containsExactlyInAnyOrderElementsOf(
        second.layers().stream().map(l -> l.layer().digest().hex() + ".tar.gz").toList());
    assertThat(layerFiles(folder)).doesNotContain(first.layers().get(3).layer().digest().hex() + ".tar.gz");
    assertThat(again.layers()).extracting(l -> l.layer().digest())
        .containsExactlyElementsOf(second.layers().stream().map(l -> l.layer().digest()).toList());
    try (var entries = Files.list(folder.resolve("cache"))) {
      assertThat(entries.count()).as("one cache entry per kept layer").isEqualTo(second.layers().size());
    }
  }

  private static List<String> layerFiles(Path folder) throws IOException {
    try (var files = Files.list(folder)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".tar.gz")).toList();
    }
  }

  @Test
  void theClasspathHasResourcesClassesThenJarsInDependencyOrder() throws IOException {
    JavaLayers.Result result = build(project(tmp.resolve("project")), "layers");

    assertThat(result.classpath())
        .containsExactly(
            "/app/resources",
            "/app/classes",
            "/app/libs/guava-33.0.jar",
            "/app/libs/mylib-1.0-SNAPSHOT.jar",
            "/app/libs/core-1.0.jar",
            "/app/libs/commons-lang3-3.14.0.jar");
  }

  @Test
  void eachLayerHoldsItsFilesWithTheirParentDirectoriesInSortedOrder() throws IOException {
    Map<String, List<String>> names = new LinkedHashMap<>();
    for (NamedLayer layer : build(project(tmp.resolve("project")), "layers").layers()) {
      names.put(layer.name(), entries(layer.layer()).stream().map(TarArchiveEntry::getName).toList());
    }

    assertThat(names)
        .containsEntry("dependencies",
            List.of("app/", "app/libs/", "app/libs/commons-lang3-3.14.0.jar", "app/libs/guava-33.0.jar"))
        .containsEntry("snapshot dependencies", List.of("app/", "app/libs/", "app/libs/mylib-1.0-SNAPSHOT.jar"))
        .containsEntry("project dependencies", List.of("app/", "app/libs/", "app/libs/core-1.0.jar"))
        .containsEntry("resources",
            List.of("app/", "app/resources/", "app/resources/com/", "app/resources/com/example/",
                "app/resources/com/example/app.properties", "app/resources/logback.xml"))
        .containsEntry("classes",
            List.of("app/", "app/classes/", "app/classes/com/", "app/classes/com/example/",
                "app/classes/com/example/App.class"))
        .containsEntry("extra files",
            List.of("etc/", "etc/app/", "etc/app/app.conf", "usr/", "usr/local/", "usr/local/bin/",
                "usr/local/bin/start.sh"));
  }

  @Test
  void entriesAreOwnedByRootWithTheGivenTimeAndFixedModes() throws IOException {
    List<TarArchiveEntry> all = new ArrayList<>();
    for (NamedLayer layer : build(project(tmp.resolve("project")), "layers").layers()) {
      all.addAll(entries(layer.layer()));
    }

    assertThat(all).isNotEmpty().allSatisfy(e -> {
      assertThat(e.getLongUserId()).as("uid of %s", e.getName()).isZero();
      assertThat(e.getLongGroupId()).as("gid of %s", e.getName()).isZero();
      assertThat(e.getUserName()).as("user of %s", e.getName()).isEmpty();
      assertThat(e.getGroupName()).as("group of %s", e.getName()).isEmpty();
      assertThat(e.getModTime().toInstant()).as("mtime of %s", e.getName()).isEqualTo(TIME);
      int expectedMode = e.isDirectory() || e.getName().equals("usr/local/bin/start.sh") ? 0755 : 0644;
      assertThat(e.getMode() & 07777).as("mode of %s", e.getName()).isEqualTo(expectedMode);
      assertThat(e.isDirectory() || e.isFile()).as("%s is a plain file or directory", e.getName()).isTrue();
    });
  }

  @Test
  void filesKeepTheirContent() throws IOException {
    Path root = tmp.resolve("project");
    JavaApplication app = project(root);
    Layer classes = layer(build(app, "layers"), "classes");

    assertThat(contentOf(classes, "app/classes/com/example/App.class"))
        .isEqualTo(Files.readAllBytes(root.resolve("target/classes/com/example/App.class")));
  }

  @Test
  void descriptorsAndDiffIdsDescribeTheStoredLayer() throws IOException {
    Path layerDir = tmp.resolve("layers");
    for (NamedLayer named : build(project(tmp.resolve("project")), "layers").layers()) {
      Layer layer = named.layer();
      Path file = layerDir.resolve(layer.digest().hex() + ".tar.gz");

      assertThat(layer.descriptor().mediaType()).isEqualTo(MediaTypes.OCI_LAYER_GZIP);
      assertThat(file).exists();
      assertThat(layer.descriptor().size()).isEqualTo(Files.size(file));
      try (InputStream in = Files.newInputStream(file)) {
        assertThat(Digest.of(in)).isEqualTo(layer.digest());
      }
      try (InputStream in = new GZIPInputStream(layer.blob().open())) {
        assertThat(Digest.of(in)).as("diff id of %s", named.name()).isEqualTo(layer.diffId());
      }
    }
    try (Stream<Path> files = Files.list(layerDir)) {
      assertThat(files).extracting(p -> p.getFileName().toString()).noneMatch(n -> n.endsWith(".partial"));
    }
  }

  @Test
  void buildingTwiceGivesTheSameLayers() throws IOException {
    JavaApplication app = project(tmp.resolve("project"));

    List<Layer> first = layers(build(app, "first"));
    List<Layer> second = layers(build(app, "second"));

    assertThat(second).extracting(Layer::digest).containsExactlyElementsOf(first.stream().map(Layer::digest).toList());
    assertThat(second).extracting(Layer::diffId).containsExactlyElementsOf(first.stream().map(Layer::diffId).toList());
  }

  @Test
  void aCopyOfTheProjectElsewhereWithOtherFileTimesGivesTheSameLayers() throws IOException {
    Path original = tmp.resolve("project");
    Path copy = tmp.resolve("elsewhere/checkout");
    JavaApplication app = project(original);
    copyTree(original, copy, FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
    JavaApplication copied = new JavaApplication(
        copy.resolve("target/classes"),
        app.dependencies().stream()
            .map(d -> new Dependency(copy.resolve(original.relativize(d.file())), d.groupId(), d.artifactId(),
                d.version(), d.kind()))
            .toList(),
        null,
        copy.resolve("src/main/builder"));

    List<Layer> first = layers(build(app, "first"));
    List<Layer> second = layers(build(copied, "second"));

    assertThat(second).extracting(Layer::digest).containsExactlyElementsOf(first.stream().map(Layer::digest).toList());
    assertThat(second).extracting(Layer::diffId).containsExactlyElementsOf(first.stream().map(Layer::diffId).toList());
  }

  @Test
  void anotherTimeGivesOtherLayers() throws IOException {
    JavaApplication app = project(tmp.resolve("project"));

    Layer at = layer(JavaLayers.build(app, "/app", TIME, tmp.resolve("a")), "classes");
    Layer later = layer(JavaLayers.build(app, "/app", TIME.plusSeconds(1), tmp.resolve("b")), "classes");

    assertThat(later.diffId()).isNotEqualTo(at.diffId());
  }

  @Test
  void jarsWithTheSameFileNameArePrefixedWithTheirGroup() throws IOException {
    Dependency a = new Dependency(TestProjects.jar(tmp.resolve("a/util-1.0.jar"), Map.of(), "a"), "com.a", "util",
        "1.0", RELEASE);
    Dependency b = new Dependency(TestProjects.jar(tmp.resolve("b/util-1.0.jar"), Map.of(), "b"), "com.b", "util",
        "1.0", RELEASE);
    Dependency other = new Dependency(TestProjects.jar(tmp.resolve("c/other-1.0.jar"), Map.of(), "c"), "com.c",
        "other", "1.0", RELEASE);

    JavaLayers.Result result = build(new JavaApplication(null, List.of(a, b, other), null, null), "layers");

    assertThat(result.classpath()).containsExactly("/app/resources", "/app/classes", "/app/libs/com.a-util-1.0.jar",
        "/app/libs/com.b-util-1.0.jar", "/app/libs/other-1.0.jar");
    Layer dependencies = layer(result, "dependencies");
    assertThat(contentOf(dependencies, "app/libs/com.a-util-1.0.jar")).isEqualTo(Files.readAllBytes(a.file()));
    assertThat(contentOf(dependencies, "app/libs/com.b-util-1.0.jar")).isEqualTo(Files.readAllBytes(b.file()));
  }

  @Test
  void jarNamesStayUniqueWhenAGroupPrefixClashesWithAnotherJarsName() throws IOException {
    Dependency g1 = new Dependency(TestProjects.jar(tmp.resolve("g1/util-1.0.jar"), Map.of(), "g1"), "g1", "util",
        "1.0", RELEASE);
    Dependency g2 = new Dependency(TestProjects.jar(tmp.resolve("g2/util-1.0.jar"), Map.of(), "g2"), "g2", "util",
        "1.0", RELEASE);
    Dependency g3 = new Dependency(TestProjects.jar(tmp.resolve("g3/g1-util-1.0.jar"), Map.of(), "g3"), "g3",
        "g1-util", "1.0", RELEASE);
    Dependency again = new Dependency(TestProjects.jar(tmp.resolve("g1b/util-1.0.jar"), Map.of(), "g1b"), "g1",
        "util", "1.0", SNAPSHOT);

    JavaLayers.Result result = build(new JavaApplication(null, List.of(g1, g2, g3, again), null, null), "layers");

    List<String> jars = result.classpath().subList(2, result.classpath().size());
    assertThat(jars).doesNotHaveDuplicates().containsExactly("/app/libs/g1-util-1.0-2.jar",
        "/app/libs/g2-util-1.0.jar", "/app/libs/g1-util-1.0.jar", "/app/libs/g1-util-1.0-3.jar");
    for (Dependency d : List.of(g1, g2, g3, again)) {
      String path = result.jarPaths().get(d.file());
      Layer layer = layer(result, d == again ? "snapshot dependencies" : "dependencies");
      assertThat(contentOf(layer, path.substring(1))).as("%s at %s", d.file(), path)
          .isEqualTo(Files.readAllBytes(d.file()));
    }
    assertThat(result.jarPaths().values()).doesNotHaveDuplicates().hasSize(4);
  }

  @Test
  void linksInTheExtraFolderThatStayInsideItAreKeptAsLinks() throws IOException {
    Path extra = tmp.resolve("project/src/main/builder");
    Files.createDirectories(extra.resolve("opt/app/bin"));
    Files.writeString(extra.resolve("opt/app/bin/start.sh"), "#!/bin/sh\n");
    Files.createDirectories(extra.resolve("usr/local/bin"));
    Files.createSymbolicLink(extra.resolve("usr/local/bin/start"), Path.of("../../../opt/app/bin/start.sh"));
    Files.createSymbolicLink(extra.resolve("opt/current"), Path.of("app"));

    Layer layer = layer(build(new JavaApplication(null, List.of(), null, extra), "layers"), "extra files");

    Map<String, TarArchiveEntry> byName = new LinkedHashMap<>();
    entries(layer).forEach(e -> byName.put(e.getName(), e));
    assertThat(byName.get("usr/local/bin/start").isSymbolicLink()).isTrue();
    assertThat(byName.get("usr/local/bin/start").getLinkName()).isEqualTo("../../../opt/app/bin/start.sh");
    assertThat(byName.get("opt/current").isSymbolicLink()).as("a link to a folder stays a link").isTrue();
    assertThat(byName.get("opt/current").getLinkName()).isEqualTo("app");
    assertThat(byName).doesNotContainKey("opt/current/");
    assertThat(byName.get("opt/current").getModTime().toInstant()).isEqualTo(TIME);
    assertThat(byName.get("opt/current").getLongUserId()).isZero();
  }

  @Test
  void linksGiveTheSameLayerWhereverTheProjectLies() throws IOException {
    List<Layer> layers = new ArrayList<>();
    for (String where : List.of("one", "elsewhere/two")) {
      Path extra = tmp.resolve(where + "/src/main/builder");
      Files.createDirectories(extra.resolve("opt/app"));
      Files.writeString(extra.resolve("opt/app/run.sh"), "#!/bin/sh\n");
      Files.createSymbolicLink(extra.resolve("opt/run"), Path.of("app/run.sh"));
      layers.add(layer(build(new JavaApplication(null, List.of(), null, extra), where + "-layers"), "extra files"));
    }

    assertThat(layers.get(1).digest()).isEqualTo(layers.get(0).digest());
  }

  @Test
  void linksInTheExtraFolderThatLeaveItAreRefusedWithoutReadingTheirTarget() throws IOException {
    Path secret = tmp.resolve("home/.docker/config.json");
    Files.createDirectories(secret.getParent());
    Files.writeString(secret, "{\"auths\":{}}");
    Path extra = tmp.resolve("project/src/main/builder");
    Files.createDirectories(extra.resolve("etc"));

    Path absolute = Files.createSymbolicLink(extra.resolve("etc/config.json"), secret);
    assertThatThrownBy(() -> build(new JavaApplication(null, List.of(), null, extra), "layers"))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining(absolute + " is a symbolic link to " + secret + ", outside " + extra.toRealPath())
        .hasMessageContaining("Put a copy of the file in the folder instead");
    Files.delete(absolute);

    Path relative = Files.createSymbolicLink(extra.resolve("etc/config.json"),
        Path.of("../../../../home/.docker/config.json"));
    assertThatThrownBy(() -> build(new JavaApplication(null, List.of(), null, extra), "layers"))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining(relative + " is a symbolic link to ../../../../home/.docker/config.json, outside");
    Files.delete(relative);

    // inside as written, outside once the link it passes through is followed
    Files.createDirectories(extra.resolve("a/b"));
    Files.createSymbolicLink(extra.resolve("a/b/up"), Path.of("../.."));
    Files.writeString(tmp.resolve("project/src/secret"), "not for the image");
    Path sneaky = Files.createSymbolicLink(extra.resolve("a/sneaky"), Path.of("b/up/../../secret"));
    assertThatThrownBy(() -> build(new JavaApplication(null, List.of(), null, extra), "layers"))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining(sneaky + " is a symbolic link to b/up/../../secret, which leads to "
            + tmp.resolve("project/src/secret").toRealPath() + ", outside");
  }

  @Test
  void aDanglingLinkInTheExtraFolderIsRefused() throws IOException {
    Path extra = tmp.resolve("project/src/main/builder");
    Files.createDirectories(extra.resolve("etc"));
    Path link = Files.createSymbolicLink(extra.resolve("etc/app.conf"), Path.of("app.conf.orig"));

    assertThatThrownBy(() -> build(new JavaApplication(null, List.of(), null, extra), "layers"))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining(link + " is a symbolic link to app.conf.orig, which does not exist.");
  }

  @Test
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aFifoInTheExtraFolderIsRefusedWithoutBeingOpened() throws Exception {
    Path extra = tmp.resolve("project/src/main/builder");
    Files.createDirectories(extra.resolve("run"));
    Path fifo = extra.resolve("run/app.pipe");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor()).isZero();

    assertThatThrownBy(() -> build(new JavaApplication(null, List.of(), null, extra), "layers"))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining(extra.toRealPath().resolve("run/app.pipe") + " is a FIFO (named pipe); an image takes"
            + " only files, folders and links from " + extra.toRealPath() + ". Remove it from there.");
  }

  @Test
  void linksAmongTheResourcesGiveTheirContentOnlyFromInsideTheClassesFolder() throws IOException {
    Path classes = tmp.resolve("project/target/classes");
    Files.createDirectories(classes);
    Files.writeString(classes.resolve("logback.xml"), "<configuration/>\n");
    Files.createSymbolicLink(classes.resolve("logback-test.xml"), Path.of("logback.xml"));
    Layer resources = layer(build(new JavaApplication(classes, List.of(), null, null), "layers"), "resources");
    assertThat(contentOf(resources, "app/resources/logback-test.xml")).isEqualTo("<configuration/>\n".getBytes());

    Path secret = Files.writeString(tmp.resolve("home-config.json"), "{\"auths\":{}}");
    Path link = Files.createSymbolicLink(classes.resolve("config.json"), secret);
    assertThatThrownBy(() -> build(new JavaApplication(classes, List.of(), null, null), "layers"))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining(link + " is a symbolic link to " + secret + ", outside " + classes.toRealPath()
            + ": links there are followed only while they point inside the folder.");
  }

  @Test
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aFifoInTheClassesFolderIsRefusedWithoutBeingOpened() throws Exception {
    Path classes = tmp.resolve("project/target/classes");
    Files.createDirectories(classes);
    Path fifo = classes.resolve("app.pipe");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor()).isZero();

    assertThatThrownBy(() -> build(new JavaApplication(classes, List.of(), null, null), "layers"))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining(fifo + " is a FIFO (named pipe)");
  }

  @Test
  void whiteoutNamesInTheExtraFolderAreRefused() throws IOException {
    Path extra = tmp.resolve("project/src/main/builder");
    Path whiteout = extra.resolve("etc/.wh.passwd");
    Files.createDirectories(whiteout.getParent());
    Files.writeString(whiteout, "");
    assertThatThrownBy(() -> build(new JavaApplication(null, List.of(), null, extra), "layers"))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("would be the image's /etc/.wh.passwd, but a name starting with '.wh.' is a whiteout")
        .hasMessageContaining("Rename it.");
    Files.delete(whiteout);

    Files.createDirectories(extra.resolve("app/.wh..wh..opq"));
    assertThatThrownBy(() -> build(new JavaApplication(null, List.of(), null, extra), "layers"))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("would be the image's /app/.wh..wh..opq");
  }

  @Test
  void emptyLayersAreLeftOut() throws IOException {
    Path classes = tmp.resolve("classes");
    TestProjects.compile(classes, Map.of("com.example.App", TestProjects.classSource("com.example.App", true)));

    JavaLayers.Result result =
        build(new JavaApplication(classes, List.of(), null, tmp.resolve("no-such-folder")), "layers");

    assertThat(result.layers()).extracting(NamedLayer::name).containsExactly("classes");
    assertThat(result.classpath()).containsExactly("/app/resources", "/app/classes");
  }

  @Test
  void aLayerThatCannotBeWrittenLeavesNoPartialFile() throws IOException {
    Dependency missing = new Dependency(tmp.resolve("repo/gone-1.0.jar"), "com.example", "gone", "1.0", RELEASE);
    Path layerDir = tmp.resolve("layers");

    assertThatThrownBy(() -> JavaLayers.build(new JavaApplication(null, List.of(missing), null, null), "/app", TIME,
            layerDir))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("cannot write a layer into " + layerDir);
    try (Stream<Path> files = Files.list(layerDir)) {
      assertThat(files).isEmpty();
    }
  }

  private static List<Layer> layers(JavaLayers.Result result) {
    return result.layers().stream().map(NamedLayer::layer).toList();
  }

  private static Layer layer(JavaLayers.Result result, String name) {
    return result.layers().stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow().layer();
  }

  static List<TarArchiveEntry> entries(Layer layer) throws IOException {
    List<TarArchiveEntry> entries = new ArrayList<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(layer.blob().open()))) {
      for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
        entries.add(e);
      }
    }
    return entries;
  }

  private static byte[] contentOf(Layer layer, String name) throws IOException {
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(layer.blob().open()))) {
      for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
        if (e.getName().equals(name)) {
          return tar.readAllBytes();
        }
      }
    }
    throw new AssertionError(name + " is not in the layer");
  }

  private static void copyTree(Path from, Path to, FileTime time) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path source : walk.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
          Files.setLastModifiedTime(target, time);
        }
      }
    }
  }
}
