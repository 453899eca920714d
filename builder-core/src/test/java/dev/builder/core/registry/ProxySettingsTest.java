package dev.builder.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.builder.core.BuilderException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ProxySettingsTest {
  private static final Properties NO_JVM = new Properties();

  private static Properties jvm(String... pairs) {
    Properties properties = new Properties();
    for (int i = 0; i < pairs.length; i += 2) {
      properties.setProperty(pairs[i], pairs[i + 1]);
    }
    return properties;
  }

  private static RegistryProxy https(ProxySettings settings, String host) {
    return settings.forTarget("https", host, 443).orElse(null);
  }

  @Test
  void readsTheEnvironmentInUpperOrLowerCaseWithUrlEncodedCredentials() {
    ProxySettings settings = ProxySettings.of(ProxySettings.NONE, NO_JVM, Map.of(
        "HTTPS_PROXY", "http://ci%40corp:p%3Ass+w@proxy.corp:3128/",
        "http_proxy", "plain.corp:8080"));

    RegistryProxy https = https(settings, "registry.example");
    assertThat(https).extracting(RegistryProxy::host, RegistryProxy::port, RegistryProxy::username,
        RegistryProxy::password).containsExactly("proxy.corp", 3128, "ci@corp", "p:ss+w");
    assertThat(https.toString()).isEqualTo("proxy.corp:3128 as user ci@corp (from the environment variable"
        + " HTTPS_PROXY)").doesNotContain("p:ss");
    assertThat(settings.forTarget("http", "registry.example", 80)).get()
        .extracting(RegistryProxy::address, RegistryProxy::username).containsExactly("plain.corp:8080", null);
    // without a port, 80, as Go's tools take it
    assertThat(https(ProxySettings.of(ProxySettings.NONE, NO_JVM, Map.of("https_proxy", "http://proxy.corp")),
        "r.example").port()).isEqualTo(80);
  }

  @Test
  void theLowerCaseVariableWinsAsCurlReadsThem() {
    ProxySettings settings = ProxySettings.of(ProxySettings.NONE, NO_JVM,
        Map.of("https_proxy", "http://lower:1", "HTTPS_PROXY", "http://upper:2"));

    assertThat(https(settings, "r.example").address()).isEqualTo("lower:1");
  }

  @Test
  void noProxyNamesDomainsWithTheirSubdomainsAddressesAndPorts() {
    ProxySettings settings = ProxySettings.of(ProxySettings.NONE, NO_JVM, Map.of("HTTPS_PROXY", "http://p:3128",
        "NO_PROXY", ".internal.corp, mirror.example ,10.1.2.3,registry.example:5000"));

    assertThat(https(settings, "a.internal.corp")).isNull();
    assertThat(https(settings, "internal.corp")).isNull();
    assertThat(https(settings, "mirror.example")).isNull();
    assertThat(https(settings, "eu.mirror.example")).isNull();
    assertThat(https(settings, "10.1.2.3")).isNull();
    assertThat(settings.forTarget("https", "registry.example", 5000)).isEmpty();
    assertThat(https(settings, "registry.example")).isNotNull();
    assertThat(https(settings, "notmirror.example")).isNotNull();
    assertThat(https(settings, "ghcr.io")).isNotNull();
    assertThat(https(ProxySettings.of(ProxySettings.NONE, NO_JVM, Map.of("HTTPS_PROXY", "p:1", "no_proxy", "*")),
        "ghcr.io")).isNull();
  }

  @Test
  void readsTheJvmPropertiesWithTheirDefaultPortsAndNonProxyHosts() {
    ProxySettings settings = ProxySettings.of(ProxySettings.NONE, jvm("https.proxyHost", "secure.corp",
        "http.proxyHost", "plain.corp", "http.nonProxyHosts", "*.internal.corp|mirror.example",
        "https.proxyUser", "ci", "https.proxyPassword", "s3cret"), Map.of());

    RegistryProxy https = https(settings, "ghcr.io");
    assertThat(https).extracting(RegistryProxy::address, RegistryProxy::username, RegistryProxy::password)
        .containsExactly("secure.corp:443", "ci", "s3cret");
    assertThat(https.source()).isEqualTo("the JVM property https.proxyHost");
    assertThat(settings.forTarget("http", "ghcr.io", 80)).get().extracting(RegistryProxy::address)
        .isEqualTo("plain.corp:80");
    assertThat(https(settings, "a.internal.corp")).isNull();
    assertThat(https(settings, "mirror.example")).isNull();
    assertThat(https(settings, "internal.corp")).isNotNull(); // the JVM's *.internal.corp is not itself
  }

  @Test
  void theBuildToolComesFirstThenTheJvmThenTheEnvironment() {
    RegistryProxy maven = new RegistryProxy("maven.corp", 8080, null, null, List.of(), "settings.xml <proxy> corp");
    Properties jvm = jvm("https.proxyHost", "jvm.corp", "http.proxyHost", "jvm-plain.corp");
    Map<String, String> env = Map.of("HTTPS_PROXY", "http://env.corp:1", "HTTP_PROXY", "http://env-plain.corp:2");

    ProxySettings all = ProxySettings.of(new ProxySettings(maven, null), jvm, env);
    assertThat(https(all, "ghcr.io")).isSameAs(maven);
    assertThat(all.forTarget("http", "ghcr.io", 80)).get().extracting(RegistryProxy::host)
        .isEqualTo("jvm-plain.corp");
    assertThat(https(ProxySettings.of(ProxySettings.NONE, jvm, env), "ghcr.io").host()).isEqualTo("jvm.corp");
    assertThat(https(ProxySettings.of(ProxySettings.NONE, NO_JVM, env), "ghcr.io").host()).isEqualTo("env.corp");
    assertThat(https(ProxySettings.of(ProxySettings.NONE, NO_JVM, Map.of()), "ghcr.io")).isNull();
  }

  @Test
  void registriesOnThisMachineAreNeverProxied() {
    ProxySettings settings = ProxySettings.of(ProxySettings.NONE, NO_JVM, Map.of("HTTPS_PROXY", "http://p:1"));

    assertThat(https(settings, "localhost")).isNull();
    assertThat(https(settings, "127.0.0.1")).isNull();
    assertThat(https(settings, "[::1]")).isNull();
    assertThat(https(settings, "::1")).isNull();
  }

  @Test
  void mavenStyleNonProxyHostsMayHaveWildcardsAnywhereAndPorts() {
    RegistryProxy proxy = new RegistryProxy("p", 1, null, null,
        ProxySettings.patterns("*.corp|registry-*.example,ghcr.io:5000"), "settings.xml <proxy> corp");

    assertThat(proxy.bypasses("a.b.corp", 443)).isTrue();
    assertThat(proxy.bypasses("registry-eu.example", 443)).isTrue();
    assertThat(proxy.bypasses("ghcr.io", 5000)).isTrue();
    assertThat(proxy.bypasses("ghcr.io", 443)).isFalse();
    assertThat(proxy.bypasses("corp", 443)).isFalse();
    assertThat(proxy.bypasses("REGISTRY-EU.example", 443)).isTrue();
  }

  @Test
  void aVariableThatIsNotAnHttpProxyUrlIsAClearErrorThatDoesNotQuoteIt() {
    assertThatThrownBy(() -> ProxySettings.of(ProxySettings.NONE, NO_JVM,
        Map.of("HTTPS_PROXY", "https://ci:t0ps3cret@proxy.corp:443")))
        .isInstanceOf(BuilderException.class)
        .hasMessage("the environment variable HTTPS_PROXY names a https proxy; builder speaks plain HTTP to proxies"
            + " (as Maven does): write http://proxy.corp:PORT, or leave it to another variable");
    assertThatThrownBy(() -> ProxySettings.of(ProxySettings.NONE, NO_JVM,
        Map.of("https_proxy", "http://ci:t0ps3cret@")))
        .isInstanceOf(BuilderException.class)
        .hasMessageStartingWith("the environment variable https_proxy is not a proxy URL")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("t0ps3cret"));
    assertThatThrownBy(() -> ProxySettings.of(ProxySettings.NONE, jvm("https.proxyHost", "p",
        "https.proxyPort", "eighty"), Map.of()))
        .hasMessage("the JVM property https.proxyPort must be a port number (1 to 65535), not 'eighty'");
  }
}
