package dev.builder.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builder.core.BuildListener;
import dev.builder.core.cache.BlobCache;
import dev.builder.core.image.Digest;
import dev.builder.core.image.Image;
import dev.builder.core.image.ImageSource.ResolvedImage;
import dev.builder.core.image.Platform;
import dev.builder.core.layout.OciLayoutSource;
import dev.builder.core.registry.CredentialSource;
import dev.builder.core.registry.ImageName;
import dev.builder.core.registry.Registries;
import dev.builder.core.registry.RegistrySource;
import dev.builder.testing.FaultPlan;
import dev.builder.testing.FaultPlan.Fault;
import dev.builder.testing.FaultProxy;
import dev.builder.testing.RegistryExtension;
import dev.builder.testing.RegistryServer;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real {@code mvn package builder:build builder:push} builds of hello-http through {@link FaultProxy}, placed between
 * the plugin and the real registry. Each push either lands whole, and then the image the registry serves is compared
 * with the build's own OCI layout digest by digest (manifest, config, every layer), or fails with one clear message
 * and both tags where a clean push left them; a re-run then lands, skipping the blobs that made it.
 */
@Tag("maven")
@Tag("registry")
@Tag("root")
@ExtendWith(RegistryExtension.class)
class FaultIT {
  /** Short, so that answers held past it cost seconds; the proxy holds them for longer. */
  private static final String TIMEOUT = "-Dbuilder.registryTimeout=2";
  private static final Duration HOLD = Duration.ofSeconds(5);
  private static final AtomicInteger FAULTS = new AtomicInteger();
  private static final AtomicInteger BUILDS = new AtomicInteger();

  private static String registryHost;
  private static String base;
  private static FaultProxy proxy;
  private static Path project;
  private static Maven maven;

  @BeforeAll
  static void setUp(RegistryServer registry) throws Exception {
    registryHost = registry.host();
    base = Fixtures.pushBase(registry);
    proxy = FaultProxy.start(registry, HOLD);
    project = Maven.sample("hello-http", "faults");
    maven = new Maven(project.getParent());
    // a clean push straight to the registry: the tags that every failed push must leave where they are
    maven.run(project, "package", "builder:push", "-Dbuilder.repository=" + registryHost + "/faults",
        "-Dbuilder.from=" + base, "-Dbuilder.labels=run=clean").succeeded();
  }

  @AfterAll
  static void tearDown() throws Exception {
    proxy.close();
    System.out.println("FaultIT: " + FAULTS.get() + " faults injected into " + BUILDS.get() + " builds");
  }

  static Stream<Arguments> faultsThatPass() {
    return Stream.of(
        Arguments.of("every 4th request answered 503", FaultPlan.everyNth(4, Fault.UNAVAILABLE)),
        // not every 3rd: a blob upload is three requests (POST, PATCH, PUT) and is tried again whole, so every try
        // of it would meet one
        Arguments.of("every 4th request answered 429 with Retry-After: 1",
            FaultPlan.everyNth(4, Fault.TOO_MANY_REQUESTS)),
        Arguments.of("every 2nd upload cut halfway through its body",
            FaultPlan.everyNth(2, Fault.CUT_UPLOAD, FaultPlan.Request::isUpload)),
        Arguments.of("every 6th answer held past the timeout", FaultPlan.everyNth(6, Fault.DELAY)),
        Arguments.of("every 5th request dropped without an answer", FaultPlan.everyNth(5, Fault.DROP)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("faultsThatPass")
  void aPushThroughFaultsThatPassLandsWhole(String what, FaultPlan plan) throws Exception {
    Maven.Result result = pushThrough(plan, what).succeeded();

    assertThat(proxy.faultCount()).as("faults injected").isPositive();
    assertLandedWhole(result);
  }

  static Stream<Arguments> faultsThatLast() {
    return Stream.of(
        // after the first upload, not after a count of requests: builds read and check less and less before they
        // upload, and a registry that dies while the tags move leaves the moved ones moved (see the third row)
        Arguments.of("the registry answers 503 to everything after the first upload",
            FaultPlan.afterFirstUpload(Fault.UNAVAILABLE), "answered HTTP 503", -1),
        Arguments.of("every manifest PUT answered 500",
            FaultPlan.always(Fault.SERVER_ERROR, r -> r.method().equals("PUT") && r.target().contains("/manifests/")),
            "(store the manifest as sha256:", 0),
        Arguments.of("the second tag cannot be moved",
            FaultPlan.always(Fault.SERVER_ERROR,
                r -> r.method().equals("PUT") && r.target().endsWith("/manifests/latest")),
            "Tags pointed back at their previous images: 1.0.0", 0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("faultsThatLast")
  void aPushThroughFaultsThatLastFailsCleanlyAndARerunResumes(String what, FaultPlan plan, String message,
      int uploadsOnRerun) throws Exception {
    String version = Fixtures.digestOf(registryHost + "/faults/hello-http:1.0.0");
    String latest = Fixtures.digestOf(registryHost + "/faults/hello-http:latest");

    Maven.Result failed = pushThrough(plan, what, "-Dbuilder.retries=1").failed();

    assertThat(proxy.faultCount()).as("faults injected").isPositive();
    List<String> errors = failed.output().lines().filter(l -> l.startsWith("[ERROR] Failed to execute goal")).toList();
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0)).contains("builder: ").contains(proxy.host()).contains(message);
    assertThat(Fixtures.digestOf(registryHost + "/faults/hello-http:1.0.0")).isEqualTo(version);
    assertThat(Fixtures.digestOf(registryHost + "/faults/hello-http:latest")).isEqualTo(latest);

    Maven.Result rerun = pushThrough(FaultPlan.none(), what).succeeded();
    assertLandedWhole(rerun);
    if (uploadsOnRerun >= 0) {
      assertThat(Images.imageJson(project).get("transfer").get("uploaded").asInt()).as("blobs uploaded again")
          .isEqualTo(uploadsOnRerun);
    }
  }

  /** Builds and pushes hello-http through the proxy; {@code what} labels the image, so that each row is new. */
  private static Maven.Result pushThrough(FaultPlan plan, String what, String... more) throws Exception {
    proxy.clearLog();
    proxy.plan(plan);
    List<String> args = new ArrayList<>(List.of("package", "builder:build", "builder:push",
        "-Dbuilder.repository=" + proxy.host() + "/faults", "-Dbuilder.from=" + base, TIMEOUT,
        "-Dbuilder.labels=run=" + what.replaceAll("[^a-z0-9]+", "-")));
    args.addAll(List.of(more));
    try {
      return maven.run(project, args.toArray(String[]::new));
    } finally {
      proxy.plan(FaultPlan.none());
      FAULTS.addAndGet(proxy.faultCount());
      BUILDS.incrementAndGet();
      System.out.println("FaultIT: " + what + ": " + proxy.exchanges().size() + " requests, faults " + proxy.faults());
    }
  }

  /**
   * The image both tags name in the registry, read from the registry itself (not through the proxy), is the image
   * the build wrote to target/builder/image: the same manifest bytes, config bytes and layer digests, and every layer
   * the registry serves hashes to its digest.
   */
  private static void assertLandedWhole(Maven.Result result) throws Exception {
    JsonNode json = Images.imageJson(project);
    String digest = json.get("digest").asText();
    assertThat(result.lastPluginLine()).isEqualTo(proxy.host() + "/faults/hello-http@" + digest);
    ResolvedImage built = new OciLayoutSource(project.resolve("target/builder/image"), "latest", "the build's layout")
        .resolve(Platform.LINUX_AMD64);
    assertThat(built.digest().toString()).isEqualTo(digest);
    for (String tag : List.of("1.0.0", "latest")) {
      assertThat(Fixtures.digestOf(registryHost + "/faults/hello-http:" + tag)).as("tag %s", tag).isEqualTo(digest);
    }
    try (Registries registries = new Registries(BuildListener.SILENT, CredentialSource.ANONYMOUS, false)) {
      BlobCache cache = new BlobCache(project.resolve("target/pull-" + digest.substring(7, 19)));
      ImageName name = ImageName.parse(registryHost + "/faults/hello-http@" + digest);
      Image pulled = new RegistrySource(registries, cache, name).resolve(Platform.LINUX_AMD64).image();
      assertThat(pulled.manifestBytes()).isEqualTo(built.image().manifestBytes());
      assertThat(pulled.configBytes()).isEqualTo(built.image().configBytes());
      assertThat(pulled.layers()).hasSameSizeAs(built.image().layers());
      for (int i = 0; i < pulled.layers().size(); i++) {
        try (InputStream in = pulled.layers().get(i).blob().open()) {
          assertThat(Digest.of(in)).as("layer %d as the registry serves it", i)
              .isEqualTo(built.image().layers().get(i).digest());
        }
      }
    }
  }
}
