package dev.builder.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.builder.core.BuildListener;
import dev.builder.core.BuilderException;
import dev.builder.core.TestImages;
import dev.builder.core.cache.BlobCache;
import dev.builder.core.image.Image;
import dev.builder.core.image.Platform;
import dev.builder.testing.ForwardingProxy;
import dev.builder.testing.RecordingListener;
import dev.builder.testing.RegistryServer;
import dev.builder.testing.TestCertificates;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pushes and pulls through a real forwarding proxy on loopback, to a TLS registry by a host name that only the proxy
 * knows: a request that reaches the registry went through the proxy, as nothing else can resolve that name.
 */
@Tag("registry")
class ProxyTest {
  private static final String HIDDEN = "registry.behind-proxy.test";
  private static final String BOB_PASSWORD = "bob-registry-pw";
  private static final String PROXY_PASSWORD = "pr0xy-Secret!";

  @TempDir static Path tmp;
  private static TestCertificates certificates;
  private static RegistryServer registry;
  private static String hiddenRegistry;

  @BeforeAll
  static void start() throws Exception {
    certificates = TestCertificates.create(tmp.resolve("certs"), HIDDEN);
    registry = RegistryServer.builder().withTls(certificates).withHtpasswd("bob", BOB_PASSWORD).start();
    hiddenRegistry = HIDDEN + registry.host().substring(registry.host().lastIndexOf(':'));
  }

  @AfterAll
  static void stop() {
    registry.close();
  }

  private final RecordingListener listener = new RecordingListener();

  private static RegistryProxy proxy(ForwardingProxy proxy, String user, String password, String... nonProxyHosts) {
    return new RegistryProxy(proxy.host(), proxy.port(), user, password, List.of(nonProxyHosts), "the test");
  }

  private Registries registries(RegistryProxy https) {
    CredentialSource bob = host -> Optional.of(new Credentials("bob", BOB_PASSWORD, "the test"));
    return new Registries(listener, new RegistryOptions(bob, bob, List.of(certificates.caCertificate()), false)
        .withTimeout(Duration.ofSeconds(5)).withRetry(RetryPolicy.NONE)
        .withProxies(new ProxySettings(https, null)));
  }

  private static Image pushAndPull(Registries registries, String reference, String content) {
    Image image = TestImages.small(tmp.resolve(content), content + "\n");
    ImageName name = ImageName.parse(reference);
    assertThat(new RegistrySink(registries, BuildListener.SILENT).push(image, name, List.of(name.tag())).digest())
        .isEqualTo(image.digest());
    assertThat(new RegistrySource(registries, new BlobCache(tmp.resolve(content + "-cache")), name)
        .resolve(Platform.LINUX_AMD64).digest()).isEqualTo(image.digest());
    return image;
  }

  @Test
  void pushesAndPullsThroughTheProxyByANameOnlyItKnows() throws Exception {
    try (ForwardingProxy proxy = ForwardingProxy.start(HIDDEN); Registries registries = registries(proxy(proxy,
        null, null))) {
      pushAndPull(registries, hiddenRegistry + "/through/app:1", "through");

      assertThat(proxy.tunnels()).isPositive();
      assertThat(proxy.requests()).allSatisfy(r -> assertThat(r.target()).isEqualTo(hiddenRegistry));
      assertThat(listener.lines).filteredOn(line -> line.contains("through proxy"))
          .containsExactly("INFO reaching https://" + hiddenRegistry + " through proxy 127.0.0.1:" + proxy.port()
              + " (from the test)");
    }
  }

  @Test
  void givesTheProxyItsCredentialsAndNeverLogsThePassword() throws Exception {
    try (ForwardingProxy proxy = ForwardingProxy.withUser("alice", PROXY_PASSWORD, HIDDEN);
        Registries registries = registries(proxy(proxy, "alice", PROXY_PASSWORD))) {
      pushAndPull(registries, hiddenRegistry + "/with-user/app:1", "with-user");

      assertThat(proxy.requests()).isNotEmpty().allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
      assertThat(listener.lines).anyMatch(line -> line.contains("through proxy 127.0.0.1:" + proxy.port()
          + " as user alice"));
      assertThat(listener.lines).noneMatch(line -> line.contains(PROXY_PASSWORD));
    }
  }

  @Test
  void aProxyThatAsksForCredentialsItWasNotGivenIsAClearError() throws Exception {
    try (ForwardingProxy proxy = ForwardingProxy.withUser("alice", PROXY_PASSWORD, HIDDEN)) {
      try (Registries registries = registries(proxy(proxy, null, null))) {
        assertThatThrownBy(() -> pushAndPull(registries, hiddenRegistry + "/no-user/app:1", "no-user"))
            .isInstanceOf(BuilderException.class)
            .hasMessageStartingWith("cannot push " + hiddenRegistry + "/no-user/app (authenticate): proxy 127.0.0.1:"
                + proxy.port()
                + " (from the test) asks for credentials (HTTP 407) to reach " + hiddenRegistry + ", and none were"
                + " given.");
      }
      try (Registries registries = registries(proxy(proxy, "alice", "wrong-" + PROXY_PASSWORD))) {
        assertThatThrownBy(() -> pushAndPull(registries, hiddenRegistry + "/wrong-user/app:1", "wrong-user"))
            .isInstanceOf(BuilderException.class)
            .hasMessageContaining("proxy 127.0.0.1:" + proxy.port() + " as user alice (from the test) did not accept"
                + " the credentials of user alice (HTTP 407)")
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PROXY_PASSWORD));
      }
      assertThat(listener.lines).noneMatch(line -> line.contains(PROXY_PASSWORD));
    }
  }

  @Test
  void aProxyThatRefusesTheTunnelIsNamed() throws Exception {
    try (ForwardingProxy proxy = ForwardingProxy.start("elsewhere.test");
        Registries registries = registries(proxy(proxy, null, null))) {
      assertThatThrownBy(() -> pushAndPull(registries, hiddenRegistry + "/refused/app:1", "refused"))
          .isInstanceOf(BuilderException.class)
          .hasMessageContaining("proxy 127.0.0.1:" + proxy.port() + " (from the test) refused CONNECT to registry "
              + hiddenRegistry + ": HTTP/1.1 502 Bad Gateway");
    }
  }

  @Test
  void aProxyThatIsNotRunningIsNamed() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    RegistryProxy down = new RegistryProxy("127.0.0.1", closed, null, null, List.of(), "the test");
    try (Registries registries = registries(down)) {
      assertThatThrownBy(() -> pushAndPull(registries, hiddenRegistry + "/down/app:1", "down"))
          .isInstanceOf(BuilderException.class)
          .hasMessageContaining("cannot connect to proxy 127.0.0.1:" + closed + " (from the test)");
    }
  }

  @Test
  void nonProxyHostsAndLoopbackRegistriesAreReachedDirectly() throws Exception {
    try (ForwardingProxy proxy = ForwardingProxy.start(HIDDEN)) {
      try (Registries registries = registries(proxy(proxy, null, null, "*.behind-proxy.test"))) {
        // directly, the name is unknown
        assertThatThrownBy(() -> pushAndPull(registries, hiddenRegistry + "/direct/app:1", "direct"))
            .hasMessageContaining("the registry host " + hiddenRegistry + " is unknown");
      }
      try (Registries registries = registries(proxy(proxy, null, null))) {
        pushAndPull(registries, registry.host() + "/loopback/app:1", "loopback");
      }
      assertThat(proxy.requests()).isEmpty();
    }
  }

  @Test
  void theCertificateCheckGoesThroughTheProxyToo() throws Exception {
    try (ForwardingProxy proxy = ForwardingProxy.start(HIDDEN)) {
      // the JVM's trust store does not know the test CA: only a handshake with the registry can fail so
      assertThatThrownBy(() -> TlsCheck.verify(hiddenRegistry, null, Duration.ofSeconds(5),
          new ProxySettings(proxy(proxy, null, null), null), new ProxyConnections.Announcer(line -> {})))
          .isInstanceOf(SSLException.class);
      assertThat(proxy.tunnels()).isEqualTo(1);
    }
  }

  @Test
  void anInsecurePlainHttpRegistryIsAskedThroughTheProxyWithItsCredentials() throws Exception {
    try (RegistryServer plain = RegistryServer.start();
        ForwardingProxy proxy = ForwardingProxy.withUser("alice", PROXY_PASSWORD, HIDDEN)) {
      String hiddenPlain = HIDDEN + plain.host().substring(plain.host().lastIndexOf(':'));
      RegistryOptions options = new RegistryOptions(CredentialSource.ANONYMOUS, CredentialSource.ANONYMOUS,
          List.of(), true).withTimeout(Duration.ofSeconds(5)).withRetry(RetryPolicy.NONE)
          .withProxies(new ProxySettings(proxy(proxy, "alice", PROXY_PASSWORD), proxy(proxy, "alice",
              PROXY_PASSWORD)));
      try (Registries registries = new Registries(listener, options)) {
        pushAndPull(registries, hiddenPlain + "/plain/app:1", "plain");
      }
      // after HTTPS failed (in tunnels through the proxy too), plain HTTP
      assertThat(proxy.requests()).filteredOn(r -> !r.method().equals("CONNECT")).isNotEmpty().allSatisfy(r -> {
        assertThat(r.target()).startsWith("http://" + hiddenPlain + "/v2/");
        assertThat(r.status()).isEqualTo(200);
      });
    }
  }
}
