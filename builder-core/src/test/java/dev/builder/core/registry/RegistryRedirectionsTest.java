package dev.builder.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.builder.core.BuildListener;
import dev.builder.core.BuilderException;
import dev.builder.core.TestImages;
import dev.builder.core.cache.BlobCache;
import dev.builder.core.image.Image;
import dev.builder.core.image.Platform;
import dev.builder.testing.FakeHosts;
import dev.builder.testing.FakeHosts.Reply;
import dev.builder.testing.FakeHosts.Request;
import dev.builder.testing.FakeRegistry;
import dev.builder.testing.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry that sends builder elsewhere: to a token service, an upload location or a download on another host.
 * The registry's credentials and tokens must go to its own host only, and to a token service on another host only
 * over verified HTTPS (or on this machine, for a registry on this machine); what another host answers is reported as
 * that host's answer. The other hosts are names under {@code .test} that {@link FakeHosts} plays on 127.0.0.1 as the
 * JVM's proxy, and it records the Authorization header each host received.
 */
class RegistryRedirectionsTest {
  private static final String USER = "dora";
  private static final String PASSWORD = "d0ra-Pa55word";
  private static final String BASIC = "Basic "
      + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
  private static final String TOKEN = "the-registry-token";
  private static final String BEARER = "Bearer " + TOKEN;

  @TempDir static Path tmp;
  private static TestCertificates certificates;

  private FakeHosts hosts;

  @BeforeAll
  static void certificates() {
    certificates = TestCertificates.create(tmp.resolve("certs"), "auth.test", "registry.test", "uploads.test");
  }

  @AfterEach
  void stop() throws Exception {
    if (hosts != null) {
      hosts.close();
    }
  }

  private FakeHosts start(FakeRegistry registry) throws Exception {
    hosts = FakeHosts.start(certificates.serverContext(),
        Set.of("auth.test:5602", "registry.test", "uploads.test"), registry);
    registry.own = registry.own == null ? hosts.host() : registry.own;
    return hosts;
  }

  private Registries registries(boolean trustTestCa, boolean allowInsecure) {
    CredentialSource dora = r -> Optional.of(new Credentials(USER, PASSWORD, "the test's user"));
    return new Registries(BuildListener.SILENT, new RegistryOptions(dora, dora,
        trustTestCa ? List.of(certificates.caCertificate()) : List.of(), allowInsecure).withProxies(hosts.proxies()));
  }

  private static void push(Registries registries, Image image, String reference) {
    new RegistrySink(registries, BuildListener.SILENT).push(image, ImageName.parse(reference), List.of("1"));
  }

  private List<String> authorizationsTo(String host) {
    return hosts.requestsTo(host).stream().map(r -> String.valueOf(r.authorization())).toList();
  }

  @Test
  void aTokenServiceOnAnotherHostOverPlainHttpIsNotSentTheCredentials() throws Exception {
    FakeRegistry registry = new FakeRegistry(BASIC, TOKEN);
    registry.challenge = "Bearer realm=\"http://auth.test:5602/token\",service=\"fake\"";
    start(registry);

    try (Registries registries = registries(true, false)) {
      assertThatThrownBy(() -> push(registries, TestImages.small(tmp.resolve("plain-realm"), "a\n"),
              hosts.host() + "/apps/plain-realm:1"))
          .isInstanceOf(BuilderException.class)
          .hasMessageContaining("registry " + hosts.host() + " sends builder for a token to auth.test:5602, another"
              + " host, over plain HTTP")
          .hasMessageNotContaining(PASSWORD);
    }
    assertThat(authorizationsTo("auth.test:5602")).doesNotContain(BASIC);
  }

  @Test
  void aTokenServiceOnAnotherHostWhoseCertificateIsNotTrustedIsNotSentTheCredentials() throws Exception {
    FakeRegistry registry = new FakeRegistry(BASIC, TOKEN);
    registry.challenge = "Bearer realm=\"https://auth.test:5602/token\",service=\"fake\"";
    start(registry);

    try (Registries registries = registries(false, false)) {
      assertThatThrownBy(() -> push(registries, TestImages.small(tmp.resolve("untrusted-realm"), "b\n"),
              hosts.host() + "/apps/untrusted-realm:1"))
          .isInstanceOf(BuilderException.class)
          .hasMessageContaining("the token service auth.test:5602 of registry " + hosts.host()
              + " does not offer HTTPS that this JVM can verify");
    }
    assertThat(authorizationsTo("auth.test:5602")).doesNotContain(BASIC);
  }

  @Test
  void aTokenServiceOnAnotherHostOverVerifiedHttpsIsSentTheCredentials() throws Exception {
    FakeRegistry registry = new FakeRegistry(BASIC, TOKEN);
    registry.challenge = "Bearer realm=\"https://auth.test:5602/token\",service=\"fake\"";
    start(registry);
    Image image = TestImages.small(tmp.resolve("verified-realm"), "c\n");

    try (Registries registries = registries(true, false)) {
      push(registries, image, hosts.host() + "/apps/verified-realm:1");
    }
    assertThat(registry.manifests).containsKey("apps/verified-realm:" + image.digest());
    assertThat(authorizationsTo("auth.test:5602")).containsOnly(BASIC);
    assertThat(authorizationsTo(hosts.host())).contains(BEARER).doesNotContain(BASIC);
  }

  @Test
  void aTokenServiceOnTheLoopbackHostOfALoopbackRegistryMaySpeakPlainHttp() throws Exception {
    FakeRegistry registry = new FakeRegistry(BASIC, TOKEN);
    start(registry);
    registry.challenge = "Bearer realm=\"http://" + hosts.host() + "/token\",service=\"fake\"";
    Image image = TestImages.small(tmp.resolve("loopback-realm"), "d\n");
    String reference = hosts.host() + "/apps/loopback-realm:1";

    try (Registries registries = registries(false, false)) {
      push(registries, image, reference);
      assertThat(new RegistrySource(registries, new BlobCache(tmp.resolve("loopback-realm-cache")),
          ImageName.parse(reference)).resolve(Platform.LINUX_AMD64).digest()).isEqualTo(image.digest());
    }
    assertThat(hosts.requestsTo(hosts.host()).stream().filter(r -> r.path().startsWith("/token")))
        .extracting(Request::authorization).containsOnly(BASIC);
  }

  @Test
  void anIdentityTokenIsNotPostedAgainWhereTheTokenServiceRedirects() throws Exception {
    FakeRegistry registry = new FakeRegistry(BASIC, TOKEN);
    hosts = FakeHosts.start(null, Set.of(), request -> request.path().startsWith("/token")
        && !request.host().startsWith("elsewhere.test")
        ? Reply.of(307).with("Location", "http://elsewhere.test:5605/token") : registry.answer(request))
        ;
    registry.own = hosts.host();
    registry.challenge = "Bearer realm=\"http://" + hosts.host() + "/token\",service=\"fake\"";
    CredentialSource identityToken =
        r -> Optional.of(new Credentials("<token>", "refresh-s3cret", "the test's config"));

    try (Registries registries =
        new Registries(BuildListener.SILENT,
            new RegistryOptions(identityToken, identityToken, List.of(), false).withProxies(hosts.proxies()))) {
      assertThatThrownBy(() -> push(registries, TestImages.small(tmp.resolve("identity"), "k\n"),
              hosts.host() + "/apps/identity:1"))
          .isInstanceOf(BuilderException.class)
          .hasMessageContaining("(authenticate): registry " + hosts.host() + " answered HTTP 307")
          .hasMessageNotContaining("refresh-s3cret");
    }
    assertThat(hosts.requestsTo(hosts.host())).extracting(Request::path).anyMatch(p -> p.startsWith("/token"));
    assertThat(hosts.requestsTo("elsewhere.test:5605"))
        .allSatisfy(r -> assertThat(new String(r.body(), StandardCharsets.UTF_8)).doesNotContain("refresh-s3cret"));
  }

  @Test
  void anUploadSentToAnotherHostGoesThereWithoutTheRegistrysCredentials() throws Exception {
    FakeRegistry registry = new FakeRegistry(BASIC, TOKEN);
    registry.challenge = "Basic realm=\"fake\"";
    registry.uploadsTo = "http://uploads.test:5603";
    start(registry);
    Image image = TestImages.small(tmp.resolve("upload-elsewhere"), "e\n");

    try (Registries registries = registries(false, false)) {
      push(registries, image, hosts.host() + "/apps/upload-elsewhere:1");
    }
    assertThat(registry.manifests).containsKey("apps/upload-elsewhere:" + image.digest());
    assertThat(hosts.requestsTo("uploads.test:5603")).extracting(Request::method).contains("PUT");
    assertThat(authorizationsTo("uploads.test:5603")).containsOnly("null");
  }

  @Test
  void anUploadRefusedByTheOtherHostItWasSentToNamesThatHost() throws Exception {
    FakeRegistry registry = new FakeRegistry(BASIC, TOKEN);
    registry.challenge = "Basic realm=\"fake\"";
    registry.uploadsTo = "http://uploads.test:5603";
    registry.storageRefuses = true;
    start(registry);

    try (Registries registries = registries(false, false)) {
      assertThatThrownBy(() -> push(registries, TestImages.small(tmp.resolve("upload-refused"), "f\n"),
              hosts.host() + "/apps/upload-refused:1"))
          .isInstanceOf(BuilderException.class)
          .hasMessageContaining(": uploads.test:5603, where registry " + hosts.host() + " sent the upload, answered"
              + " HTTP 401. builder sends the registry's credentials and tokens only to the registry's own host")
          .hasMessageNotContaining("did not accept");
    }
    assertThat(authorizationsTo("uploads.test:5603")).containsOnly("null");
  }

  @Test
  void aRemoteRegistrysUploadToAnotherHostOverHttpsGoesThereWithoutItsToken() throws Exception {
    FakeRegistry registry = new FakeRegistry(BASIC, TOKEN);
    registry.own = "registry.test";
    registry.challenge = "Bearer realm=\"https://registry.test/token\",service=\"fake\"";
    registry.uploadsTo = "https://uploads.test";
    start(registry);
    Image image = TestImages.small(tmp.resolve("remote-upload"), "g\n");

    try (Registries registries = registries(true, false)) {
      push(registries, image, "registry.test/apps/remote-upload:1");
    }
    assertThat(registry.manifests).containsKey("apps/remote-upload:" + image.digest());
    assertThat(authorizationsTo("registry.test")).contains(BEARER, BASIC);
    assertThat(hosts.requestsTo("uploads.test")).extracting(Request::method).contains("PUT");
    assertThat(authorizationsTo("uploads.test")).containsOnly("null");
  }

  @Test
  void aDownloadRedirectedToAnotherHostWorksWithoutTheRegistrysCredentials() throws Exception {
    FakeRegistry registry = new FakeRegistry(BASIC, TOKEN);
    registry.challenge = "Basic realm=\"fake\"";
    start(registry);
    Image image = TestImages.small(tmp.resolve("redirected"), "h\n");
    String reference = hosts.host() + "/apps/redirected:1";
    try (Registries registries = registries(false, false)) {
      push(registries, image, reference);
    }

    registry.downloadsFrom = "http://storage.test:5604";
    try (Registries registries = registries(false, false)) {
      Image pulled = new RegistrySource(registries, new BlobCache(tmp.resolve("redirected-cache")),
          ImageName.parse(reference)).resolve(Platform.LINUX_AMD64).image();
      pulled.layers().get(0).blob().open().close();
    }
    assertThat(hosts.requestsTo("storage.test:5604")).extracting(Request::method).contains("GET");
    assertThat(authorizationsTo("storage.test:5604")).containsOnly("null");
  }

  @Test
  void aRedirectedDownloadRefusedByTheOtherHostNamesThatHost() throws Exception {
    FakeRegistry registry = new FakeRegistry(BASIC, TOKEN);
    registry.challenge = "Basic realm=\"fake\"";
    start(registry);
    Image image = TestImages.small(tmp.resolve("redirect-refused"), "i\n");
    String reference = hosts.host() + "/apps/redirect-refused:1";
    try (Registries registries = registries(false, false)) {
      push(registries, image, reference);
    }

    registry.downloadsFrom = "http://storage.test:5604";
    registry.storageRefuses = true;
    try (Registries registries = registries(false, false)) {
      assertThatThrownBy(() -> new RegistrySource(registries, new BlobCache(tmp.resolve("redirect-refused-cache")),
              ImageName.parse(reference)).resolve(Platform.LINUX_AMD64))
          .isInstanceOf(BuilderException.class)
          .hasMessageContaining(": storage.test:5604, where registry " + hosts.host() + " redirected the request,"
              + " answered HTTP 401")
          .hasMessageNotContaining("did not accept");
    }
    assertThat(authorizationsTo("storage.test:5604")).containsOnly("null");
  }

  @Test
  void credentialsWithheldFromARemoteRegistryOverPlainHttpAreSaidToBeWithheld() throws Exception {
    FakeRegistry registry = new FakeRegistry(BASIC, TOKEN);
    registry.own = "plain.test:5000";
    registry.challenge = "Basic realm=\"fake\"";
    start(registry);

    try (Registries registries = registries(false, true)) {
      assertThatThrownBy(() -> push(registries, TestImages.small(tmp.resolve("withheld"), "j\n"),
              "plain.test:5000/apps/withheld:1"))
          .isInstanceOf(BuilderException.class)
          .hasMessageContaining("registry plain.test:5000 refused to push plain.test:5000/apps/withheld (HTTP 401"
              + " Unauthorized")
          .hasMessageContaining("without the credentials of user 'dora' from the test's user: it answered only over"
              + " plain HTTP, and builder sends credentials over plain HTTP only to registries on this machine")
          .hasMessageNotContaining("did not accept");
    }
    assertThat(authorizationsTo("plain.test:5000")).containsOnly("null");
  }
}
