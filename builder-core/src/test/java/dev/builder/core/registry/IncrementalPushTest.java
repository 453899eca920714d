package dev.builder.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builder.core.BuildListener;
import dev.builder.core.TestImages;
import dev.builder.core.cache.BlobCache;
import dev.builder.core.image.Digest;
import dev.builder.core.image.Image;
import dev.builder.core.image.ImageSource.ResolvedImage;
import dev.builder.core.image.Platform;
import dev.builder.core.image.Written;
import dev.builder.testing.FaultProxy;
import dev.builder.testing.FaultProxy.Exchange;
import dev.builder.testing.RegistryExtension;
import dev.builder.testing.RegistryServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a push sends in the inner loop, counted request by request through a relay in front of the real registry: an
 * unchanged image sends nothing, a changed top layer sends that layer, the config and the manifest, and a base's
 * config crosses the network once.
 */
@Tag("registry")
@ExtendWith(RegistryExtension.class)
class IncrementalPushTest {
  @TempDir Path tmp;
  private FaultProxy proxy;
  private Registries registries;
  private Image base;

  @BeforeEach
  void start(RegistryServer registry) throws IOException {
    proxy = FaultProxy.start(registry, Duration.ofSeconds(30));
    registries = new Registries(BuildListener.SILENT, CredentialSource.ANONYMOUS, false);
    base = TestImages.small(tmp.resolve("base"), "base\n");
  }

  @AfterEach
  void stop() throws IOException {
    registries.close();
    proxy.close();
  }

  private Written push(Image image) {
    return new RegistrySink(registries, BuildListener.SILENT)
        .push(image, ImageName.parse(proxy.host() + "/inner-loop"), List.of("1.0", "latest"));
  }

  @Test
  void anUnchangedImageUploadsNothingInAHandfulOfRequests() {
    Image app = TestImages.on(base.layers(), tmp.resolve("v1"), "v1\n");
    push(app);
    proxy.clearLog();

    Written again = push(app);

    assertThat(again.transfer().uploaded()).isZero();
    assertThat(again.transfer().mounted()).isZero();
    assertThat(writes()).as("requests that write: %s", proxy.exchanges()).isEmpty();
    assertThat(proxy.exchanges()).as("%s", proxy.exchanges()).hasSizeLessThanOrEqualTo(5);
  }

  @Test
  void aChangedTopLayerUploadsThatLayerTheConfigAndTheManifest() {
    push(TestImages.on(base.layers(), tmp.resolve("v1"), "v1\n"));
    proxy.clearLog();
    Image changed = TestImages.on(base.layers(), tmp.resolve("v2"), "v2\n");

    Written pushed = push(changed);

    assertThat(pushed.transfer().uploaded()).isEqualTo(2);
    assertThat(pushed.transfer().skipped()).isEqualTo(base.layers().size());
    List<String> blobUploads = writes().stream().filter(e -> e.target().contains("/blobs/uploads/"))
        .filter(e -> e.method().equals("PUT")).map(Exchange::target).toList();
    assertThat(blobUploads).as("%s", proxy.exchanges()).hasSize(2)
        .anyMatch(t -> t.contains(changed.layers().get(changed.layers().size() - 1).digest().hex()))
        .anyMatch(t -> t.contains(changed.configBlob().digest().hex()));
    List<String> manifests = writes().stream().filter(e -> e.target().contains("/manifests/"))
        .map(Exchange::target).toList();
    assertThat(manifests).as("the manifest by digest, then the two tags")
        .hasSize(3).first().asString().endsWith(changed.digest().toString());
  }

  @Test
  void onlyTheBlobsThatTheTagsImageLacksAreLookedFor() {
    push(TestImages.on(base.layers(), tmp.resolve("v3"), "v3\n"));
    proxy.clearLog();
    Image changed = TestImages.on(base.layers(), tmp.resolve("v4"), "v4\n");

    push(changed);

    // the image the tags name is in the repository, and with it every blob it names: the base layers are not asked
    // for one by one; only the new layer and the new config are looked for, then uploaded
    List<String> blobChecks = proxy.exchanges().stream().filter(e -> e.method().equals("HEAD"))
        .filter(e -> e.target().contains("/blobs/")).map(Exchange::target).toList();
    assertThat(blobChecks).as("%s", proxy.exchanges()).hasSize(2)
        .anyMatch(t -> t.endsWith(changed.layers().get(changed.layers().size() - 1).digest().toString()))
        .anyMatch(t -> t.endsWith(changed.configBlob().digest().toString()));
  }

  @Test
  void aBaseConfigIsReadOnceAndTheTagEveryBuild() throws IOException {
    ImageName baseName = ImageName.parse(proxy.host() + "/base:1");
    new RegistrySink(registries, BuildListener.SILENT).push(base, baseName, List.of("1"));
    BlobCache cache = new BlobCache(tmp.resolve("cache"));
    new RegistrySource(registries, cache, baseName).resolve(Platform.LINUX_AMD64);
    proxy.clearLog();

    ResolvedImage again = new RegistrySource(registries, cache, baseName).resolve(Platform.LINUX_AMD64);

    assertThat(again.image().config()).isEqualTo(base.config());
    assertThat(proxy.exchanges()).as("%s", proxy.exchanges())
        .noneMatch(e -> e.target().contains("/blobs/"))
        .anyMatch(e -> e.method().equals("GET") && e.target().endsWith("/manifests/1"));

    // a config damaged on disk is never used: it is read from the registry again
    Path cached = cache.find(base.configBlob().digest()).orElseThrow();
    Files.writeString(cached, "{\"damaged\": true}");
    proxy.clearLog();

    ResolvedImage repaired = new RegistrySource(registries, cache, baseName).resolve(Platform.LINUX_AMD64);

    assertThat(repaired.image().config()).isEqualTo(base.config());
    assertThat(proxy.exchanges()).anyMatch(e -> e.target().endsWith("/blobs/" + base.configBlob().digest()));
    assertThat(Digest.of(Files.readAllBytes(cached))).isEqualTo(base.configBlob().digest());
  }

  private List<Exchange> writes() {
    return proxy.exchanges().stream().filter(e -> !e.method().equals("GET") && !e.method().equals("HEAD")).toList();
  }
}
