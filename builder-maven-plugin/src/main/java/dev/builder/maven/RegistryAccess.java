package dev.builder.maven;

import dev.builder.core.BuildListener;
import dev.builder.core.credentials.CredentialChain;
import dev.builder.core.credentials.CredentialEnvironment;
import dev.builder.core.registry.CredentialSource;
import dev.builder.core.registry.ProxySettings;
import dev.builder.core.registry.RegistryMirrors;
import dev.builder.core.registry.RegistryOptions;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Turns the plugin's registry parameters into the core's {@link RegistryOptions}. Credentials are looked for in this
 * order, for the base image with {@code <auth><from>} and for the target with {@code <auth><to>}: the plugin's
 * {@code <auth>}, a settings.xml {@code <server>}, the Docker config, the Podman auth file, a known credential helper
 * on the PATH; else anonymous. A mirror of the base's registry is a host of its own: it is given the credentials
 * found for it, never those of {@code <auth><from>}, which are meant for the base's registry. Registry requests go
 * through settings.xml's active proxy, else the one the JVM's {@code https.proxyHost}/{@code http.proxyHost}
 * properties name, else the one {@code HTTPS_PROXY}/{@code HTTP_PROXY} name.
 */
final class RegistryAccess {
  private RegistryAccess() {}

  static RegistryOptions options(
      Auth auth,
      List<File> caCertificates,
      boolean allowInsecure,
      RegistryMirrors mirrors,
      Settings settings,
      SettingsDecrypter decrypter,
      CredentialEnvironment environment,
      BuildListener listener) {
    Auth given = auth == null ? new Auth() : auth;
    List<CredentialSource> shared = new ArrayList<>();
    shared.add(new SettingsCredentials(settings, decrypter));
    shared.addAll(environment.sources(listener));
    Set<String> mirrorHosts = mirrors.hosts();
    CredentialSource from = given.from().source("from", environment.variables())
        .<CredentialSource>map(source -> registry -> mirrorHosts.contains(registry.toLowerCase(Locale.ROOT))
            ? Optional.empty() : source.find(registry))
        .orElse(null);
    return new RegistryOptions(
        chain(from, shared),
        chain(given.to().source("to", environment.variables()).orElse(null), shared),
        caCertificates == null ? List.of() : caCertificates.stream().map(File::toPath).toList(),
        allowInsecure)
        .withProxies(ProxySettings.of(SettingsProxies.of(settings, decrypter), System.getProperties(),
            environment.variables()))
        .withMirrors(mirrors);
  }

  /**
   * {@code <registryMirrors>}, with {@code -Dbuilder.registryMirrors} replacing its entries for the registries named.
   */
  static RegistryMirrors mirrors(List<RegistryMirror> pom, String property) {
    RegistryMirrors fromPom = RegistryMirrors.of(
        pom == null ? List.of() : pom.stream().map(RegistryMirror::given).toList(), "<registryMirrors>");
    return fromPom.overriddenBy(RegistryMirrors.parse(property, "builder.registryMirrors"));
  }

  private static CredentialSource chain(CredentialSource first, List<CredentialSource> rest) {
    List<CredentialSource> all = new ArrayList<>();
    if (first != null) {
      all.add(first);
    }
    all.addAll(rest);
    return new CredentialChain(all);
  }
}
