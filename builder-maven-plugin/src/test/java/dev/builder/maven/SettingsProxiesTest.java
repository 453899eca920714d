package dev.builder.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.builder.core.BuilderException;
import dev.builder.core.registry.ProxySettings;
import dev.builder.core.registry.RegistryProxy;
import java.util.List;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.DefaultSettingsProblem;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.junit.jupiter.api.Test;

class SettingsProxiesTest {

  private static Proxy proxy(String id, String protocol, boolean active, String host) {
    Proxy proxy = new Proxy();
    proxy.setId(id);
    proxy.setProtocol(protocol);
    proxy.setActive(active);
    proxy.setHost(host);
    proxy.setPort(3128);
    return proxy;
  }

  private static Settings settings(Proxy... proxies) {
    Settings settings = new Settings();
    for (Proxy proxy : proxies) {
      settings.addProxy(proxy);
    }
    return settings;
  }

  /** Stands in for Maven's decrypter: "{...}" decrypts to "plain-...", or fails with {@code problems}. */
  private static SettingsDecrypter decrypter(List<SettingsProblem> problems) {
    return request -> {
      Proxy copy = request.getProxies().get(0).clone();
      copy.setPassword(copy.getPassword().replaceFirst("^\\{(.*)}$", "plain-$1"));
      return new SettingsDecryptionResult() {
        @Override
        public Server getServer() {
          return null;
        }

        @Override
        public List<Server> getServers() {
          return List.of();
        }

        @Override
        public Proxy getProxy() {
          return copy;
        }

        @Override
        public List<Proxy> getProxies() {
          return List.of(copy);
        }

        @Override
        public List<SettingsProblem> getProblems() {
          return problems;
        }
      };
    };
  }

  @Test
  void theFirstActiveProxyOfEachProtocolAndAnHttpOneServesHttpsToo() {
    Proxy off = proxy("off", "https", false, "off.corp");
    Proxy plain = proxy("plain", "http", true, "plain.corp");
    Proxy secure = proxy("secure", "https", true, "secure.corp");

    ProxySettings both = SettingsProxies.of(settings(off, plain, secure), decrypter(List.of()));
    assertThat(both.https().host()).isEqualTo("secure.corp");
    assertThat(both.https().source()).isEqualTo("settings.xml <proxy> with id secure");
    assertThat(both.http().host()).isEqualTo("plain.corp");

    ProxySettings httpOnly = SettingsProxies.of(settings(off, plain), decrypter(List.of()));
    assertThat(httpOnly.https().host()).isEqualTo("plain.corp");
    assertThat(SettingsProxies.of(settings(off), decrypter(List.of()))).isEqualTo(ProxySettings.NONE);
  }

  @Test
  void decryptsThePasswordAndKeepsTheNonProxyHosts() {
    Proxy corp = proxy("corp", "http", true, "proxy.corp");
    corp.setUsername("ci");
    corp.setPassword("{abc}");
    corp.setNonProxyHosts("*.internal.corp|mirror.example");

    RegistryProxy https = SettingsProxies.of(settings(corp), decrypter(List.of())).https();
    assertThat(https.password()).isEqualTo("plain-abc");
    assertThat(https.nonProxyHosts()).containsExactly("*.internal.corp", "mirror.example");
    assertThat(https.toString()).isEqualTo("proxy.corp:3128 as user ci (from settings.xml <proxy> with id corp)");
  }

  @Test
  void aPasswordThatCannotBeDecryptedIsAClearError() {
    Proxy corp = proxy("corp", "http", true, "proxy.corp");
    corp.setUsername("ci");
    corp.setPassword("{abc}");
    SettingsProblem problem = new DefaultSettingsProblem("master password missing", SettingsProblem.Severity.ERROR,
        "settings.xml", -1, -1, null);

    assertThatThrownBy(() -> SettingsProxies.of(settings(corp), decrypter(List.of(problem))))
        .isInstanceOf(BuilderException.class)
        .hasMessageStartingWith("cannot decrypt the password of the settings.xml <proxy> with id corp: master"
            + " password missing.");
  }
}
