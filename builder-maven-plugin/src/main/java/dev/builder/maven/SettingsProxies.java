package dev.builder.maven;

import dev.builder.core.BuilderException;
import dev.builder.core.registry.ProxySettings;
import dev.builder.core.registry.RegistryProxy;
import java.util.stream.Collectors;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * settings.xml's active {@code <proxies>}, chosen as Maven's resolver chooses them for its repositories: for HTTPS the
 * first active proxy with protocol {@code https}, else the first with {@code http}; for plain HTTP the first with
 * {@code http}. Passwords are decrypted with Maven's own {@link SettingsDecrypter}, so {@code mvn --encrypt-password}
 * passwords work.
 */
final class SettingsProxies {
  private SettingsProxies() {}

  static ProxySettings of(Settings settings, SettingsDecrypter decrypter) {
    Proxy https = first(settings, "https");
    Proxy http = first(settings, "http");
    return new ProxySettings(convert(https != null ? https : http, decrypter), convert(http, decrypter));
  }

  private static Proxy first(Settings settings, String protocol) {
    for (Proxy proxy : settings.getProxies()) {
      String declared = proxy.getProtocol() == null ? "http" : proxy.getProtocol();
      if (proxy.isActive() && declared.equalsIgnoreCase(protocol)) {
        return proxy;
      }
    }
    return null;
  }

  private static RegistryProxy convert(Proxy proxy, SettingsDecrypter decrypter) {
    if (proxy == null) {
      return null;
    }
    String source = "settings.xml <proxy>" + (proxy.getId() == null ? "" : " with id " + proxy.getId());
    if (proxy.getHost() == null || proxy.getHost().isBlank()) {
      throw new BuilderException("the active " + source + " has no <host>; give it the proxy's host name, or set"
          + " <active>false</active>");
    }
    if (proxy.getPort() < 1 || proxy.getPort() > 65535) {
      throw new BuilderException("the " + source + " has <port>" + proxy.getPort() + "</port>; give the proxy's"
          + " port, 1 to 65535");
    }
    String password = proxy.getPassword();
    if (proxy.getUsername() != null && password != null) {
      password = decrypt(proxy, source, decrypter).getPassword();
    }
    return new RegistryProxy(proxy.getHost().trim(), proxy.getPort(), proxy.getUsername(), password,
        ProxySettings.patterns(proxy.getNonProxyHosts()), source);
  }

  private static Proxy decrypt(Proxy proxy, String source, SettingsDecrypter decrypter) {
    SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(proxy));
    String problems = result.getProblems().stream()
        .filter(p -> p.getSeverity() != SettingsProblem.Severity.WARNING)
        .map(SettingsProblem::getMessage)
        .collect(Collectors.joining("; "));
    if (!problems.isEmpty()) {
      throw new BuilderException("cannot decrypt the password of the " + source + ": " + problems + ". The master"
          + " password is in ~/.m2/settings-security.xml (or the file -Dsettings.security names); see"
          + " https://maven.apache.org/guides/mini/guide-encryption.html");
    }
    return result.getProxy();
  }
}
