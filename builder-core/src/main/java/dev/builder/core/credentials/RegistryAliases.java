package dev.builder.core.credentials;

import com.google.cloud.tools.jib.registry.RegistryAliasGroup;
import java.util.List;

/** The names one registry goes by in auth files and settings: Docker Hub has four. */
public final class RegistryAliases {
  private static final String DOCKER_HUB_SERVER = "https://index.docker.io/v1/";

  private RegistryAliases() {}

  /** {@code registry} first, then its aliases. */
  public static List<String> of(String registry) {
    return List.copyOf(RegistryAliasGroup.getAliasesGroup(registry));
  }

  /** What {@code docker login} stores and credential helpers expect as the server of this registry. */
  static String serverUrl(String registry) {
    return of(registry).contains("index.docker.io") ? DOCKER_HUB_SERVER : registry;
  }
}
