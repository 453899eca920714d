package dev.builder.core.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.builder.core.BuildListener;
import dev.builder.core.TestImages;
import dev.builder.core.cache.BlobCache;
import dev.builder.core.daemon.DaemonLocator;
import dev.builder.core.image.Image;
import dev.builder.core.image.ImageSource.ResolvedImage;
import dev.builder.core.image.Layer;
import dev.builder.core.image.Platform;
import dev.builder.core.java.JavaApplication;
import dev.builder.core.policy.ImagePolicy;
import dev.builder.core.registry.CredentialSource;
import dev.builder.core.registry.Credentials;
import dev.builder.core.registry.ImageName;
import dev.builder.core.registry.PlainHttpMemory;
import dev.builder.core.registry.Registries;
import dev.builder.core.registry.RegistryMirrors;
import dev.builder.core.registry.RegistryOptions;
import dev.builder.core.registry.RegistrySink;
import dev.builder.core.registry.RegistrySource;
import dev.builder.testing.RecordingListener;
import dev.builder.testing.RegistryExtension;
import dev.builder.testing.RegistryServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base images pulled through registry mirrors: two real registries on loopback, the base's own (from the extension)
 * and a mirror, and a port where nothing listens for a mirror that is down.
 */
@Tag("registry")
@ExtendWith(RegistryExtension.class)
class BaseImageMirrorTest {
  private static RegistryServer mirror;

  @TempDir Path tmp;
  private final RecordingListener listener = new RecordingListener();
  private String registry;
  private String down;

  @BeforeAll
  static void startMirror() throws IOException, InterruptedException {
    mirror = RegistryServer.start();
  }

  @AfterAll
  static void stopMirror() {
    mirror.close();
  }

  @BeforeEach
  void hosts(RegistryServer real) throws IOException {
    registry = real.host();
    try (ServerSocket socket = new ServerSocket(0)) {
      down = "127.0.0.1:" + socket.getLocalPort();
    }
  }

  private Registries registries(CredentialSource credentials, String... mirrors) {
    RegistryMirrors mirrored = RegistryMirrors.of(
        List.of(new RegistryMirrors.Given(registry, List.of(mirrors))), "registryMirrors");
    return new Registries(listener,
        new RegistryOptions(credentials, credentials, List.of(), false).withMirrors(mirrored));
  }

  private Registries registries(String... mirrors) {
    return registries(CredentialSource.ANONYMOUS, mirrors);
  }

  /** Pushes a small image of its own to {@code reference}, with no mirrors. */
  private Image push(String reference, String text, CredentialSource credentials) {
    Image image = TestImages.small(tmp.resolve("push-" + text), text);
    ImageName name = ImageName.parse(reference);
    try (Registries plain = new Registries(BuildListener.SILENT, credentials, false)) {
      new RegistrySink(plain, BuildListener.SILENT).push(image, name, List.of(name.tag()));
    }
    return image;
  }

  private Image push(String reference, String text) {
    return push(reference, text, CredentialSource.ANONYMOUS);
  }

  private ResolvedImage pull(Registries registries, String reference) {
    return new RegistrySource(registries, new BlobCache(tmp.resolve("cache")), ImageName.parse(reference))
        .resolve(Platform.LINUX_AMD64);
  }

  private List<String> infos() {
    return listener.lines.stream().filter(l -> l.startsWith("INFO base image")).toList();
  }

  @Test
  void aBaseOnlyOnTheMirrorIsPulledFromItAndTheImageKeepsTheBaseRealName() throws IOException {
    Image base = push(mirror.host() + "/mirrored/java:17", "mirrored");
    String name = registry + "/mirrored/java:17"; // the base's own registry does not have it

    BuiltImages built;
    try (Registries registries = registries(mirror.host())) {
      built = new ImageBuilder(registries, DaemonLocator.of(null, null)).build(request(name)).orElseThrow();
    }

    Image image = built.images().get(0).image();
    assertThat(image.manifest().annotations())
        .containsEntry("org.opencontainers.image.base.name", name)
        .containsEntry("org.opencontainers.image.base.digest", base.digest().toString());
    assertThat(built.images().get(0).base().name()).isEqualTo(name);
    assertThat(image.layers().get(0).digest()).isEqualTo(base.layers().get(0).digest());
    assertThat(infos()).containsExactly("INFO base image " + name + ": pulling from mirror " + mirror.host());
  }

  @Test
  void aMirrorThatIsDownOrLacksTheBaseFallsThroughToTheRegistry() {
    Image base = push(registry + "/fallback/java:17", "fallback");

    try (Registries registries = registries(down, mirror.host())) {
      ResolvedImage pulled = pull(registries, registry + "/fallback/java:17");
      assertThat(pulled.digest()).isEqualTo(base.digest());
      assertThat(pulled.name()).isEqualTo(registry + "/fallback/java:17");
    }
    assertThat(infos()).singleElement().asString()
        .startsWith("INFO base image " + registry + "/fallback/java:17: pulling from its registry " + registry + ": "
            + "mirror " + down + " refused the connection; mirror " + mirror.host() + " does not have it (HTTP 404");
  }

  @Test
  void mirrorsAreTriedInOrderAndAPathGoesBeforeTheRepository() {
    Image base = push(mirror.host() + "/hub/ordered/java:17", "ordered");

    try (Registries registries = registries(down, mirror.host() + "/hub")) {
      assertThat(pull(registries, registry + "/ordered/java:17").digest()).isEqualTo(base.digest());
    }
    assertThat(infos()).containsExactly("INFO base image " + registry + "/ordered/java:17: pulling from mirror "
        + mirror.host() + " (as hub/ordered/java) (mirror " + down + " refused the connection)");
  }

  @Test
  void aMirrorIsTrustedWithATagButNotWithADigest() {
    Image real = push(registry + "/pinned/java:17", "real");
    Image other = push(mirror.host() + "/pinned/java:17", "other");

    try (Registries registries = registries(mirror.host())) {
      // by digest: the mirror does not have that digest, so the registry serves it
      assertThat(pull(registries, registry + "/pinned/java@" + real.digest()).digest()).isEqualTo(real.digest());
      // by tag: the mirror says what the tag points at, as a pull-through cache does
      assertThat(pull(registries, registry + "/pinned/java:17").digest()).isEqualTo(other.digest());
    }
  }

  @Test
  void aMirrorThatAnswersADigestWithOtherContentIsPassedOverWithAWarning() throws IOException {
    Image real = push(registry + "/lied/java:17", "real");
    Image other = TestImages.small(tmp.resolve("other"), "other");
    // a mirror that answers every manifest request with the other image's manifest
    HttpServer liar = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    liar.createContext("/v2/", exchange -> {
      boolean manifest = exchange.getRequestURI().getPath().contains("/manifests/");
      byte[] body = manifest ? other.manifestBytes() : "{}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", manifest ? other.mediaType() : "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    liar.start();
    String liarHost = "127.0.0.1:" + liar.getAddress().getPort();
    // it speaks plain HTTP only, and would not answer the HTTPS that loopback registries are first asked in
    PlainHttpMemory plainHttp = new PlainHttpMemory(null);
    plainHttp.plainHttp(liarHost);
    RegistryOptions options = RegistryOptions.anonymous().withMirrors(RegistryMirrors.of(
        List.of(new RegistryMirrors.Given(registry, List.of(liarHost))), "registryMirrors"));
    try (Registries registries = new Registries(listener, options, plainHttp)) {
      assertThat(pull(registries, registry + "/lied/java@" + real.digest()).digest()).isEqualTo(real.digest());
    } finally {
      liar.stop(0);
    }
    assertThat(listener.warnings()).filteredOn(w -> w.startsWith("base image"))
        .containsExactly("base image " + registry + "/lied/java@" + real.digest() + ": not using mirror " + liarHost
            + ": registry " + liarHost + " answered " + real.digest() + " with content whose digest is "
            + other.digest() + "; the registry or a proxy on the way corrupted it");
    assertThat(infos()).containsExactly("INFO base image " + registry + "/lied/java@" + real.digest()
        + ": pulling from its registry " + registry + ": mirror " + liarHost + " answered with another digest");
  }

  @Test
  void pushesNeverGoToAMirror() {
    Image image = TestImages.small(tmp.resolve("app"), "app");
    try (Registries registries = registries(mirror.host())) {
      new RegistrySink(registries, listener).push(image, ImageName.parse(registry + "/pushed/app:1"), List.of("1"));
    }
    try (Registries plain = new Registries(BuildListener.SILENT, CredentialSource.ANONYMOUS, false)) {
      assertThat(plain.forPull(ImageName.parse(registry + "/pushed/app")).findManifest("1")).isPresent();
      assertThat(plain.forPull(ImageName.parse(mirror.host() + "/pushed/app")).findManifest("1")).isEmpty();
    }
  }

  @Test
  void aMirrorIsGivenTheCredentialsOfItsOwnHost() throws IOException, InterruptedException {
    try (RegistryServer secured = RegistryServer.builder().withHtpasswd("mirror-user", "mirror-secret").start()) {
      CredentialSource forMirror = host -> host.equals(secured.host())
          ? Optional.of(new Credentials("mirror-user", "mirror-secret", "the test's credentials for the mirror"))
          : Optional.empty();
      Image base = push(secured.host() + "/private/java:17", "private", forMirror);

      try (Registries registries = registries(forMirror, secured.host())) {
        assertThat(pull(registries, registry + "/private/java:17").digest()).isEqualTo(base.digest());
      }
      assertThat(infos()).containsExactly(
          "INFO base image " + registry + "/private/java:17: pulling from mirror " + secured.host());

      // without them the mirror refuses, and the registry, which lacks the base, is asked
      listener.lines.clear();
      Image own = push(registry + "/private/java:17", "own");
      try (Registries registries = registries(secured.host())) {
        assertThat(pull(registries, registry + "/private/java:17").digest()).isEqualTo(own.digest());
      }
      assertThat(infos()).containsExactly("INFO base image " + registry + "/private/java:17: pulling from its"
          + " registry " + registry + ": mirror " + secured.host() + " refused access (HTTP 401 Unauthorized)");
      assertThat(listener.lines).noneMatch(l -> l.contains("mirror-secret"));
    }
  }

  private BuildRequest request(String base) throws IOException {
    Path classes = Files.createDirectories(tmp.resolve("project/target/classes"));
    Files.writeString(classes.resolve("app.properties"), "greeting=hi\n");
    return new BuildRequest(base, Map.of(), 17, PlatformSelection.parse("linux/amd64"), tmp.resolve("project"),
        new JavaApplication(classes, List.of(), null, null), null,
        new ContainerSettings(List.of(), List.of(), List.of("/bin/app"), Map.of(), Map.of(), List.of(), List.of(),
            null, null),
        null, Map.of(), Instant.parse("2026-01-01T00:00:00Z"), tmp.resolve("project/target/builder"),
        tmp.resolve("cache"), new ImagePolicy(List.of(), false, List.of(), List.of(), false), BuildListener.SILENT);
  }
}
