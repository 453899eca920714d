package dev.builder.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.builder.core.BuildListener;
import dev.builder.core.BuilderException;
import dev.builder.core.TestImages;
import dev.builder.core.cache.BlobCache;
import dev.builder.core.image.Digest;
import dev.builder.core.image.Image;
import dev.builder.core.image.Layer;
import dev.builder.core.image.Platform;
import dev.builder.core.image.Written;
import dev.builder.testing.FaultPlan;
import dev.builder.testing.FaultPlan.Fault;
import dev.builder.testing.FaultProxy;
import dev.builder.testing.RegistryExtension;
import dev.builder.testing.RegistryServer;
import dev.builder.testing.SilentServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pushes and pulls through {@link FaultProxy} in front of a real registry: each push either lands whole, checked
 * digest by digest straight from the registry, or fails with every tag where it was.
 */
@Tag("registry")
@ExtendWith(RegistryExtension.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RegistryFaultTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(1);
  private static final RetryPolicy RETRIES = new RetryPolicy(6, Duration.ofMillis(20), Duration.ofSeconds(60));

  private static final AtomicInteger FAULTS = new AtomicInteger();

  @TempDir Path tmp;
  private FaultProxy proxy;
  private Registries viaProxy;
  private Registries direct;
  private String registryHost;

  @BeforeEach
  void start(RegistryServer registry) throws IOException {
    registryHost = registry.host();
    proxy = FaultProxy.start(registry, TIMEOUT.multipliedBy(3));
    viaProxy = new Registries(BuildListener.SILENT,
        RegistryOptions.anonymous().withTimeout(TIMEOUT).withRetry(RETRIES));
    direct = new Registries(BuildListener.SILENT, CredentialSource.ANONYMOUS, false);
  }

  @AfterEach
  void stop() throws IOException {
    FAULTS.addAndGet(proxy.faultCount());
    viaProxy.close();
    direct.close();
    proxy.close();
  }

  @AfterAll
  static void report() {
    System.out.println("RegistryFaultTest: " + FAULTS.get() + " faults injected");
  }

  private Written pushViaProxy(Image image, String repository, String... tags) {
    return new RegistrySink(viaProxy, BuildListener.SILENT)
        .push(image, ImageName.parse(proxy.host() + "/" + repository), List.of(tags));
  }

  private Written pushDirect(Image image, String repository, String... tags) {
    return new RegistrySink(direct, BuildListener.SILENT)
        .push(image, ImageName.parse(registryHost + "/" + repository), List.of(tags));
  }

  private Digest tagged(String repository, String tag) {
    return direct.forPull(ImageName.parse(registryHost + "/" + repository)).pullManifest(tag).digest();
  }

  /** The image as the registry itself serves it equals {@code image}: manifest, config and every layer's bytes. */
  private void assertLandedWhole(Image image, String repository, String tag) throws IOException {
    Image pulled = new RegistrySource(direct, new BlobCache(tmp.resolve("pull-" + repository)),
        ImageName.parse(registryHost + "/" + repository + ":" + tag)).resolve(Platform.LINUX_AMD64).image();
    assertThat(pulled.digest()).isEqualTo(image.digest());
    assertThat(pulled.manifestBytes()).isEqualTo(image.manifestBytes());
    assertThat(pulled.configBytes()).isEqualTo(image.configBytes());
    assertThat(pulled.layers()).hasSameSizeAs(image.layers());
    for (int i = 0; i < image.layers().size(); i++) {
      Layer layer = pulled.layers().get(i);
      try (InputStream in = layer.blob().open()) {
        assertThat(Digest.of(in)).as("layer %d", i).isEqualTo(image.layers().get(i).digest());
      }
    }
  }

  @Test
  void aRegistryThatNeverAnswersFailsAfterOneTimeoutNamingItAndTheOperation() throws IOException {
    try (SilentServer dead = SilentServer.start()) {
      ImageName base = ImageName.parse(dead.host() + "/base:1");
      assertThatThrownBy(() -> new RegistrySource(viaProxy, new BlobCache(tmp), base).resolve(Platform.LINUX_AMD64))
          .isInstanceOf(BuilderException.class)
          .hasMessageContaining("cannot pull base image " + dead.host() + "/base:1 (authenticate): registry "
              + dead.host() + " did not answer within 1 s");
      assertThat(dead.connections()).as("one try: neither jib nor builder waits for it again").isEqualTo(1);

      Image image = TestImages.small(tmp.resolve("work"), "dead\n");
      assertThatThrownBy(() -> new RegistrySink(viaProxy, BuildListener.SILENT)
              .push(image, ImageName.parse(dead.host() + "/app"), List.of("1")))
          .hasMessageContaining("cannot push " + dead.host() + "/app (authenticate): registry " + dead.host()
              + " did not answer within 1 s");
    }
  }

  @Test
  void everyFourthRequestAnswered503StillLandsWhole() throws IOException {
    Image image = TestImages.small(tmp.resolve("work"), "503\n");
    // not every third: an upload is three requests (POST, PATCH, PUT), so every try of it would meet one
    proxy.plan(FaultPlan.everyNth(4, Fault.UNAVAILABLE));

    Written pushed = pushViaProxy(image, "unavailable", "1.0", "latest");

    assertThat(proxy.faults().get(Fault.UNAVAILABLE)).isPositive();
    assertThat(pushed.digest()).isEqualTo(image.digest());
    assertLandedWhole(image, "unavailable", "1.0");
    assertThat(tagged("unavailable", "latest")).isEqualTo(image.digest());
  }

  @Test
  void tooManyRequestsWithRetryAfterStillLandsWhole() throws IOException {
    Image image = TestImages.small(tmp.resolve("work"), "429\n");
    proxy.plan(FaultPlan.everyNth(4, Fault.TOO_MANY_REQUESTS));

    pushViaProxy(image, "throttled", "1.0");

    assertThat(proxy.faults().get(Fault.TOO_MANY_REQUESTS)).isPositive();
    assertLandedWhole(image, "throttled", "1.0");
  }

  @Test
  void uploadsCutMidwayAreStartedOverAndLandWhole() throws IOException {
    Image image = TestImages.small(tmp.resolve("work"), "cut\n".repeat(10_000));
    proxy.plan(FaultPlan.everyNth(2, Fault.CUT_UPLOAD, FaultPlan.Request::isUpload));

    pushViaProxy(image, "cut", "1.0");

    assertThat(proxy.faults().get(Fault.CUT_UPLOAD)).isPositive();
    assertLandedWhole(image, "cut", "1.0");
  }

  @Test
  void answersHeldPastTheTimeoutAreTriedAgainAndLandWhole() throws IOException {
    Image image = TestImages.small(tmp.resolve("work"), "slow\n");
    proxy.plan(FaultPlan.everyNth(4, Fault.DELAY));

    pushViaProxy(image, "slow", "1.0");

    assertThat(proxy.faults().get(Fault.DELAY)).isPositive();
    assertLandedWhole(image, "slow", "1.0");
  }

  @Test
  void builderIsTheOnlyOneThatRetriesAndOnlyFaultsThatMayPass() throws IOException {
    pushDirect(TestImages.small(tmp.resolve("work"), "once\n"), "once", "1.0");
    proxy.plan(FaultPlan.always(Fault.DROP, r -> r.method().equals("GET") && r.target().endsWith("/manifests/1.0")));
    ImageName name = ImageName.parse(proxy.host() + "/once:1.0");

    assertThatThrownBy(() -> new RegistrySource(viaProxy, new BlobCache(tmp), name).resolve(Platform.LINUX_AMD64))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("(tried 6 times in ");
    // The JDK's HTTP client sends a GET once more, at once, when its connection closed before any answer; nothing
    // else beneath builder tries again (jib's Apache client would have tried ten times, with back-off).
    assertThat(requests("GET", "/manifests/1.0")).isEqualTo(2 * RETRIES.maxAttempts());

    proxy.plan(FaultPlan.none());
    assertThatThrownBy(() -> new RegistrySource(viaProxy, new BlobCache(tmp), ImageName.parse(proxy.host()
        + "/once:2.0")).resolve(Platform.LINUX_AMD64)).hasMessageContaining("(HTTP 404)");
    assertThat(requests("GET", "/manifests/2.0")).as("a 404 is final").isEqualTo(1);
  }

  @Test
  void aBuildAsksTheRegistrysApiRootOnceForTheBasesPullAndThePush() {
    Image base = TestImages.small(tmp.resolve("base"), "base\n");
    pushDirect(base, "library/base", "1");

    Image pulled = new RegistrySource(viaProxy, new BlobCache(tmp.resolve("cache")),
        ImageName.parse(proxy.host() + "/library/base:1")).resolve(Platform.LINUX_AMD64).image();
    Written pushed = pushViaProxy(TestImages.on(pulled.layers(), tmp.resolve("app"), "app\n"), "apps/app", "1");

    assertThat(pushed.transfer().mounted()).isEqualTo(base.layers().size());
    assertThat(requests("GET", "/v2/")).as("the registry's challenge is the same for both repositories").isEqualTo(1);
  }

  @Test
  void aPushThatFailsBeforeTheTagsLeavesThemAndARerunSkipsWhatLanded() throws IOException {
    Image v1 = TestImages.small(tmp.resolve("v1"), "v1\n");
    Image v2 = TestImages.small(tmp.resolve("v2"), "v2\n");
    pushDirect(v1, "resume", "1.0", "latest");
    proxy.plan(FaultPlan.always(Fault.SERVER_ERROR,
        r -> r.method().equals("PUT") && r.target().contains("/manifests/")));

    assertThatThrownBy(() -> pushViaProxy(v2, "resume", "1.0", "latest"))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("store the manifest as " + v2.digest());
    assertThat(tagged("resume", "1.0")).isEqualTo(v1.digest());
    assertThat(tagged("resume", "latest")).isEqualTo(v1.digest());

    proxy.plan(FaultPlan.none());
    Written rerun = pushViaProxy(v2, "resume", "1.0", "latest");

    assertThat(rerun.transfer().uploaded()).as("every blob landed the first time").isZero();
    assertThat(rerun.transfer().skipped()).isEqualTo(v2.layers().size() + 1);
    assertLandedWhole(v2, "resume", "latest");
    assertThat(tagged("resume", "1.0")).isEqualTo(v2.digest());
  }

  @Test
  void aPushThatFailsBetweenTagsPointsTheMovedOnesBack() {
    Image v1 = TestImages.small(tmp.resolve("v1"), "v1\n");
    Image v2 = TestImages.small(tmp.resolve("v2"), "v2\n");
    pushDirect(v1, "tags", "1.0", "latest");
    proxy.plan(FaultPlan.first(RETRIES.maxAttempts(), Fault.SERVER_ERROR,
        r -> r.method().equals("PUT") && r.target().endsWith("/manifests/latest")));

    assertThatThrownBy(() -> pushViaProxy(v2, "tags", "1.0", "latest"))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("Tags pointed back at their previous images: 1.0, latest");
    assertThat(tagged("tags", "1.0")).isEqualTo(v1.digest());
    assertThat(tagged("tags", "latest")).isEqualTo(v1.digest());
  }

  @Test
  void parallelPushesOfOneBaseToThreeRepositoriesUploadItOnce() throws Exception {
    Image base = TestImages.small(tmp.resolve("base"), "shared base\n".repeat(1000));
    Digest baseLayer = base.layers().get(0).digest();
    UploadLedger ledger = new UploadLedger();
    ExecutorService threads = Executors.newFixedThreadPool(3);
    try {
      List<Future<Written>> pushes = new ArrayList<>();
      List<Image> apps = new ArrayList<>();
      for (int i = 1; i <= 3; i++) {
        Image app = TestImages.on(base.layers(), tmp.resolve("app" + i), "app " + i + "\n");
        apps.add(app);
        String repository = "load/app" + i;
        pushes.add(threads.submit(() -> new RegistrySink(viaProxy, BuildListener.SILENT, ledger)
            .push(app, ImageName.parse(proxy.host() + "/" + repository), List.of("1.0"))));
      }
      int mounted = 0;
      for (Future<Written> push : pushes) {
        mounted += push.get(2, TimeUnit.MINUTES).transfer().mounted();
      }
      assertThat(commits(baseLayer)).as("uploads of the base layer").isEqualTo(1);
      assertThat(mounted).isEqualTo(2);
      for (int i = 1; i <= 3; i++) {
        assertLandedWhole(apps.get(i - 1), "load/app" + i, "1.0");
      }
    } finally {
      threads.shutdownNow();
    }
  }

  private long requests(String method, String targetEnd) {
    return proxy.exchanges().stream()
        .filter(e -> e.method().equals(method) && e.target().endsWith(targetEnd))
        .count();
  }

  /** Uploads of a blob that the registry accepted: the closing PUT ...?digest=... answered 201. */
  private long commits(Digest digest) {
    return proxy.exchanges().stream()
        .filter(e -> e.method().equals("PUT") && e.status() == 201)
        .filter(e -> e.target().contains("digest=" + digest) || e.target().contains("digest=sha256%3A" + digest.hex()))
        .count();
  }
}
