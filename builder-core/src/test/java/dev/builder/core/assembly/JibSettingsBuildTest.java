package dev.builder.core.assembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.builder.core.BuildListener;
import dev.builder.core.BuilderException;
import dev.builder.core.daemon.DaemonLocator;
import dev.builder.core.image.ConfigFile;
import dev.builder.core.image.ContainerConfig;
import dev.builder.core.image.Descriptor;
import dev.builder.core.image.Image;
import dev.builder.core.image.ImageFormat;
import dev.builder.core.image.ImageIndex;
import dev.builder.core.image.Layer;
import dev.builder.core.image.LayerCompression;
import dev.builder.core.image.MediaTypes;
import dev.builder.core.image.Platform;
import dev.builder.core.java.JavaApplication;
import dev.builder.core.layout.OciLayoutSink;
import dev.builder.core.layout.OciLayoutSource;
import dev.builder.core.policy.ImagePolicy;
import dev.builder.core.registry.CredentialSource;
import dev.builder.core.registry.Registries;
import dev.builder.core.tarball.TarballSink;
import dev.builder.testing.BaseImageFixture;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a Jib POM asks of a build: Docker's format, an inherited entrypoint, another app root, set times. */
class JibSettingsBuildTest {
  private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
  private static final Platform ARM64 = new Platform("linux", "arm64", "v8");

  @TempDir Path tmp;
  private Registries registries;

  @BeforeEach
  void open() {
    registries = new Registries(BuildListener.SILENT, CredentialSource.ANONYMOUS, false);
  }

  @AfterEach
  void close() {
    registries.close();
  }

  private static Image base(Platform platform, List<String> entrypoint, List<String> cmd) throws IOException {
    ContainerConfig container = new ContainerConfig("999:999", List.of("PATH=/bin"), entrypoint, cmd,
        "/var/lib/server", null, null, null, null);
    ConfigFile config = new ConfigFile(platform, Instant.EPOCH, container, List.of(), List.of());
    return Image.of(config, List.of(BaseImageFixture.fileLayer("etc/platform", platform.architecture())),
        Map.of("org.example.base", "yes"));
  }

  private void layout(String name, Image... images) throws IOException {
    Path layout = tmp.resolve("project").resolve(name);
    if (images.length == 1) {
      new OciLayoutSink(layout).write(images[0], List.of("latest"));
    } else {
      new OciLayoutSink(layout).write(ImageIndex.of(List.of(images), Map.of()), List.of("latest"));
    }
  }

  private BuildRequest request(String base, String platforms, List<String> entrypoint, List<String> args,
      ImageSettings image) throws IOException {
    Path classes = Files.createDirectories(tmp.resolve("project/target/classes"));
    Files.writeString(classes.resolve("app.properties"), "greeting=hi\n");
    if (!Files.exists(classes.resolve("com/example/Main.class"))) {
      Path source = Files.createDirectories(tmp.resolve("src")).resolve("Main.java");
      Files.writeString(source, "package com.example; public class Main { public static void main(String[] a) {} }");
      assertThat(javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "17", "-d",
          classes.toString(), source.toString())).isZero();
    }
    return new BuildRequest(base, Map.of(), 17, PlatformSelection.parse(platforms), tmp.resolve("project"),
        new JavaApplication(classes, List.of(), null, null), "com.example.Main",
        new ContainerSettings(List.of(), args, entrypoint, Map.of(), Map.of("team", "shop"), List.of(), List.of(),
            null, null),
        null, Map.of("org.example.team", "shop"), CREATED, tmp.resolve("project/target/builder"), tmp.resolve("cache"),
        new ImagePolicy(List.of(), false, List.of(), List.of(), false), BuildListener.SILENT, null, image);
  }

  private BuiltImages build(BuildRequest request) {
    return new ImageBuilder(registries, DaemonLocator.of(null, null)).build(request).orElseThrow();
  }

  @Test
  void dockerFormatWritesDockerTypesThroughoutAndNoAnnotations() throws IOException {
    layout("multi", base(Platform.LINUX_AMD64, List.of(), List.of()), base(ARM64, List.of(), List.of()));

    BuiltImages built = build(request("oci-layout://multi", "linux/amd64,linux/arm64", List.of(), List.of(),
        new ImageSettings(ImageFormat.DOCKER, null, null)));

    ImageIndex index = built.index().orElseThrow();
    assertThat(index.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST_LIST);
    assertThat(index.index().annotations()).isEmpty();
    assertThat(new String(index.bytes(), StandardCharsets.UTF_8)).doesNotContain("annotations");
    assertThat(index.index().manifests()).extracting(Descriptor::mediaType).containsOnly(MediaTypes.DOCKER_MANIFEST);
    for (BuiltImage each : built.images()) {
      Image image = each.image();
      assertThat(image.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
      assertThat(image.manifest().config().mediaType()).isEqualTo(MediaTypes.DOCKER_CONFIG);
      assertThat(image.manifest().layers()).extracting(Descriptor::mediaType)
          .as("the base's plain OCI layer too").containsExactly(MediaTypes.DOCKER_LAYER,
              MediaTypes.DOCKER_LAYER_GZIP, MediaTypes.DOCKER_LAYER_GZIP);
      assertThat(new String(image.manifestBytes(), StandardCharsets.UTF_8)).doesNotContain("annotations");
      assertThat(image.config().config().labels()).containsEntry("team", "shop");
    }

    // the other sinks keep the types as they are
    Path layout = tmp.resolve("out-layout");
    new OciLayoutSink(layout).write(index, List.of("latest"));
    Image read = new OciLayoutSource(layout, "latest", "out").resolve(ARM64).image();
    assertThat(read.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
    assertThat(read.digest()).isEqualTo(built.images().get(1).image().digest());
    Path tarball = tmp.resolve("image.tar");
    new TarballSink(tarball).write(built.images().get(0).image(), List.of("shop:1"));
    assertThat(Files.size(tarball)).isPositive();
  }

  @Test
  void ociStaysTheDefault() throws IOException {
    layout("single", base(Platform.LINUX_AMD64, List.of(), List.of()));

    Image image = build(request("oci-layout://single", "linux/amd64", List.of(), List.of(), null)).images().get(0)
        .image();

    assertThat(image.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
    assertThat(image.manifest().config().mediaType()).isEqualTo(MediaTypes.OCI_CONFIG);
    assertThat(image.manifest().annotations()).containsEntry("org.example.team", "shop");
    assertThat(image.layers()).extracting(l -> l.descriptor().mediaType()).containsExactly(MediaTypes.OCI_LAYER,
        MediaTypes.OCI_LAYER_GZIP, MediaTypes.OCI_LAYER_GZIP);
    assertThat(image.config().config().workingDir()).isEqualTo("/app");
    assertThat(names(image)).noneMatch(n -> n.contains("builder-classpath-file"));
  }

  @Test
  void inheritKeepsTheBasesLaunchAndWritesTheLaunchFilesUnderTheAppRoot() throws IOException {
    layout("server", base(Platform.LINUX_AMD64, List.of("/docker-entrypoint.sh"), List.of("serve")));
    Instant files = Instant.parse("2020-02-02T02:02:02Z");

    Image image = build(request("oci-layout://server", "linux/amd64", List.of("INHERIT"), List.of(),
        new ImageSettings(ImageFormat.OCI, "/srv/app/", files))).images().get(0).image();

    ContainerConfig config = image.config().config();
    assertThat(config.entrypoint()).containsExactly("/docker-entrypoint.sh");
    assertThat(config.cmd()).containsExactly("serve");
    assertThat(config.user()).as("the base's user, not root").isEqualTo("999:999");
    assertThat(config.workingDir()).isEqualTo("/var/lib/server");
    assertThat(image.config().created()).isEqualTo(CREATED);
    Map<String, TarArchiveEntry> launch = entries(image.layers().get(image.layers().size() - 1));
    assertThat(launch).containsKeys("srv/app/builder-classpath-file", "srv/app/builder-main-class-file");
    assertThat(launch.get("srv/app/builder-classpath-file").getModTime().toInstant()).isEqualTo(files);
    assertThat(content(image.layers().get(image.layers().size() - 1), "srv/app/builder-classpath-file"))
        .isEqualTo("/srv/app/resources:/srv/app/classes");
    assertThat(names(image)).contains("srv/app/classes/com/example/Main.class");
    assertThat(content(image.layers().get(image.layers().size() - 1), "srv/app/builder-main-class-file"))
        .isEqualTo("com.example.Main");
    assertThat(names(image)).contains("srv/app/resources/app.properties");

    Image withArgs = build(request("oci-layout://server", "linux/amd64", List.of("INHERIT"), List.of("--port=1"),
        new ImageSettings(ImageFormat.OCI, "/srv/app/", files))).images().get(0).image();
    assertThat(withArgs.config().config().cmd()).as("args replace the base's command").containsExactly("--port=1");
  }

  @Test
  void inheritOnABaseWithoutEntrypointOrCommandIsAnError() throws IOException {
    layout("bare", base(Platform.LINUX_AMD64, List.of(), List.of()));

    assertThatThrownBy(() -> build(request("oci-layout://bare", "linux/amd64", List.of("INHERIT"), List.of(), null)))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("INHERIT")
        .hasMessageContaining("oci-layout://bare has neither");
  }

  @Test
  void badSettingsAreClearErrors() {
    assertThatThrownBy(() -> ImageFormat.parse("v2s2")).isInstanceOf(BuilderException.class)
        .hasMessageContaining("format 'v2s2'");
    assertThat(ImageFormat.parse("Docker")).isEqualTo(ImageFormat.DOCKER);
    assertThat(ImageFormat.parse("OCI")).isEqualTo(ImageFormat.OCI);
    assertThat(ImageFormat.parse(null)).isEqualTo(ImageFormat.OCI);
    assertThatThrownBy(() -> new ImageSettings(null, "app", null)).isInstanceOf(BuilderException.class)
        .hasMessageContaining("appRoot");
    assertThat(ImageSettings.packaged("Packaged")).isTrue();
    assertThat(ImageSettings.packaged(null)).isFalse();
    assertThat(ImageSettings.packaged("exploded")).isFalse();
    assertThatThrownBy(() -> ImageSettings.packaged("jar")).isInstanceOf(BuilderException.class)
        .hasMessageContaining("containerizingMode 'jar' is unknown");
  }

  @Test
  void timesAreReadAsJibReadsThem() {
    Clock clock = Clock.fixed(Instant.parse("2030-03-03T03:03:03Z"), ZoneOffset.UTC);
    Instant rule = Instant.parse("2024-01-01T00:00:00Z");
    assertThat(ImageTimes.parse(null, "creationTime", rule, clock)).isEqualTo(rule);
    assertThat(ImageTimes.parse("EPOCH", "creationTime", rule, clock)).isEqualTo(Instant.EPOCH);
    assertThat(ImageTimes.parse("EPOCH_PLUS_SECOND", "x", rule, clock)).isEqualTo(Instant.ofEpochSecond(1));
    assertThat(ImageTimes.parse("USE_CURRENT_TIMESTAMP", "x", rule, clock)).isEqualTo(clock.instant());
    assertThat(ImageTimes.parse("2019-07-15T10:15:30+09:00", "x", rule, clock))
        .isEqualTo(Instant.parse("2019-07-15T01:15:30Z"));
    assertThat(ImageTimes.parse("2011-12-03T22:42:05Z", "x", rule, clock))
        .isEqualTo(Instant.parse("2011-12-03T22:42:05Z"));
    assertThatThrownBy(() -> ImageTimes.parse("yesterday", "creationTime", rule, clock))
        .isInstanceOf(BuilderException.class).hasMessageContaining("creationTime is 'yesterday'");
  }

  private static Map<String, TarArchiveEntry> entries(Layer layer) throws IOException {
    Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
    try (InputStream in = layer.blob().open();
        TarArchiveInputStream tar = new TarArchiveInputStream(LayerCompression.ofMediaType(layer.descriptor().mediaType()).decompress(in))) {
      for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
        entries.put(e.getName(), e);
      }
    }
    return entries;
  }

  private static String content(Layer layer, String name) throws IOException {
    try (InputStream in = layer.blob().open();
        TarArchiveInputStream tar = new TarArchiveInputStream(LayerCompression.ofMediaType(layer.descriptor().mediaType()).decompress(in))) {
      for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
        if (e.getName().equals(name)) {
          return new String(tar.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    }
    return null;
  }

  private static List<String> names(Image image) throws IOException {
    List<String> names = new java.util.ArrayList<>();
    for (Layer layer : image.layers()) {
      names.addAll(entries(layer).keySet());
    }
    return names;
  }
}
