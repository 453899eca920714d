package dev.builder.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.builder.core.BuildListener;
import dev.builder.core.BuilderException;
import dev.builder.core.TestImages;
import dev.builder.core.cache.BlobCache;
import dev.builder.core.image.ConfigFile;
import dev.builder.core.image.Digest;
import dev.builder.core.image.Image;
import dev.builder.core.image.ImageIndex;
import dev.builder.core.image.MediaTypes;
import dev.builder.core.image.ImageSource.ResolvedImage;
import dev.builder.core.image.Layer;
import dev.builder.core.image.Platform;
import dev.builder.core.image.Written;
import dev.builder.testing.RegistryExtension;
import dev.builder.testing.RegistryServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** RegistrySink and RegistrySource against a real registry (CNCF distribution) on loopback. */
@Tag("registry")
@ExtendWith(RegistryExtension.class)
class RegistryContractTest {
  @TempDir Path tmp;
  private Registries registries;
  private String host;

  @BeforeEach
  void openRegistries(RegistryServer registry) {
    registries = new Registries(BuildListener.SILENT, CredentialSource.ANONYMOUS, false);
    host = registry.host();
  }

  @AfterEach
  void closeRegistries() {
    registries.close();
  }

  private ImageName name(String repositoryAndTag) {
    return ImageName.parse(host + "/" + repositoryAndTag);
  }

  private Written push(Image image, String repository, String... tags) {
    return new RegistrySink(registries, BuildListener.SILENT).push(image, name(repository + ":" + tags[0]),
        List.of(tags));
  }

  private ResolvedImage pull(String reference) {
    return new RegistrySource(registries, new BlobCache(tmp.resolve("cache")), name(reference))
        .resolve(Platform.LINUX_AMD64);
  }

  @Test
  void pushesAnIndexWhoseImagesShareLayersUploadingEachBlobOnce() throws IOException {
    Image amd64 = TestImages.small(tmp.resolve("amd64"), "shared\n");
    Platform arm = new Platform("linux", "arm64", "v8");
    ConfigFile armConfig = new ConfigFile(arm, amd64.config().created(), amd64.config().config(), List.of(),
        amd64.config().history());
    Image arm64 = Image.of(armConfig, amd64.layers(), Map.of());
    ImageIndex index = ImageIndex.of(List.of(amd64, arm64), Map.of("org.opencontainers.image.title", "two"));

    Written pushed = new RegistrySink(registries, BuildListener.SILENT).push(index, name("multi:1.0"),
        List.of("1.0", "latest"));

    assertThat(pushed.digest()).isEqualTo(index.digest());
    // the shared layers once, and one config per platform
    assertThat(pushed.transfer().uploaded()).isEqualTo(amd64.layers().size() + 2);
    RepositoryClient client = registries.forPull(name("multi"));
    for (String tag : List.of("1.0", "latest")) {
      RepositoryClient.RawManifest top = client.pullManifest(tag);
      assertThat(top.mediaType()).as(tag).isEqualTo(MediaTypes.OCI_INDEX);
      assertThat(top.bytes()).as(tag).isEqualTo(index.bytes());
    }
    assertThat(new RegistrySource(registries, new BlobCache(tmp.resolve("cache")), name("multi:latest")).resolve(arm)
        .image().digest()).isEqualTo(arm64.digest());
    assertThat(pull("multi:latest").image().digest()).isEqualTo(amd64.digest());
    assertThat(new RegistrySource(registries, new BlobCache(tmp.resolve("cache")), name("multi:latest")).platforms())
        .containsExactly(Platform.LINUX_AMD64, arm);
  }

  @Test
  void pushesAnImageUnderTwoTagsAndPullsItBack() throws IOException {
    Image image = TestImages.small(tmp.resolve("work"), "hello\n");

    Written pushed = push(image, "roundtrip", "1.0", "latest");

    assertThat(pushed.digest()).isEqualTo(image.digest());
    assertThat(pushed.destination()).isEqualTo(host + "/roundtrip");
    assertThat(pushed.references()).containsExactly(host + "/roundtrip:1.0", host + "/roundtrip:latest");
    assertThat(pushed.transfer().uploaded()).isEqualTo(image.layers().size() + 1);
    for (String tag : List.of("1.0", "latest")) {
      ResolvedImage pulled = pull("roundtrip:" + tag);
      assertThat(pulled.digest()).as(tag).isEqualTo(image.digest());
      assertThat(pulled.image().manifestBytes()).as(tag).isEqualTo(image.manifestBytes());
      assertThat(pulled.image().configBytes()).as(tag).isEqualTo(image.configBytes());
      assertThat(pulled.image().config()).as(tag).isEqualTo(image.config());
    }
    Layer layer = pull("roundtrip@" + image.digest()).image().layers().get(0);
    try (InputStream in = layer.blob().open()) {
      assertThat(Digest.of(in)).isEqualTo(image.layers().get(0).digest());
    }
  }

  @Test
  void aSecondPushUploadsNothing() {
    Image image = TestImages.small(tmp.resolve("work"), "again\n");
    push(image, "again", "1.0");

    Written second = push(image, "again", "1.0");

    assertThat(second.transfer().uploaded()).isZero();
    assertThat(second.transfer().mounted()).isZero();
    assertThat(second.transfer().skipped()).isEqualTo(image.layers().size() + 1);
    assertThat(second.digest()).isEqualTo(image.digest());
  }

  @Test
  void baseLayersAreMountedFromTheBasesRepository() {
    Image base = TestImages.small(tmp.resolve("base"), "base\n");
    push(base, "base", "1");
    ResolvedImage pulledBase = pull("base:1");
    Image app = TestImages.on(pulledBase.image().layers(), tmp.resolve("app"), "app\n");

    Written pushed = push(app, "app", "1");

    assertThat(pushed.transfer().mounted()).isEqualTo(base.layers().size());
    assertThat(pushed.transfer().uploaded()).isEqualTo(2); // the app layer and the config
    assertThat(pull("app:1").digest()).isEqualTo(app.digest());
  }

  @Test
  void anUnknownTagIsA404ThatNamesTheImage() {
    push(TestImages.small(tmp.resolve("work"), "known\n"), "known", "1.0");

    assertThatThrownBy(() -> registries.forPull(name("known:nope")).pullManifest("nope"))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("registry " + host + " has no known nope (HTTP 404)")
        .hasMessageContaining("Check the image name and tag");
    assertThatThrownBy(() -> pull("unknown-repository:1.0"))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("404")
        .hasMessageContaining("unknown-repository");
  }

  @Test
  void aClosedPortIsAConnectionRefused() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    ImageName closed = ImageName.parse("127.0.0.1:" + port + "/app:1");

    assertThatThrownBy(() -> new RegistrySource(registries, new BlobCache(tmp.resolve("cache")), closed)
            .resolve(Platform.LINUX_AMD64))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("registry 127.0.0.1:" + port + " refused the connection");
  }
}
