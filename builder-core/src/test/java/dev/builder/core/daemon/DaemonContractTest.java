package dev.builder.core.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builder.core.BuildListener;
import dev.builder.core.BuilderException;
import dev.builder.core.TestImages;
import dev.builder.core.assembly.BaseImages;
import dev.builder.core.daemon.DaemonSink.LoadResult;
import dev.builder.core.image.ConfigFile;
import dev.builder.core.image.Digest;
import dev.builder.core.image.Image;
import dev.builder.core.image.ImageSource.ResolvedImage;
import dev.builder.core.image.Platform;
import dev.builder.testing.PodmanExtension;
import dev.builder.testing.PodmanService;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads images into a real Docker-API daemon (Podman's service) and reads them back, checking what the daemon holds
 * with its own API ({@code GET /images/NAME/json}, through curl) rather than with builder's client.
 */
@Tag("podman")
@ExtendWith(PodmanExtension.class)
class DaemonContractTest {
  @TempDir Path tmp;
  private final List<String> log = new ArrayList<>();
  private final BuildListener listener = new BuildListener() {
    @Override
    public void info(String message) {
      log.add(message);
    }

    @Override
    public void warn(String message) {
      log.add("WARN " + message);
    }
  };

  private static DaemonLocator at(PodmanService podman) {
    return new DaemonLocator(podman.dockerHost(), List.of());
  }

  private static List<String> diffIds(Image image) {
    return image.config().diffIds().stream().map(Digest::toString).toList();
  }

  @Test
  void loadsTheImageUnderEveryTagAndTheDaemonDescribesItAsOurs(PodmanService podman) {
    Image image = TestImages.small(tmp.resolve("work"), "hello\n");

    LoadResult result = new DaemonSink(at(podman).connect(), listener).load(List.of(image), "builder-test/app",
        List.of("1.0", "latest"), List.of());

    JsonNode inspect = podman.get("/images/builder-test/app:1.0/json");
    assertThat(inspect.get("Id").asText()).isEqualTo(image.manifest().config().digest().toString())
        .isEqualTo(result.imageId());
    assertThat(inspect.get("RepoTags")).extracting(JsonNode::asText)
        .containsExactlyInAnyOrder("localhost/builder-test/app:1.0", "localhost/builder-test/app:latest");
    assertThat(inspect.at("/Config/Entrypoint")).extracting(JsonNode::asText).containsExactly("/bin/sh", "-c");
    assertThat(inspect.at("/Config/Cmd")).extracting(JsonNode::asText).containsExactly("cat /app/resources/hello.txt");
    assertThat(inspect.at("/Config/User").asText()).isEqualTo("65532");
    assertThat(inspect.at("/Config/WorkingDir").asText()).isEqualTo("/app");
    assertThat(inspect.at("/RootFS/Layers")).extracting(JsonNode::asText).containsExactlyElementsOf(diffIds(image));
    assertThat(podman.get("/images/builder-test/app:latest/json").get("Id")).isEqualTo(inspect.get("Id"));
    assertThat(result.references()).containsExactly("builder-test/app:1.0", "builder-test/app:latest");
    assertThat(result.layersSent()).isEqualTo(1);
    assertThat(result.layersLeftOut()).isZero();
    assertThat(result.bytesSent()).isGreaterThan(image.layers().get(0).descriptor().size());
    assertThat(result.platform()).isEqualTo(Platform.LINUX_AMD64);
  }

  @Test
  void anImageTheDaemonHoldsIsNotSentAgainAndOnlyTheMissingTagsAreAdded(PodmanService podman) {
    Image image = TestImages.small(tmp.resolve("work"), "again\n");
    DaemonSink sink = new DaemonSink(at(podman).connect(), listener);
    sink.load(List.of(image), "builder-test/again", List.of("1.0"), List.of());

    LoadResult second = sink.load(List.of(image), "builder-test/again", List.of("1.0", "extra"), List.of());
    LoadResult third = sink.load(List.of(image), "builder-test/again", List.of("1.0", "extra"), List.of());

    assertThat(second.layersSent()).isZero();
    assertThat(second.layersLeftOut()).isEqualTo(1);
    assertThat(second.bytesSent()).isBetween(1L, 16 * 1024L); // names, config and manifest: a few kilobytes
    assertThat(third.bytesSent()).isZero();
    assertThat(log).contains("the daemon at " + podman.dockerHost() + " already holds the image; it gets the name"
        + " builder-test/again:extra and no layer");
    assertThat(log).contains("the daemon at " + podman.dockerHost() + " already holds " + third.imageId()
        + " under every tag; nothing sent");
    JsonNode extra = podman.get("/images/builder-test/again:extra/json");
    assertThat(extra.get("Id").asText()).isEqualTo(image.manifest().config().digest().toString());
    // named as a load names it, so that a short name finds this image and not an older one under another prefix
    assertThat(extra.get("RepoTags")).extracting(JsonNode::asText)
        .containsExactlyInAnyOrder("localhost/builder-test/again:1.0", "localhost/builder-test/again:extra");
  }

  @Test
  void aChangedImageGoesWithoutTheLeadingLayersTheDaemonAlreadyHas(PodmanService podman) {
    Image first = TestImages.small(tmp.resolve("one"), "first\n");
    DaemonSink sink = new DaemonSink(at(podman).connect(), listener);
    sink.load(List.of(first), "builder-test/changed", List.of("1.0"), List.of());
    Image second = TestImages.on(first.layers(), tmp.resolve("two"), "second\n");

    LoadResult result = sink.load(List.of(second), "builder-test/changed", List.of("1.0"), List.of());

    assertThat(result.layersLeftOut()).isEqualTo(1);
    assertThat(result.layersSent()).isEqualTo(1);
    assertThat(result.bytesSent()).isLessThan(first.layers().get(0).descriptor().size() + 10 * 1024);
    assertThat(log)
        .anyMatch(line -> line.startsWith("sent 1 of 2 layers") && line.endsWith("it already had the first 1"));
    JsonNode inspect = podman.get("/images/builder-test/changed:1.0/json");
    assertThat(inspect.get("Id").asText()).isEqualTo(second.manifest().config().digest().toString());
    assertThat(inspect.at("/RootFS/Layers")).extracting(JsonNode::asText).containsExactlyElementsOf(diffIds(second));
    // the daemon really holds the layer it was not sent: its own export of the image has it, byte for byte
    ResolvedImage back = new DaemonSource(at(podman), "builder-test/changed:1.0", tmp.resolve("cache"), "back")
        .resolve(Platform.LINUX_AMD64);
    assertThat(back.image().config().diffIds()).isEqualTo(second.config().diffIds());
  }

  @Test
  void aDockerBaseIsReadFromTheDaemonAndAnImageBuiltOnItLoadsWithoutTheBaseLayer(PodmanService podman) {
    Image base = TestImages.small(tmp.resolve("base"), "base\n");
    DaemonSink sink = new DaemonSink(at(podman).connect(), listener);
    sink.load(List.of(base), "builder-test/base", List.of("17"), List.of());

    ResolvedImage read = BaseImages.open("docker://builder-test/base:17", tmp, null, null, tmp.resolve("cache"),
        at(podman)).resolve(Platform.LINUX_AMD64);

    assertThat(read.name()).isEqualTo("docker://builder-test/base:17");
    assertThat(read.image().configBytes()).isEqualTo(base.configBytes());
    assertThat(read.image().config().diffIds()).isEqualTo(base.config().diffIds());
    Image app = TestImages.on(read.image().layers(), tmp.resolve("app"), "app\n");
    LoadResult loaded = sink.load(List.of(app), "builder-test/on-base", List.of("1"),
        BaseImages.nameInDaemon("docker://builder-test/base:17").stream().toList());
    assertThat(loaded.layersLeftOut()).isEqualTo(1);
    assertThat(podman.get("/images/builder-test/on-base:1/json").at("/RootFS/Layers")).extracting(JsonNode::asText)
        .containsExactlyElementsOf(diffIds(app));
  }

  @Test
  void theDaemonsExportIsReadOncePerImageId(PodmanService podman) {
    Image base = TestImages.small(tmp.resolve("base"), "cached\n");
    new DaemonSink(at(podman).connect(), listener).load(List.of(base), "builder-test/cached", List.of("1"), List.of());
    DaemonSource source = new DaemonSource(at(podman), "builder-test/cached:1", tmp.resolve("cache"), "docker");
    source.resolve(Platform.LINUX_AMD64);

    Path unpacked = tmp.resolve("cache/daemon").resolve(base.manifest().config().digest().hex());
    assertThat(unpacked.resolve("manifest.json")).exists();
    assertThat(source.resolve(Platform.LINUX_AMD64).image().configBytes()).isEqualTo(base.configBytes());
  }

  @Test
  void aMultiPlatformBuildLoadsTheImageForTheDaemonsPlatform(PodmanService podman) {
    Image amd64 = TestImages.small(tmp.resolve("amd64"), "multi\n");
    Image arm64 = onPlatform(amd64, new Platform("linux", "arm64", null));

    LoadResult result = new DaemonSink(at(podman).connect(), listener)
        .load(List.of(arm64, amd64), "builder-test/multi", List.of("1"), List.of());

    assertThat(result.platform()).isEqualTo(Platform.LINUX_AMD64);
    assertThat(podman.get("/images/builder-test/multi:1/json").get("Id").asText())
        .isEqualTo(amd64.manifest().config().digest().toString());
    assertThat(log).anyMatch(line -> line.startsWith("multi-platform build (linux/arm64, linux/amd64): loading"
        + " linux/amd64, the platform of the daemon at " + podman.dockerHost()));
  }

  @Test
  void aMultiPlatformBuildWithoutTheDaemonsPlatformIsAnError(PodmanService podman) {
    Image amd64 = TestImages.small(tmp.resolve("amd64"), "none\n");
    List<Image> images = List.of(onPlatform(amd64, new Platform("linux", "arm64", null)),
        onPlatform(amd64, new Platform("linux", "arm", "v7")));

    DaemonSink sink = new DaemonSink(at(podman).connect(), listener);

    assertThatThrownBy(() -> sink.load(images, "builder-test/none", List.of("1"), List.of()))
        .isInstanceOf(BuilderException.class)
        .hasMessage("the daemon at " + podman.dockerHost() + " runs linux/amd64, and this build made images for"
            + " linux/arm64, linux/arm/v7 only. Add linux/amd64 to the platforms, or load into a daemon of one of"
            + " those.");
    assertThat(podman.status("/images/builder-test/none:1/json")).isEqualTo(404);
  }

  @Test
  void aBaseTheDaemonLacksIsAnErrorThatSaysHowToGetIt(PodmanService podman) {
    DaemonSource source = new DaemonSource(at(podman), "builder-test/absent:1", tmp.resolve("cache"),
        "docker://builder-test/absent:1");

    assertThatThrownBy(() -> source.resolve(Platform.LINUX_AMD64))
        .isInstanceOf(BuilderException.class)
        .hasMessage("docker://builder-test/absent:1: the daemon at " + podman.dockerHost() + " has no image"
            + " builder-test/absent:1. Pull or build it there first (docker pull builder-test/absent:1), or check the"
            + " name with docker images.");
  }

  @Test
  void theDaemonsVersionNamesItsPlatformAndProduct(PodmanService podman) {
    DockerEngine.Version version = at(podman).connect().version();

    assertThat(version.platform()).isEqualTo(Platform.LINUX_AMD64);
    assertThat(version.product()).isEqualTo("Podman Engine");
    assertThat(version.apiVersion()).isEqualTo(podman.get("/version").get("ApiVersion").asText());
  }

  private static Image onPlatform(Image image, Platform platform) {
    ConfigFile c = image.config();
    return Image.of(new ConfigFile(platform, c.created(), c.config(), List.of(), c.history()), image.layers(),
        Map.of());
  }
}
