package dev.builder.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.builder.core.BuildListener;
import dev.builder.core.BuilderException;
import dev.builder.core.TestImages;
import dev.builder.core.cache.BlobCache;
import dev.builder.core.credentials.CredentialChain;
import dev.builder.core.credentials.CredentialEnvironment;
import dev.builder.core.credentials.CredentialHelper;
import dev.builder.core.credentials.DockerConfigFile;
import dev.builder.core.image.Image;
import dev.builder.core.image.ImageSource.ResolvedImage;
import dev.builder.core.image.Platform;
import dev.builder.core.image.Written;
import dev.builder.testing.CredentialHelperScript;
import dev.builder.testing.CredentialHelperScript.Credential;
import dev.builder.testing.RecordingListener;
import dev.builder.testing.RegistryServer;
import dev.builder.testing.TestCertificates;
import java.nio.charset.StandardCharsets;
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
 * Pushes and pulls against real registries (CNCF distribution) on loopback that serve TLS from a CA made for the test
 * and ask for htpasswd (Basic) credentials: one push per credential source, the refusals and what they say, and a
 * base image pulled with one registry's credentials and pushed on with another's.
 */
@Tag("registry")
@Tag("podman")
class RegistryAuthTest {
  private static final String ALICE_PASSWORD = "alice-Pa55word!";
  private static final String BOB_PASSWORD = "bob-s3cret-pw";

  @TempDir static Path tmp;
  private static TestCertificates certificates;
  private static RegistryServer baseRegistry; // alice's
  private static RegistryServer pushRegistry; // bob's

  @BeforeAll
  static void start() throws Exception {
    certificates = TestCertificates.create(tmp.resolve("certs"));
    baseRegistry = RegistryServer.builder().withTls(certificates).withHtpasswd("alice", ALICE_PASSWORD).start();
    pushRegistry = RegistryServer.builder().withTls(certificates).withHtpasswd("bob", BOB_PASSWORD).start();
  }

  @AfterAll
  static void stop() {
    baseRegistry.close();
    pushRegistry.close();
  }

  private final RecordingListener listener = new RecordingListener();
  private final List<String> log = listener.lines;

  private Registries registries(CredentialSource pull, CredentialSource push) {
    return new Registries(listener, new RegistryOptions(pull, push, List.of(certificates.caCertificate()), false));
  }

  private static CredentialSource bob(String source) {
    return registry -> Optional.of(new Credentials("bob", BOB_PASSWORD, source));
  }

  private static Written push(Registries registries, Image image, String reference) {
    ImageName name = ImageName.parse(reference);
    return new RegistrySink(registries, BuildListener.SILENT).push(image, name, List.of(name.tag()));
  }

  private static ResolvedImage pull(Registries registries, String reference, Path cache) {
    return new RegistrySource(registries, new BlobCache(cache), ImageName.parse(reference)).resolve(Platform.LINUX_AMD64);
  }

  private void pushesWith(CredentialSource source, String repository) throws Exception {
    Image image = TestImages.small(tmp.resolve(repository), repository + "\n");
    String reference = pushRegistry.host() + "/" + repository + ":1";
    try (Registries registries = registries(source, source)) {
      assertThat(push(registries, image, reference).digest()).isEqualTo(image.digest());
      assertThat(pull(registries, reference, tmp.resolve(repository + "-cache")).digest()).isEqualTo(image.digest());
    }
    assertThat(log).noneMatch(line -> line.startsWith("WARN"));
  }

  @Test
  void pushesWithGivenCredentials() throws Exception {
    pushesWith(bob("the plugin's <auth><to>"), "given");
  }

  @Test
  void pushesWithACredentialHelper() throws Exception {
    Path helper = CredentialHelperScript.write(tmp.resolve("helper-bin"), "test",
        Map.of(pushRegistry.host(), new Credential("bob", BOB_PASSWORD)));

    pushesWith(new CredentialHelper(helper, "credential helper docker-credential-test"), "helper");

    assertThat(Files.readString(helper.resolveSibling("test.calls"))).contains(pushRegistry.host());
  }

  @Test
  void pushesWithDockerConfigAuths() throws Exception {
    Path dockerConfig = tmp.resolve("docker-home/config.json");
    Files.createDirectories(dockerConfig.getParent());
    Files.writeString(dockerConfig, "{\"auths\":{\"" + pushRegistry.host() + "\":{\"auth\":\""
        + base64("bob:" + BOB_PASSWORD) + "\"}}}");
    CredentialEnvironment environment = new CredentialEnvironment(
        Map.of("DOCKER_CONFIG", dockerConfig.getParent().toString()), tmp.resolve("no-home"));

    pushesWith(new CredentialChain(environment.sources(listener)), "docker-config");
  }

  @Test
  void pushesWithDockerConfigCredHelpers() throws Exception {
    Path bin = tmp.resolve("credhelpers-bin");
    CredentialHelperScript.write(bin, "vault", Map.of(pushRegistry.host(), new Credential("bob", BOB_PASSWORD)));
    Path dockerConfig = tmp.resolve("credhelpers/config.json");
    Files.createDirectories(dockerConfig.getParent());
    Files.writeString(dockerConfig, "{\"credHelpers\":{\"" + pushRegistry.host() + "\":\"vault\"}}");

    pushesWith(new DockerConfigFile(dockerConfig, "Docker config", Map.of("PATH", bin.toString()), listener),
        "cred-helpers");
  }

  @Test
  void pushesWithAPodmanAuthFile() throws Exception {
    Path runtime = tmp.resolve("run-user");
    Files.createDirectories(runtime.resolve("containers"));
    Files.writeString(runtime.resolve("containers/auth.json"), "{\"auths\":{\"" + pushRegistry.host()
        + "\":{\"auth\":\"" + base64("bob:" + BOB_PASSWORD) + "\"}}}");
    CredentialEnvironment environment = new CredentialEnvironment(
        Map.of("XDG_RUNTIME_DIR", runtime.toString(), "DOCKER_CONFIG", tmp.resolve("empty").toString()),
        tmp.resolve("no-home"));

    pushesWith(new CredentialChain(environment.sources(listener)), "podman");
  }

  @Test
  void anAnonymousPushIsRefusedWithWhereToPutCredentials() {
    Image image = TestImages.small(tmp.resolve("anonymous"), "anonymous\n");
    String host = pushRegistry.host();

    try (Registries registries = registries(CredentialSource.ANONYMOUS, CredentialSource.ANONYMOUS)) {
      assertThatThrownBy(() -> push(registries, image, host + "/apps/anonymous:1"))
          .isInstanceOf(BuilderException.class)
          .hasMessageStartingWith("registry " + host + " refused to push " + host + "/apps/anonymous (HTTP 401"
              + " Unauthorized")
          .hasMessageContaining("with no credentials")
          .hasMessageContaining("password for " + host + " to builder's registry credentials")
          .hasMessageContaining("docker login " + host);
    }
    assertThat(log).containsOnlyOnce("INFO no credentials found for registry " + host + "; pushing anonymously");
  }

  @Test
  void aWrongPasswordIsRefusedNamingTheUserAndTheSourceButNotTheSecret() {
    Image image = TestImages.small(tmp.resolve("wrong"), "wrong\n");
    String host = pushRegistry.host();
    CredentialSource wrong =
        registry -> Optional.of(new Credentials("bob", "wrong-password-123", "settings.xml <server> " + host));

    try (Registries registries = registries(wrong, wrong)) {
      assertThatThrownBy(() -> push(registries, image, host + "/apps/wrong:1"))
          .isInstanceOf(BuilderException.class)
          .hasMessageStartingWith("registry " + host + " refused to push " + host + "/apps/wrong (HTTP 401")
          .hasMessageContaining("with the credentials of user 'bob' from settings.xml <server> " + host)
          .hasMessageContaining("the registry did not accept them")
          .hasMessageNotContaining("wrong-password-123")
          .hasNoCause();
    }
    assertThat(String.join("\n", log)).doesNotContain("wrong-password-123")
        .doesNotContain(base64("bob:wrong-password-123"));
  }

  @Test
  void aBaseImagePullWithWrongCredentialsSaysItWasTheBasePull() {
    String host = baseRegistry.host();
    CredentialSource wrong = registry -> Optional.of(new Credentials("alice", "not-hers", "<auth><from>"));

    try (Registries registries = registries(wrong, CredentialSource.ANONYMOUS)) {
      assertThatThrownBy(() -> pull(registries, host + "/base/java:1", tmp.resolve("no-cache")))
          .isInstanceOf(BuilderException.class)
          .hasMessageStartingWith("registry " + host + " refused to pull base image " + host + "/base/java:1 (HTTP 401")
          .hasMessageContaining("user 'alice' from <auth><from>");
    }
  }

  @Test
  void theBaseComesFromOneRegistryAndTheImageGoesToAnotherWithOtherCredentials() throws Exception {
    String baseReference = baseRegistry.host() + "/base/small:1";
    Image base = TestImages.small(tmp.resolve("base"), "base layer\n");
    CredentialSource alice = registry -> registry.equals(baseRegistry.host())
        ? Optional.of(new Credentials("alice", ALICE_PASSWORD, "alice's")) : Optional.empty();
    try (Registries registries = registries(alice, alice)) {
      push(registries, base, baseReference);
    }

    String target = pushRegistry.host() + "/apps/on-base:1";
    Image app;
    // pull with alice's credentials only, push with bob's only: each registry refuses the other's user
    try (Registries registries = registries(alice, bob("bob's"))) {
      ResolvedImage pulled = pull(registries, baseReference, tmp.resolve("base-cache"));
      app = TestImages.on(pulled.image().layers(), tmp.resolve("app"), "app layer\n");
      Written pushed = push(registries, app, target);
      assertThat(pushed.transfer().uploaded()).isEqualTo(app.layers().size() + 1); // no mount across registries
    }
    try (Registries registries = registries(bob("bob's"), bob("bob's"))) {
      assertThat(pull(registries, target, tmp.resolve("app-cache")).digest()).isEqualTo(app.digest());
    }
  }

  @Test
  void aLoopbackRegistryWhoseCaIsNotGivenIsStillUsedButWithAWarning() throws Exception {
    Image image = TestImages.small(tmp.resolve("unverified"), "unverified\n");
    String reference = pushRegistry.host() + "/apps/unverified:1";

    try (Registries registries = new Registries(listener, bob("bob's"), false)) {
      assertThat(push(registries, image, reference).digest()).isEqualTo(image.digest());
    }

    assertThat(log).filteredOn(l -> l.startsWith("WARN")).isNotEmpty()
        .allMatch(l -> l.startsWith("WARN registry: Cannot verify server at https://" + pushRegistry.host()))
        .allMatch(l -> l.endsWith("list the CA certificate that signed the registry's certificate in "
            + dev.builder.core.Setting.CA_CERTIFICATES.mention() + "."));
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
