package dev.builder.maven;

import dev.builder.core.assembly.GitRevision;
import dev.builder.core.assembly.ProjectInfo;
import dev.builder.core.java.Dependency;
import dev.builder.core.java.JavaApplication;
import dev.builder.core.java.SpringBootRepackage;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.model.License;
import org.apache.maven.project.MavenProject;

/** Reads what builder-core needs from Maven's model of a project: no image logic, only translation. */
final class ProjectReader {
  private static final Set<String> RUNTIME_SCOPES = Set.of(Artifact.SCOPE_COMPILE, Artifact.SCOPE_RUNTIME);

  private ProjectReader() {}

  /**
   * The application as the image holds it: its classes and the jars it runs with. A module built with
   * spring-boot-maven-plugin gets the jars that its {@code repackage} puts in {@code BOOT-INF/lib} (provided scope
   * included, as Spring packages it); any other module its compile and runtime jars. Spring Boot's DevTools are left
   * out of either unless {@code includeDevtools}: they must never run in production.
   *
   * @param leftOut told each jar left out, and why
   */
  static JavaApplication application(MavenProject project, List<MavenProject> reactor, Path extraDirectory,
      Optional<SpringBootRepackage> springBoot, boolean includeDevtools, BiConsumer<Artifact, String> leftOut) {
    Set<String> modules =
        reactor.stream().map(p -> p.getGroupId() + ":" + p.getArtifactId()).collect(Collectors.toSet());
    List<Dependency> dependencies = new ArrayList<>();
    for (Artifact artifact : project.getArtifacts()) {
      if (artifact.getFile() == null || !artifact.getArtifactHandler().isAddedToClasspath()
          || !artifact.getFile().isFile()) {
        continue;
      }
      Optional<String> reason = springBoot.isPresent()
          ? springBoot.get().leftOutBecause(new SpringBootRepackage.Library(artifact.getGroupId(),
              artifact.getArtifactId(), artifact.getClassifier(), artifact.getScope(), artifact.isOptional(),
              artifact.getFile().toPath()))
          : RUNTIME_SCOPES.contains(artifact.getScope()) ? devtools(artifact) : Optional.of("not run-time");
      if (reason.isPresent() && includeDevtools && isDevtools(artifact)) {
        reason = Optional.empty();
      }
      if (reason.isPresent()) {
        if (!reason.get().equals("not run-time") && !reason.get().equals("test scope")) {
          leftOut.accept(artifact, reason.get());
        }
        continue;
      }
      Dependency.Kind kind = modules.contains(artifact.getGroupId() + ":" + artifact.getArtifactId())
          ? Dependency.Kind.PROJECT
          : artifact.isSnapshot() ? Dependency.Kind.SNAPSHOT : Dependency.Kind.RELEASE;
      dependencies.add(new Dependency(artifact.getFile().toPath(), artifact.getGroupId(), artifact.getArtifactId(),
          artifact.getBaseVersion(), kind));
    }
    Path jar = project.getArtifact() != null && project.getArtifact().getFile() != null
        ? project.getArtifact().getFile().toPath()
        : null;
    return new JavaApplication(Path.of(project.getBuild().getOutputDirectory()), dependencies, jar, extraDirectory);
  }

  private static Optional<String> devtools(Artifact artifact) {
    return isDevtools(artifact) ? Optional.of("DevTools") : Optional.empty();
  }

  static boolean isDevtools(Artifact artifact) {
    return "org.springframework.boot".equals(artifact.getGroupId())
        && "spring-boot-devtools".equals(artifact.getArtifactId());
  }

  /** {@code source}: where the sources are ({@link ProjectSource}), or null. */
  static ProjectInfo info(MavenProject project, String source) {
    List<String> licenses = project.getLicenses().stream().map(License::getName).toList();
    String vendor = project.getOrganization() == null ? null : project.getOrganization().getName();
    return new ProjectInfo(
        project.getName() != null ? project.getName() : project.getArtifactId(),
        project.getDescription(),
        project.getVersion(),
        project.getUrl(),
        source,
        GitRevision.of(project.getBasedir().toPath()).orElse(null),
        licenses,
        vendor);
  }

  /**
   * The time stamped on the image: {@code project.build.outputTimestamp} (Maven's own setting for reproducible
   * builds), else {@code SOURCE_DATE_EPOCH}, else the Unix epoch; never the clock, so rebuilds give the same digest.
   */
  static Instant creationTime(String outputTimestamp, String sourceDateEpoch) {
    if (outputTimestamp != null && !outputTimestamp.isBlank()) {
      String value = outputTimestamp.trim();
      if (value.matches("\\d+")) {
        return Instant.ofEpochSecond(Long.parseLong(value));
      }
      try {
        return OffsetDateTime.parse(value).toInstant();
      } catch (DateTimeParseException e) {
        // Maven also treats an unparsable value as "not set"; fall through
      }
    }
    if (sourceDateEpoch != null && sourceDateEpoch.trim().matches("\\d+")) {
      return Instant.ofEpochSecond(Long.parseLong(sourceDateEpoch.trim()));
    }
    return Instant.EPOCH;
  }

  /** The Java release the project compiles to, which picks the default base image. */
  static int javaRelease(MavenProject project) {
    for (String key : List.of("maven.compiler.release", "maven.compiler.target", "maven.compiler.source")) {
      String value = project.getProperties().getProperty(key);
      if (value != null) {
        String v = value.trim().startsWith("1.") ? value.trim().substring(2) : value.trim();
        if (v.matches("\\d+")) {
          return Integer.parseInt(v);
        }
      }
    }
    return 17;
  }
}
