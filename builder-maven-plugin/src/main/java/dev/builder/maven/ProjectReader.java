package dev.builder.maven;

import dev.builder.core.build.GitRevision;
import dev.builder.core.build.ProjectInfo;
import dev.builder.core.java.Dependency;
import dev.builder.core.java.JavaApplication;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.model.License;
import org.apache.maven.project.MavenProject;

/** Reads what builder-core needs from Maven's model of a project: no image logic, only translation. */
final class ProjectReader {
  private ProjectReader() {}

  static JavaApplication application(MavenProject project, List<MavenProject> reactor, Path extraDirectory) {
    Set<String> modules =
        reactor.stream().map(p -> p.getGroupId() + ":" + p.getArtifactId()).collect(Collectors.toSet());
    List<Dependency> dependencies = new ArrayList<>();
    for (Artifact artifact : project.getArtifacts()) {
      if (artifact.getFile() == null || !artifact.getArtifactHandler().isAddedToClasspath()
          || !(Artifact.SCOPE_COMPILE.equals(artifact.getScope()) || Artifact.SCOPE_RUNTIME.equals(artifact.getScope()))
          || !artifact.getFile().isFile()) {
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

  static ProjectInfo info(MavenProject project) {
    String source = null;
    if (project.getScm() != null) {
      source = project.getScm().getUrl() != null ? project.getScm().getUrl() : project.getScm().getConnection();
    }
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
