package dev.builder.core.java;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The rules by which Spring Boot's {@code repackage} chooses the jars of an executable jar's {@code BOOT-INF/lib}, as
 * a module configures them. builder applies them so that a Spring Boot image holds the jars Spring would ship and
 * nothing more: above all never DevTools, which turns caching off and runs a restart class loader, and which Spring
 * says must not reach production.
 *
 * <p>The rules, as spring-boot-maven-plugin 3.x and 4.x apply them: test scope never; system scope only with
 * {@code includeSystemScope}; {@code spring-boot-devtools} and {@code spring-boot-docker-compose} unless
 * {@code excludeDevtools} / {@code excludeDockerCompose} are false; optional dependencies unless
 * {@code includeOptional} is false (its default from 4.0; 3.5.7 added it defaulting to true); {@code <excludes>},
 * {@code <excludeGroupIds>} and, when given, only {@code <includes>}; and every jar whose manifest's
 * {@code Spring-Boot-Jar-Type} says it is a starter with no classes, an annotation processor, or (4.0) a development
 * tool.
 *
 * @param excludeGroupIds group ids left out, matched exactly
 */
public record SpringBootRepackage(
    boolean excludeDevtools,
    boolean excludeDockerCompose,
    boolean includeOptional,
    boolean includeSystemScope,
    Set<String> excludedJarTypes,
    List<ArtifactPattern> includes,
    List<ArtifactPattern> excludes,
    Set<String> excludeGroupIds) {

  public SpringBootRepackage {
    excludedJarTypes = Set.copyOf(excludedJarTypes);
    includes = List.copyOf(includes);
    excludes = List.copyOf(excludes);
    excludeGroupIds = Set.copyOf(excludeGroupIds);
  }

  /** What {@code repackage} of this major version does when the module configures nothing. */
  public static SpringBootRepackage defaults(int springBootMajor) {
    return new SpringBootRepackage(true, true, springBootMajor < 4, false,
        springBootMajor < 4
            ? Set.of("dependencies-starter", "annotation-processor")
            : Set.of("dependencies-starter", "annotation-processor", "development-tool"),
        List.of(), List.of(), Set.of());
  }

  /** A {@code groupId:artifactId[:classifier]}, as {@code <include>} and {@code <exclude>} name an artifact. */
  public record ArtifactPattern(String groupId, String artifactId, String classifier) {

    /** Parses {@code groupId:artifactId[:classifier]}, the form of {@code -Dspring-boot.excludes}. */
    public static ArtifactPattern parse(String value) {
      String[] parts = value.trim().split(":");
      if (parts.length < 2 || parts.length > 3 || parts[0].isBlank() || parts[1].isBlank()) {
        throw new IllegalArgumentException("'" + value + "' is not groupId:artifactId[:classifier]");
      }
      return new ArtifactPattern(parts[0].trim(), parts[1].trim(), parts.length == 3 ? parts[2].trim() : null);
    }

    /** Without a classifier the pattern matches every classifier of the artifact, as Spring's filters do. */
    boolean matches(Library library) {
      return groupId.equals(library.groupId()) && artifactId.equals(library.artifactId())
          && (classifier == null || classifier.isEmpty() || classifier.equals(library.classifier()));
    }
  }

  /** A resolved jar of the module, as the build tool sees it. */
  public record Library(String groupId, String artifactId, String classifier, String scope, boolean optional,
      Path file) {}

  /**
   * Why {@code repackage} leaves {@code library} out of {@code BOOT-INF/lib}, in words that name the setting that
   * keeps it; empty when it packages it.
   */
  public Optional<String> leftOutBecause(Library library) {
    String scope = library.scope() == null ? "compile" : library.scope().toLowerCase(Locale.ROOT);
    if (scope.equals("test")) {
      return Optional.of("test scope");
    }
    if (scope.equals("system") && !includeSystemScope) {
      return Optional.of("system scope, includeSystemScope");
    }
    if (excludeDevtools && isSpringBoot(library, "spring-boot-devtools")) {
      return Optional.of("excludeDevtools");
    }
    if (excludeDockerCompose && isSpringBoot(library, "spring-boot-docker-compose")) {
      return Optional.of("excludeDockerCompose");
    }
    if (library.optional() && !includeOptional) {
      return Optional.of("optional, includeOptional");
    }
    if (excludes.stream().anyMatch(p -> p.matches(library))) {
      return Optional.of("<excludes>");
    }
    if (excludeGroupIds.contains(library.groupId())) {
      return Optional.of("<excludeGroupIds>");
    }
    if (!includes.isEmpty() && includes.stream().noneMatch(p -> p.matches(library))) {
      return Optional.of("not in <includes>");
    }
    return jarType(library.file()).filter(excludedJarTypes::contains)
        .map(type -> "Spring-Boot-Jar-Type: " + type);
  }

  private static boolean isSpringBoot(Library library, String artifactId) {
    return "org.springframework.boot".equals(library.groupId()) && artifactId.equals(library.artifactId());
  }

  /** The jar's {@code Spring-Boot-Jar-Type}; a file that is no readable jar has none, as Spring's filter says. */
  private static Optional<String> jarType(Path file) {
    if (file == null || !Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try (JarFile jar = new JarFile(file.toFile(), false)) {
      Manifest manifest = jar.getManifest();
      return Optional.ofNullable(
          manifest == null ? null : manifest.getMainAttributes().getValue("Spring-Boot-Jar-Type"));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
