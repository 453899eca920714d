package dev.builder.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builder.core.image.Digest;
import dev.builder.core.image.Image;
import dev.builder.testing.FaultProxy;
import dev.builder.testing.FaultProxy.Exchange;
import dev.builder.testing.ImageRun;
import dev.builder.testing.RegistryExtension;
import dev.builder.testing.RegistryServer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A reactor of three apps and the library they share, on one base, built with {@code mvn -T 2 package builder:push}
 * through {@link FaultProxy} (passing everything, counting): every image lands whole, the base layer and the shared
 * library's layer cross the network once and are mounted by the other two apps, and the cache holds nothing
 * half-written.
 */
@Tag("maven")
@Tag("registry")
@Tag("root")
@Tag("skopeo")
@ExtendWith(RegistryExtension.class)
class LoadIT {
  private static final List<String> APPS = List.of("app-one", "app-two", "app-three");

  @Test
  void aBaseFromATarballIsUnpackedOnceAndUploadedOnce(RegistryServer registry) throws Exception {
    Path reactor = Maven.sample("load-reactor", "load-tar");
    Path archive = reactor.resolveSibling("load-base.tar");
    Files.deleteIfExists(archive);
    Images.tool("skopeo", "copy", "oci:" + Fixtures.baseLayout() + ":latest", "docker-archive:" + archive);

    Path cache = buildInParallel(registry, reactor, "tar://" + archive, "load-tar");

    try (Stream<Path> unpacked = Files.list(cache.resolve("tarballs"))) {
      assertThat(unpacked).as("the base tarball, unpacked once").hasSize(1);
    }
  }

  @Test
  void aBaseFromARegistryIsDownloadedIntoOneCacheAndUploadedOnce(RegistryServer registry) throws Exception {
    Path reactor = Maven.sample("load-reactor", "load-registry");
    buildInParallel(registry, reactor, Fixtures.pushBase(registry), "load-registry");
  }

  /** Builds and pushes the reactor with -T 2 through a counting proxy, checks it all, and returns the cache. */
  private static Path buildInParallel(RegistryServer registry, Path reactor, String base, String repository)
      throws Exception {
    Path cache = reactor.resolveSibling(reactor.getFileName() + "-cache");
    dev.builder.testing.FileTrees.deleteRecursively(cache);
    try (FaultProxy proxy = FaultProxy.start(registry, Duration.ofSeconds(30))) {
      Maven.Result result = new Maven(reactor.getParent()).run(reactor, "-T", "2", "package", "builder:push",
          "-Dbuilder.repository=" + proxy.host() + "/" + repository, "-Dbuilder.from=" + base).succeeded();

      int uploaded = 0;
      int mounted = 0;
      for (String app : APPS) {
        var json = Images.imageJson(reactor.resolve(app));
        assertThat(json.get("pushed").asBoolean()).as("%s pushed, in:\n%s", app, result.output()).isTrue();
        uploaded += json.get("transfer").get("uploaded").asInt();
        mounted += json.get("transfer").get("mounted").asInt();
      }

      Image first = null;
      for (String app : APPS) {
        Path module = reactor.resolve(app);
        String digest = Images.imageJson(module).get("digest").asText();
        Image pulled = ImageRun.pull(registry.host() + "/" + repository + "/" + app + ":3.0.0",
            module.resolve("target/pull-cache"));
        assertThat(pulled.digest().toString()).as(app).isEqualTo(digest);
        for (var layer : pulled.layers()) {
          try (InputStream in = layer.blob().open()) {
            assertThat(Digest.of(in)).as("%s layer as the registry serves it", app).isEqualTo(layer.digest());
          }
        }
        assertThat(pulled.config().config().entrypoint()).as(app)
            .contains("com.example.load." + app.substring(4) + ".App");
        first = first == null ? pulled : first;
      }
      // the base layer and the shared library's layer (the reactor dependencies) are the same in every app
      Digest baseLayer = first.layers().get(0).digest();
      Digest libraryLayer = first.layers().get(1).digest();
      for (Digest shared : List.of(baseLayer, libraryLayer)) {
        assertThat(commits(proxy, shared)).as("uploads of %s", shared).isEqualTo(1);
        assertThat(mounts(proxy, shared)).as("mounts of %s", shared).isEqualTo(APPS.size() - 1);
      }
      assertThat(mounted).isGreaterThanOrEqualTo(2 * (APPS.size() - 1));
      assertThat(uploaded).as("blobs uploaded by the three pushes").isPositive();

      try (Stream<Path> files = Files.walk(cache)) {
        assertThat(files.map(f -> f.getFileName().toString())).as("half-written files in the cache")
            .noneMatch(f -> f.contains(".partial"));
      }
      assertThat(Images.runAndGet(registry.host() + "/" + repository + "/app-two:3.0.0",
          reactor.resolve("app-two/target/run"))).isEqualTo("Hello, world! (app-two)");
    }
    return cache;
  }

  /** Blob uploads the registry accepted through the proxy: the closing PUT ...&digest=... answered 201. */
  private static long commits(FaultProxy proxy, Digest digest) {
    return proxy.exchanges().stream().filter(e -> isCommit(e, digest.hex())).count();
  }

  private static boolean isCommit(Exchange e, String hex) {
    return e.method().equals("PUT") && e.target().contains("/blobs/uploads/") && e.status() == 201
        && (e.target().contains("digest=sha256:" + hex) || e.target().contains("digest=sha256%3A" + hex));
  }

  /** Cross-repository mounts the registry performed: POST ...?mount=DIGEST&from=... answered 201. */
  private static long mounts(FaultProxy proxy, Digest digest) {
    return proxy.exchanges().stream()
        .filter(e -> e.method().equals("POST") && e.status() == 201)
        .filter(e -> e.target().contains("mount=sha256:" + digest.hex())
            || e.target().contains("mount=sha256%3A" + digest.hex()))
        .count();
  }
}
