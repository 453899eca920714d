package dev.builder.maven;

import dev.builder.core.registry.RegistryMirrors;
import java.util.List;

/**
 * One entry of {@code <registryMirrors>}, as Jib spells it: {@code <mirror><registry>docker.io</registry><mirrors>
 * <mirror>mirror.acme.example</mirror></mirrors></mirror>}. (Not named {@code Mirror}: Maven would then read each
 * {@code <mirror>} inside {@code <mirrors>} as one of these rather than as a string.)
 */
public class RegistryMirror {
  /** The registry the mirrors stand in for, as image names start: {@code docker.io}, {@code quay.io}. */
  String registry;

  /** The mirrors, tried in order: {@code host[:port][/path]}. */
  List<String> mirrors;

  /** For Maven, which sets the fields from the POM. */
  public RegistryMirror() {}

  RegistryMirror(String registry, List<String> mirrors) {
    this.registry = registry;
    this.mirrors = mirrors;
  }

  RegistryMirrors.Given given() {
    return new RegistryMirrors.Given(registry, mirrors);
  }

  @Override
  public String toString() {
    return "RegistryMirror{registry=" + registry + ", mirrors=" + mirrors + "}";
  }
}
