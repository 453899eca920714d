package dev.builder.core.assembly;

import java.util.List;
import java.util.Map;

/**
 * How the container starts, as the user configured it. Empty values mean "the default": the Java entrypoint, the
 * non-root user 65532, the app root as working directory.
 *
 * @param entrypoint replaces the whole Java command when not empty; {@code INHERIT} alone keeps the base's
 *     entrypoint and command (the latter unless {@code args} are given), as Jib's
 * @param ports like {@code 8080} or {@code 53/udp}
 */
public record ContainerSettings(
    List<String> jvmFlags,
    List<String> args,
    List<String> entrypoint,
    Map<String, String> environment,
    Map<String, String> labels,
    List<String> ports,
    List<String> volumes,
    String user,
    String workingDirectory) {

  public static final String DEFAULT_USER = "65532:65532";

  public static final ContainerSettings DEFAULTS =
      new ContainerSettings(List.of(), List.of(), List.of(), Map.of(), Map.of(), List.of(), List.of(), null, null);

  /** The one-word entrypoint that keeps the base's. */
  public static final String INHERIT = "INHERIT";

  public static boolean inherits(List<String> entrypoint) {
    return entrypoint.size() == 1 && INHERIT.equals(entrypoint.get(0).trim());
  }

  public ContainerSettings {
    jvmFlags = List.copyOf(jvmFlags);
    args = List.copyOf(args);
    entrypoint = List.copyOf(entrypoint);
    environment = Map.copyOf(environment);
    labels = Map.copyOf(labels);
    ports = List.copyOf(ports);
    volumes = List.copyOf(volumes);
  }
}
