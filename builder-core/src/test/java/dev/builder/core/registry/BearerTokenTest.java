package dev.builder.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.builder.core.BuildListener;
import dev.builder.core.BuilderException;
import dev.builder.core.TestImages;
import dev.builder.core.cache.BlobCache;
import dev.builder.core.credentials.DockerConfigFile;
import dev.builder.core.image.Image;
import dev.builder.core.image.Platform;
import dev.builder.testing.RegistryServer;
import dev.builder.testing.TestCertificates;
import dev.builder.testing.TokenServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry that answers with {@code WWW-Authenticate: Bearer realm=...} (as Docker Hub, GHCR, ECR and Harbor do):
 * distribution with {@code auth.token}, and a token service of the test's own that signs JWTs the registry checks.
 */
@Tag("registry")
class BearerTokenTest {
  private static final String CAROL_PASSWORD = "carol-t0ken-Pa55";
  private static final String CAROL_REFRESH_TOKEN = "carol-refresh-t0ken";

  @TempDir static Path tmp;
  private static TestCertificates certificates;
  private static TokenServer tokens;
  private static RegistryServer registry;

  @BeforeAll
  static void start() throws Exception {
    certificates = TestCertificates.create(tmp.resolve("certs"));
    TestCertificates.SigningKey signer = TestCertificates.signingKey(tmp.resolve("signer"));
    tokens = TokenServer.start(certificates, signer, Map.of("carol", CAROL_PASSWORD),
        Map.of(CAROL_REFRESH_TOKEN, "carol"));
    registry = RegistryServer.builder().withTls(certificates)
        .withTokenAuth(tokens.realm(), TokenServer.SERVICE, TokenServer.ISSUER, signer.certificatePem()).start();
  }

  @AfterAll
  static void stop() {
    registry.close();
    tokens.close();
  }

  /** The token service's host, which messages name when it is the one that refused. */
  private static String tokenHost() {
    return URI.create(tokens.realm()).getAuthority();
  }

  private static Registries registries(String password) {
    CredentialSource source = password == null ? CredentialSource.ANONYMOUS
        : r -> Optional.of(new Credentials("carol", password, "the test's token user"));
    return new Registries(BuildListener.SILENT,
        new RegistryOptions(source, source, List.of(certificates.caCertificate()), false));
  }

  @Test
  void pushesAndPullsWithTokensForTheScopesItAsksFor() {
    Image image = TestImages.small(tmp.resolve("bearer"), "bearer\n");
    ImageName name = ImageName.parse(registry.host() + "/apps/bearer:1");

    try (Registries registries = registries(CAROL_PASSWORD)) {
      assertThat(new RegistrySink(registries, BuildListener.SILENT).push(image, name, List.of("1")).digest())
          .isEqualTo(image.digest());
      assertThat(new RegistrySource(registries, new BlobCache(tmp.resolve("cache")), name)
          .resolve(Platform.LINUX_AMD64).digest()).isEqualTo(image.digest());
    }

    assertThat(tokens.scopesAsked())
        .contains("repository:apps/bearer:pull,push") // the push
        .contains("repository:apps/bearer:pull"); // the pull of the manifest
  }

  @Test
  void aPushMountsTheBaseLayersFromTheBasesRepositoryWithOneTokenForBoth() {
    Image base = TestImages.small(tmp.resolve("mount-base"), "mount base\n");
    ImageName baseName = ImageName.parse(registry.host() + "/library/mount-base:1");
    ImageName appName = ImageName.parse(registry.host() + "/apps/mounted:1");
    try (Registries registries = registries(CAROL_PASSWORD)) {
      new RegistrySink(registries, BuildListener.SILENT).push(base, baseName, List.of("1"));
    }

    int before = tokens.scopesAsked().size();
    try (Registries registries = registries(CAROL_PASSWORD)) {
      Image pulledBase = new RegistrySource(registries, new BlobCache(tmp.resolve("mount-cache")), baseName)
          .resolve(Platform.LINUX_AMD64).image();
      Image app = TestImages.on(pulledBase.layers(), tmp.resolve("mount-app"), "mounted app\n");

      dev.builder.core.image.Written pushed = new RegistrySink(registries, BuildListener.SILENT).push(app, appName, List.of("1"));

      assertThat(pushed.transfer().mounted()).isEqualTo(base.layers().size());
      assertThat(pushed.transfer().uploaded()).isEqualTo(2); // the app layer and the config
    }
    assertThat(tokens.scopesAsked().subList(before, tokens.scopesAsked().size()))
        .as("a pull token for the base, then one token for the push that may also read the base's repository")
        .containsExactly("repository:library/mount-base:pull", "repository:apps/mounted:pull,push",
            "repository:library/mount-base:pull");
  }

  @Test
  void aPushThatMovesNoBlobAndAReadOfACachedBaseAskForOneTokenEach() {
    Image image = TestImages.small(tmp.resolve("once"), "once\n");
    ImageName name = ImageName.parse(registry.host() + "/apps/once:1");
    Path cache = tmp.resolve("once-cache");
    try (Registries registries = registries(CAROL_PASSWORD)) {
      new RegistrySink(registries, BuildListener.SILENT).push(image, name, List.of("1"));
      new RegistrySource(registries, new BlobCache(cache), name).resolve(Platform.LINUX_AMD64);
    }

    int before = tokens.scopesAsked().size();
    try (Registries registries = registries(CAROL_PASSWORD)) {
      assertThat(new RegistrySink(registries, BuildListener.SILENT).push(image, name, List.of("1")).transfer().uploaded())
          .isZero();
    }
    assertThat(tokens.scopesAsked().subList(before, tokens.scopesAsked().size()))
        .as("the push of an unchanged image: builder's token, and jib's client is never opened")
        .containsExactly("repository:apps/once:pull,push");

    before = tokens.scopesAsked().size();
    try (Registries registries = registries(CAROL_PASSWORD)) {
      assertThat(new RegistrySource(registries, new BlobCache(cache), name).resolve(Platform.LINUX_AMD64).digest())
          .isEqualTo(image.digest());
    }
    assertThat(tokens.scopesAsked().subList(before, tokens.scopesAsked().size()))
        .as("a base whose config is cached")
        .containsExactly("repository:apps/once:pull");
  }

  @Test
  void anIdentityTokenFromADockerConfigIsTradedForAccessTokensToPushAndToPull() throws Exception {
    Path config = tmp.resolve("identity/config.json");
    Files.createDirectories(config.getParent());
    Files.writeString(config, "{\"auths\":{\"" + registry.host() + "\":{\"auth\":\""
        + Base64.getEncoder().encodeToString("00000000-0000-0000-0000-000000000000:".getBytes())
        + "\",\"identitytoken\":\"" + CAROL_REFRESH_TOKEN + "\"}}}");
    CredentialSource fromConfig =
        new DockerConfigFile(config, "Docker config", Map.of(), BuildListener.SILENT);
    Image image = TestImages.small(tmp.resolve("identity-image"), "identity\n");
    ImageName name = ImageName.parse(registry.host() + "/apps/identity:1");

    try (Registries registries = new Registries(BuildListener.SILENT,
        new RegistryOptions(fromConfig, fromConfig, List.of(certificates.caCertificate()), false))) {
      new RegistrySink(registries, BuildListener.SILENT).push(image, name, List.of("1"));
      assertThat(new RegistrySource(registries, new BlobCache(tmp.resolve("identity-cache")), name)
          .resolve(Platform.LINUX_AMD64).digest()).isEqualTo(image.digest());
    }
  }

  @Test
  void aWrongPasswordIsRefusedByTheTokenServiceAndSaidSo() {
    Image image = TestImages.small(tmp.resolve("wrong"), "wrong\n");
    ImageName name = ImageName.parse(registry.host() + "/apps/wrong:1");

    try (Registries registries = registries("not-carols")) {
      assertThatThrownBy(() -> new RegistrySink(registries, BuildListener.SILENT).push(image, name, List.of("1")))
          .isInstanceOf(BuilderException.class)
          .hasMessageStartingWith("the token service " + tokenHost() + " of registry " + registry.host()
              + " refused to push " + registry.host()
              + "/apps/wrong (HTTP 401 Unauthorized, while trying to authenticate) with the credentials of user"
              + " 'carol' from the test's token user")
          .hasMessageNotContaining("not-carols")
          .hasNoCause();
    }
  }

  @Test
  void anAnonymousPullIsRefusedWithWhereToPutCredentials() {
    ImageName name = ImageName.parse(registry.host() + "/apps/bearer:1");

    try (Registries registries = registries(null)) {
      assertThatThrownBy(() -> new RegistrySource(registries, new BlobCache(tmp.resolve("anon")), name)
              .resolve(Platform.LINUX_AMD64))
          .isInstanceOf(BuilderException.class)
          .hasMessageStartingWith("the token service " + tokenHost() + " of registry " + registry.host()
              + " refused to pull base image " + name)
          .hasMessageContaining("with no credentials");
    }
  }
}
