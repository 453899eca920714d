package dev.builder.maven;

import dev.builder.core.BuildListener;
import dev.builder.core.credentials.CredentialChain;
import dev.builder.core.credentials.CredentialEnvironment;
import dev.builder.core.registry.CredentialSource;
import dev.builder.core.registry.ProxySettings;
import dev.builder.core.registry.RegistryOptions;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Turns the plugin's registry parameters into the core's {@link RegistryOptions}. Credentials are looked for in this
 * order, for the base image with {@code <auth><from>} and for the target with {@code <auth><to>}: the plugin's
 * {@code <auth>}, a settings.xml {@code <server>}, the Docker config, the Podman auth file, a known credential helper
 * on the PATH; else anonymous. Registry requests go through settings.xml's active proxy, else the one the JVM's
 * {@code https.proxyHost}/{@code http.proxyHost} properties name, else the one {@code HTTPS_PROXY}/{@code HTTP_PROXY}
 * name.
 */
final class RegistryAccess {
  private RegistryAccess() {}

  static RegistryOptions options(
      Auth auth,
      List<File> caCertificates,
      boolean allowInsecure,
      Settings settings,
      SettingsDecrypter decrypter,
      CredentialEnvironment environment,
      BuildListener listener) {
    Auth given = auth == null ? new Auth() : auth;
    List<CredentialSource> shared = new ArrayList<>();
    shared.add(new SettingsCredentials(settings, decrypter));
    shared.addAll(environment.sources(listener));
    return new RegistryOptions(
        chain(given.from().source("from", environment.variables()).orElse(null), shared),
        chain(given.to().source("to", environment.variables()).orElse(null), shared),
        caCertificates == null ? List.of() : caCertificates.stream().map(File::toPath).toList(),
        allowInsecure)
        .withProxies(ProxySettings.of(SettingsProxies.of(settings, decrypter), System.getProperties(),
            environment.variables()));
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
