package dev.builder.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builder.core.BuildListener;
import dev.builder.core.cache.BlobCache;
import dev.builder.core.image.Platform;
import dev.builder.core.registry.CredentialSource;
import dev.builder.core.registry.Credentials;
import dev.builder.core.registry.ImageName;
import dev.builder.core.registry.Registries;
import dev.builder.core.registry.RegistryOptions;
import dev.builder.core.registry.RegistrySource;
import dev.builder.testing.CredentialHelperScript;
import dev.builder.testing.CredentialHelperScript.Credential;
import dev.builder.testing.FileTrees;
import dev.builder.testing.RegistryServer;
import dev.builder.testing.TestCertificates;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real Maven builds against two registries on loopback that serve TLS from a CA made for the test and ask for
 * htpasswd credentials: alice's holds the base image, bob's receives the pushes. Each build takes credentials from a
 * different place users keep them, and the failing ones are checked for what they say and for every secret in play.
 */
@Tag("maven")
@Tag("registry")
@Tag("root")
@Tag("podman")
class RegistryCredentialsIT {
  private static final String ALICE_PASSWORD = "alice-base-Pa55";
  private static final String BOB_PASSWORD = "bob-target-Pa55";
  private static final String WRONG_PASSWORD = "not-bobs-Pa55word";
  /** A name that does not look like this machine, resolved to 127.0.0.1 by the builds' own hosts file. */
  private static final String ECR_HOST = "123456789012.dkr.ecr.us-east-1.amazonaws.com";

  private static Path work;
  private static TestCertificates certificates;
  private static RegistryServer baseRegistry;
  private static RegistryServer targetRegistry;
  private static String base;
  private static Path hostsFile;

  @BeforeAll
  static void start() throws Exception {
    work = Path.of(System.getProperty("it.work"), "credentials");
    FileTrees.deleteRecursively(work);
    certificates = TestCertificates.create(work.resolve("certs"), ECR_HOST);
    baseRegistry = RegistryServer.builder().withTls(certificates).withHtpasswd("alice", ALICE_PASSWORD).start();
    targetRegistry = RegistryServer.builder().withTls(certificates).withHtpasswd("bob", BOB_PASSWORD).start();
    CredentialSource alice = registry -> Optional.of(new Credentials("alice", ALICE_PASSWORD, "test"));
    base = Fixtures.pushBase(baseRegistry,
        new RegistryOptions(alice, alice, List.of(certificates.caCertificate()), false));
    hostsFile = writeHostsFile();
  }

  @AfterAll
  static void stop() {
    if (baseRegistry != null) {
      baseRegistry.close();
    }
    if (targetRegistry != null) {
      targetRegistry.close();
    }
  }

  @Test
  void anEncryptedSettingsPasswordForTheBaseAndTheDockerConfigForTheTarget() throws Exception {
    Path project = Maven.sample("hello-http", "credentials-settings-docker");
    Path security = work.resolve("settings-security.xml");
    Maven maven = isolated(project);
    String master = encrypted(maven.run(project, "--encrypt-master-password", "builder-master-password"));
    Files.writeString(security, "<settingsSecurity><master>" + master + "</master></settingsSecurity>");
    String alicesEncrypted = encrypted(
        maven.run(project, "-Dsettings.security=" + security, "--encrypt-password", ALICE_PASSWORD));
    Path dockerConfig = dockerConfig("docker-config-bob", targetRegistry.host(), "bob", BOB_PASSWORD);

    Maven.Result result = maven
        .withServers(server(baseRegistry.host(), "alice", alicesEncrypted))
        .withEnvironment("DOCKER_CONFIG", dockerConfig.toString())
        .run(project, "package", "builder:push", "-Dbuilder.from=" + base,
            "-Dbuilder.repository=" + targetRegistry.host() + "/apps",
            "-Dbuilder.caCertificates=" + certificates.caCertificate(), "-Dsettings.security=" + security)
        .succeeded();

    assertThat(result.output()).doesNotContain("no credentials found").doesNotContain("Cannot verify server");
    assertPushed(project, targetRegistry.host() + "/apps/hello-http:1.0.0");
  }

  @Test
  void thePluginsAuthWithAPasswordFromTheEnvironmentAndAHelperAndNothingLeaksWithDebugLogging() throws Exception {
    Path project = Maven.sample("private-registry", "credentials-plugin-auth");
    Path bin = work.resolve("plugin-auth-bin");
    CredentialHelperScript.write(bin, "itest", Map.of(targetRegistry.host(), new Credential("bob", BOB_PASSWORD)));

    Maven.Result result = isolated(project)
        .withEnvironment("BASE_REGISTRY_USER", "alice")
        .withEnvironment("BASE_REGISTRY_PASSWORD", ALICE_PASSWORD)
        .withEnvironment("TARGET_REGISTRY_HELPER", "itest")
        .withEnvironment("REGISTRY_CA", certificates.caCertificate().toString())
        .withEnvironment("PATH", bin + ":" + System.getenv("PATH"))
        .run(project, "-X", "package", "builder:push", "-Dbuilder.from=" + base,
            "-Dbuilder.repository=" + targetRegistry.host() + "/apps")
        .succeeded();

    assertThat(Files.readString(bin.resolve("itest.calls"))).contains(targetRegistry.host());
    assertThat(result.output())
        .contains("(f) password = ******") // Maven's -X log of the parameters builder's goal gets, masked
        .contains("using credentials for alice from <auth><from> in the plugin configuration to pull base image")
        .contains("using credentials for bob from credential helper docker-credential-itest (<auth><to><helper>");
    // With -X, Maven itself prints the goal's configuration after ${env.X} is resolved, and maven-resources-plugin
    // prints every environment variable: a secret in the environment is in those two lines, whatever plugin uses
    // it. The README says so. No other line may hold it.
    assertNoSecrets(result, project, List.of(
        "<password>" + ALICE_PASSWORD + "</password>", "[DEBUG] env.BASE_REGISTRY_PASSWORD: " + ALICE_PASSWORD));
    assertPushed(project, targetRegistry.host() + "/apps/private-app:1.0.0");
  }

  @Test
  void aPodmanAuthFileForTheBaseAndAPlainSettingsPasswordForTheTarget() throws Exception {
    Path project = Maven.sample("hello-http", "credentials-podman-settings");
    Path authFile = dockerConfig("podman-alice", baseRegistry.host(), "alice", ALICE_PASSWORD);

    isolated(project)
        .withServers(server(targetRegistry.host(), "bob", BOB_PASSWORD))
        .withEnvironment("REGISTRY_AUTH_FILE", authFile.resolve("config.json").toString())
        .run(project, "package", "builder:push", "-Dbuilder.from=" + base,
            "-Dbuilder.repository=" + targetRegistry.host() + "/apps",
            "-Dbuilder.caCertificates=" + certificates.caCertificate())
        .succeeded();

    assertPushed(project, targetRegistry.host() + "/apps/hello-http:1.0.0");
  }

  @Test
  void aKnownHelperOnThePathForARegistryThatIsNotOnLoopbackVerifiedWithThePrivateCa() throws Exception {
    Path project = Maven.sample("hello-http", "credentials-known-helper");
    Path bin = work.resolve("known-helper-bin");
    String target = ECR_HOST + ":" + port(targetRegistry);
    CredentialHelperScript.write(bin, "ecr-login", Map.of(target, new Credential("bob", BOB_PASSWORD)));

    Maven.Result result = isolated(project)
        .withEnvironment("PATH", bin + ":" + System.getenv("PATH"))
        .withEnvironment("MAVEN_OPTS", "-Djdk.net.hosts.file=" + hostsFile)
        .run(project, "package", "builder:push", "-Dbuilder.from=oci-layout://" + Fixtures.baseLayout(),
            "-Dbuilder.repository=" + target + "/apps", "-Dbuilder.caCertificates=" + certificates.caCertificate())
        .succeeded();

    assertThat(result.lastPluginLine()).startsWith(target + "/apps/hello-http@sha256:");
    assertThat(Files.readString(bin.resolve("ecr-login.calls"))).isEqualTo(target + "\n");
    assertPushed(project, targetRegistry.host() + "/apps/hello-http:1.0.0");
  }

  @Test
  void withoutTheCaARegistryThatIsNotOnLoopbackIsRefusedWithWhatToDo() throws Exception {
    Path project = Maven.sample("hello-http", "credentials-no-ca");
    String target = ECR_HOST + ":" + port(targetRegistry);

    Maven.Result result = isolated(project)
        .withEnvironment("MAVEN_OPTS", "-Djdk.net.hosts.file=" + hostsFile)
        .run(project, "package", "builder:push", "-Dbuilder.from=oci-layout://" + Fixtures.baseLayout(),
            "-Dbuilder.repository=" + target + "/apps")
        .failed();

    assertThat(failure(result))
        .contains("builder: cannot push " + target + "/apps/hello-http")
        .contains("registry " + target + " does not offer HTTPS that this JVM can verify")
        .contains("<caCertificates>")
        .contains("-Djavax.net.ssl.trustStore");
  }

  @Test
  void aTrustStoreGivenInMavenOptsIsTrustedAsTheJvmsOwn() throws Exception {
    Path project = Maven.sample("hello-http", "credentials-trust-store");
    Path trustStore = work.resolve("truststore.p12");
    Files.deleteIfExists(trustStore);
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-importcert", "-noprompt", "-alias", "builder-test-ca", "-file", certificates.caCertificate().toString(),
        "-keystore", trustStore.toString(), "-storetype", "PKCS12", "-storepass", "changeit")
        .redirectErrorStream(true).start();
    assertThat(keytool.waitFor()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
    String target = ECR_HOST + ":" + port(targetRegistry);

    isolated(project)
        .withEnvironment("DOCKER_CONFIG", dockerConfig("docker-config-ecr", target, "bob", BOB_PASSWORD).toString())
        .withEnvironment("MAVEN_OPTS", "-Djdk.net.hosts.file=" + hostsFile + " -Djavax.net.ssl.trustStore=" + trustStore
            + " -Djavax.net.ssl.trustStorePassword=changeit -Djavax.net.ssl.trustStoreType=PKCS12")
        .run(project, "package", "builder:push", "-Dbuilder.from=oci-layout://" + Fixtures.baseLayout(),
            "-Dbuilder.repository=" + target + "/apps")
        .succeeded();

    assertPushed(project, targetRegistry.host() + "/apps/hello-http:1.0.0");
  }

  @Test
  void aWrongPasswordFailsNamingTheRegistryOperationAndSourceAndNoSecretIsPrintedOrWritten() throws Exception {
    Path project = Maven.sample("hello-http", "credentials-wrong-password");
    Path dockerConfig = dockerConfig("docker-config-alice", baseRegistry.host(), "alice", ALICE_PASSWORD);
    String host = targetRegistry.host();

    Maven.Result result = isolated(project)
        .withServers(server(host, "bob", WRONG_PASSWORD))
        .withEnvironment("DOCKER_CONFIG", dockerConfig.toString())
        .run(project, "-X", "package", "builder:push", "-Dbuilder.from=" + base,
            "-Dbuilder.repository=" + host + "/apps", "-Dbuilder.caCertificates=" + certificates.caCertificate())
        .failed();

    assertThat(failure(result))
        .contains("builder: registry " + host + " refused to push " + host + "/apps/hello-http (HTTP 401 Unauthorized")
        .contains("with the credentials of user 'bob' from settings.xml <server> with id " + host)
        .contains("Check the user name and password (or token) in settings.xml <server> with id " + host);
    assertThat(result.output())
        .contains("using credentials for alice from auths in Docker config " + dockerConfig.resolve("config.json"));
    assertNoSecrets(result, project, List.of());
  }

  /** A Maven that sees no Docker or Podman credentials of the machine it runs on. */
  private static Maven isolated(Path project) throws IOException {
    Path empty = Files.createDirectories(work.resolve("empty"));
    return new Maven(project.getParent())
        .withEnvironment("DOCKER_CONFIG", empty.toString())
        .withEnvironment("XDG_RUNTIME_DIR", empty.toString())
        .withEnvironment("REGISTRY_AUTH_FILE", "");
  }

  private static Path dockerConfig(String name, String registry, String user, String password) throws IOException {
    Path directory = Files.createDirectories(work.resolve(name));
    Files.writeString(directory.resolve("config.json"),
        "{\"auths\":{\"" + registry + "\":{\"auth\":\"" + base64(user + ":" + password) + "\"}}}");
    return directory;
  }

  private static String server(String id, String user, String password) {
    return "<server><id>" + id + "</id><username>" + user + "</username><password>" + password + "</password></server>";
  }

  private static String encrypted(Maven.Result result) {
    return result.succeeded().output().lines().map(String::trim).filter(l -> l.matches("\\{.+}"))
        .findFirst().orElseThrow(() -> new AssertionError("no encrypted password in:\n" + result.output()));
  }

  private static String failure(Maven.Result result) {
    return result.output().lines().filter(l -> l.startsWith("[ERROR] Failed to execute goal")).findFirst()
        .orElseThrow(() -> new AssertionError("no failure in:\n" + result.output()));
  }

  /** The image in image.json is in the target registry, as bob can read it back. */
  private static void assertPushed(Path project, String reference) throws IOException {
    String digest = Images.imageJson(project).get("digest").asText();
    CredentialSource bob = registry -> Optional.of(new Credentials("bob", BOB_PASSWORD, "test"));
    try (Registries registries = new Registries(BuildListener.SILENT,
        new RegistryOptions(bob, bob, List.of(certificates.caCertificate()), false))) {
      var pulled = new RegistrySource(registries, new BlobCache(project.resolve("target/check-cache")),
          ImageName.parse(reference)).resolve(Platform.LINUX_AMD64);
      assertThat(pulled.digest().toString()).isEqualTo(digest);
    }
  }

  /**
   * No password, and no base64 auth string made of one, in what Maven printed (but for {@code mavensOwnLines}, whole
   * lines Maven and other plugins print) or in any file under target/.
   */
  private static void assertNoSecrets(Maven.Result result, Path project, List<String> mavensOwnLines)
      throws IOException {
    List<String> secrets = new ArrayList<>(List.of(ALICE_PASSWORD, BOB_PASSWORD, WRONG_PASSWORD));
    for (String auth : List.of("alice:" + ALICE_PASSWORD, "bob:" + BOB_PASSWORD, "bob:" + WRONG_PASSWORD)) {
      secrets.add(base64(auth));
    }
    List<String> printed = result.output().lines().map(String::trim).filter(l -> !mavensOwnLines.contains(l)).toList();
    for (String secret : secrets) {
      assertThat(printed).as("Maven's output").noneMatch(line -> line.contains(secret));
    }
    try (Stream<Path> files = Files.walk(project.resolve("target"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        for (String secret : secrets) {
          assertThat(content).as(file.toString()).doesNotContain(secret);
        }
      }
    }
  }

  /**
   * A hosts file for the builds' JVM ({@code -Djdk.net.hosts.file}) that puts {@link #ECR_HOST} on 127.0.0.1, so a
   * registry here is reached under a name that is not loopback and must be verified; Maven Central keeps its real
   * addresses, for plugins the samples may still need to download.
   */
  private static Path writeHostsFile() throws IOException {
    StringBuilder hosts = new StringBuilder("127.0.0.1 localhost\n127.0.0.1 " + ECR_HOST + "\n");
    try {
      for (InetAddress address : InetAddress.getAllByName("repo.maven.apache.org")) {
        hosts.append(address.getHostAddress()).append(" repo.maven.apache.org\n");
      }
    } catch (IOException offline) {
      // without a network the builds use what the local repositories hold
    }
    return Files.writeString(work.resolve("hosts"), hosts);
  }

  private static int port(RegistryServer registry) {
    return Integer.parseInt(registry.host().substring(registry.host().lastIndexOf(':') + 1));
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
