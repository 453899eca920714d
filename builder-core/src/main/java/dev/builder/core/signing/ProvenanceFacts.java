package dev.builder.core.signing;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the build tool knows that a provenance statement records, as plain values. Any string may be null.
 *
 * @param sourceRepository the project's SCM URL
 * @param revision the git commit the sources were at
 * @param parameters the settings that shaped the image (base, platforms, runtime, main class...), by name
 * @param purls the package URL ({@code pkg:maven/...}) of each jar file the image may hold
 * @param toolName the tool that built, such as {@code builder-maven-plugin}
 * @param environment the environment variables, for the CI run that made the image ({@link CiRun})
 */
public record ProvenanceFacts(
    String groupId,
    String artifactId,
    String version,
    String sourceRepository,
    String revision,
    Map<String, String> parameters,
    String toolName,
    String toolVersion,
    String mavenVersion,
    String javaVersion,
    Map<Path, String> purls,
    Map<String, String> environment) {

  public ProvenanceFacts {
    parameters = new TreeMap<>(parameters == null ? Map.of() : parameters);
    purls = Map.copyOf(purls == null ? Map.of() : purls);
    environment = Map.copyOf(environment == null ? Map.of() : environment);
  }
}
