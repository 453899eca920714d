package dev.builder.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builder.core.BuildListener;
import dev.builder.core.TestImages;
import dev.builder.core.cache.BlobCache;
import dev.builder.core.image.Image;
import dev.builder.core.image.Platform;
import dev.builder.testing.RecordingListener;
import dev.builder.testing.RegistryServer;
import dev.builder.testing.TestCertificates;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registries on loopback remembered as plain HTTP across builds (each build a new Registries, as each Maven run), and
 * a remembered registry that has since turned to TLS, against real registries.
 */
@Tag("registry")
class PlainHttpMemoryTest {
  @TempDir Path tmp;

  private final RecordingListener listener = new RecordingListener();
  private final List<String> log = listener.lines;

  private void pushAndPull(RegistryOptions options, PlainHttpMemory memory, String reference) {
    Image image = TestImages.small(tmp.resolve("work"), "hello\n");
    ImageName name = ImageName.parse(reference);
    try (Registries registries = new Registries(listener, options, memory)) {
      new RegistrySink(registries, BuildListener.SILENT).push(image, name, List.of(name.tag()));
      assertThat(new RegistrySource(registries, new BlobCache(tmp.resolve("cache")), name)
          .resolve(Platform.LINUX_AMD64).digest()).isEqualTo(image.digest());
    }
  }

  private boolean triedHttpsFirst() {
    return log.stream().anyMatch(line -> line.contains("over HTTPS. Attempting again with HTTP"));
  }

  @Test
  void aPlainHttpRegistryIsAskedInPlainHttpFromTheSecondBuildOn() throws Exception {
    try (RegistryServer registry = RegistryServer.builder().start()) {
      Path folder = tmp.resolve("plain-http");
      pushAndPull(RegistryOptions.anonymous(), new PlainHttpMemory(folder), registry.host() + "/first:1");
      assertThat(triedHttpsFirst()).as("the first build finds out").isTrue();
      assertThat(new PlainHttpMemory(folder).speaksPlainHttp(registry.host())).isTrue();

      log.clear();
      pushAndPull(RegistryOptions.anonymous(), new PlainHttpMemory(folder), registry.host() + "/second:1");
      assertThat(triedHttpsFirst()).as("the second build remembers").isFalse();
    }
  }

  @Test
  void aRememberedRegistryThatNowSpeaksTlsIsForgottenAndAskedInHttps() throws Exception {
    TestCertificates certificates = TestCertificates.create(tmp.resolve("certs"));
    try (RegistryServer registry = RegistryServer.builder().withTls(certificates).start()) {
      Path folder = tmp.resolve("plain-http");
      new PlainHttpMemory(folder).plainHttp(registry.host());
      RegistryOptions options = new RegistryOptions(CredentialSource.ANONYMOUS, CredentialSource.ANONYMOUS,
          List.of(certificates.caCertificate()), false);

      pushAndPull(options, new PlainHttpMemory(folder), registry.host() + "/tls:1");

      assertThat(new PlainHttpMemory(folder).speaksPlainHttp(registry.host())).isFalse();
      assertThat(triedHttpsFirst()).isFalse();
    }
  }
}
