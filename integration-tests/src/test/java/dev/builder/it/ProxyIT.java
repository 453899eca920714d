package dev.builder.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builder.core.BuildListener;
import dev.builder.core.cache.BlobCache;
import dev.builder.core.image.Platform;
import dev.builder.core.registry.CredentialSource;
import dev.builder.core.registry.ImageName;
import dev.builder.core.registry.ProxySettings;
import dev.builder.core.registry.Registries;
import dev.builder.core.registry.RegistryOptions;
import dev.builder.core.registry.RegistryProxy;
import dev.builder.core.registry.RegistrySource;
import dev.builder.testing.FileTrees;
import dev.builder.testing.ForwardingProxy;
import dev.builder.testing.RegistryServer;
import dev.builder.testing.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real Maven builds that push through a settings.xml {@code <proxy>}: a forwarding proxy on loopback that asks for
 * Basic credentials, in front of a TLS registry under a host name only the proxy knows. The proxy's password is
 * encrypted with {@code mvn --encrypt-password}.
 */
@Tag("maven")
@Tag("registry")
@Tag("root")
class ProxyIT {
  private static final String HIDDEN = "registry.behind-proxy.test";
  private static final String PROXY_PASSWORD = "corp-Pr0xy-pw";

  private static Path work;
  private static TestCertificates certificates;
  private static RegistryServer registry;
  private static ForwardingProxy proxy;
  private static String target;

  @BeforeAll
  static void start() throws Exception {
    work = Path.of(System.getProperty("it.work"), "proxy");
    FileTrees.deleteRecursively(work);
    certificates = TestCertificates.create(work.resolve("certs"), HIDDEN);
    registry = RegistryServer.builder().withTls(certificates).start();
    proxy = ForwardingProxy.withUser("ci", PROXY_PASSWORD, HIDDEN);
    target = HIDDEN + registry.host().substring(registry.host().lastIndexOf(':'));
  }

  @AfterAll
  static void stop() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    if (registry != null) {
      registry.close();
    }
  }

  /** A settings.xml proxy; Maven reaches Central directly, as the proxy knows only the registry. */
  private static String proxyXml(String userAndPassword) {
    return "<proxy><id>corp</id><active>true</active><protocol>http</protocol><host>127.0.0.1</host><port>"
        + proxy.port() + "</port>" + userAndPassword + "<nonProxyHosts>repo.maven.apache.org|*.maven.org"
        + "</nonProxyHosts></proxy>";
  }

  @Test
  void pushesThroughTheSettingsProxyWithAnEncryptedPassword() throws Exception {
    Path project = Maven.sample("hello-http", "proxy-encrypted");
    Path security = work.resolve("settings-security.xml");
    Maven maven = new Maven(work.resolve("encrypted"));
    String master = encrypted(maven.run(project, "--encrypt-master-password", "builder-master-password"));
    Files.writeString(security, "<settingsSecurity><master>" + master + "</master></settingsSecurity>");
    String password = encrypted(maven.run(project, "-Dsettings.security=" + security, "--encrypt-password",
        PROXY_PASSWORD));

    Maven.Result result = maven
        .withProxies(proxyXml("<username>ci</username><password>" + password + "</password>"))
        .run(project, "package", "builder:push", "-Dbuilder.from=oci-layout://" + Fixtures.baseLayout(),
            "-Dbuilder.repository=" + target + "/apps", "-Dbuilder.caCertificates=" + certificates.caCertificate(),
            "-Dsettings.security=" + security)
        .succeeded();

    assertThat(result.output().lines().filter(line -> line.contains("through proxy")))
        .containsExactly("[INFO] reaching https://" + target + " through proxy 127.0.0.1:" + proxy.port()
            + " as user ci (from settings.xml <proxy> with id corp)");
    assertThat(result.output()).doesNotContain(PROXY_PASSWORD);
    assertThat(result.lastPluginLine()).startsWith(target + "/apps/hello-http@sha256:");
    assertThat(proxy.tunnels()).isPositive();

    // read back through the proxy: nothing else knows the name
    String digest = Images.imageJson(project).get("digest").asText();
    RegistryProxy corp = new RegistryProxy("127.0.0.1", proxy.port(), "ci", PROXY_PASSWORD, List.of(), "test");
    try (Registries registries = new Registries(BuildListener.SILENT, new RegistryOptions(CredentialSource.ANONYMOUS,
        CredentialSource.ANONYMOUS, List.of(certificates.caCertificate()), false)
        .withProxies(new ProxySettings(corp, null)))) {
      assertThat(new RegistrySource(registries, new BlobCache(project.resolve("target/check-cache")),
          ImageName.parse(target + "/apps/hello-http:1.0.0")).resolve(Platform.LINUX_AMD64).digest().toString())
          .isEqualTo(digest);
    }
  }

  @Test
  void aProxyThatAsksForCredentialsItWasNotGivenFailsTheBuildNamingIt() throws Exception {
    Path project = Maven.sample("hello-http", "proxy-no-credentials");

    Maven.Result result = new Maven(work.resolve("no-credentials"))
        .withProxies(proxyXml(""))
        .run(project, "package", "builder:push", "-Dbuilder.from=oci-layout://" + Fixtures.baseLayout(),
            "-Dbuilder.repository=" + target + "/apps", "-Dbuilder.caCertificates=" + certificates.caCertificate())
        .failed();

    assertThat(result.output().lines().filter(l -> l.startsWith("[ERROR] Failed to execute goal")).findFirst())
        .get().asString()
        .contains("builder: cannot push " + target + "/apps/hello-http")
        .contains("proxy 127.0.0.1:" + proxy.port() + " (from settings.xml <proxy> with id corp) asks for"
            + " credentials (HTTP 407) to reach " + target + ", and none were given");
  }

  private static String encrypted(Maven.Result result) {
    return result.succeeded().output().lines().map(String::trim).filter(l -> l.matches("\\{.+}"))
        .findFirst().orElseThrow(() -> new AssertionError("no encrypted password in:\n" + result.output()));
  }
}
