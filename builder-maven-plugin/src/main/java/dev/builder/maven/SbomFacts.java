package dev.builder.maven;

import dev.builder.sbom.JavaArtifact;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Developer;
import org.apache.maven.model.License;
import org.apache.maven.project.DefaultProjectBuildingRequest;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.ProjectBuilder;
import org.apache.maven.project.ProjectBuildingException;
import org.apache.maven.project.ProjectBuildingRequest;

/**
 * Reads from Maven what an SBOM says about the application and its jars: coordinates, the licenses and supplier
 * their POMs declare (parents included), and the resolved dependency graph. Translation only: the SBOM itself is
 * builder-sbom's business.
 */
final class SbomFacts {
  private final MavenSession session;
  private final ProjectBuilder projectBuilder;
  /** The POMs read so far, by artifact id; empty where Maven could not read one. */
  private final Map<String, Optional<MavenProject>> poms = new ConcurrentHashMap<>();

  SbomFacts(MavenSession session, ProjectBuilder projectBuilder) {
    this.session = session;
    this.projectBuilder = projectBuilder;
  }

  JavaArtifact application(MavenProject project, Map<Path, String> jarPaths) {
    return new JavaArtifact(project.getGroupId(), project.getArtifactId(), project.getVersion(), null,
        project.getPackaging(), null, "/app/classes", licenses(project), supplier(project),
        children(project, jarPaths).getOrDefault(project.getGroupId() + ":" + project.getArtifactId(), List.of()));
  }

  /**
   * Reads the POM of a dependency that has a file, ahead of {@link #libraries}, which then finds it read: what a
   * push can do before the image is built, on a thread of its own.
   */
  void readPom(Artifact artifact) {
    if (artifact.getFile() != null) {
      pomOf(artifact);
    }
  }

  /** The jars in the image, in classpath order, with where they lie in it. */
  List<JavaArtifact> libraries(MavenProject project, Map<Path, String> jarPaths) {
    Map<String, List<String>> children = children(project, jarPaths);
    List<JavaArtifact> libraries = new ArrayList<>();
    for (Artifact a : project.getArtifacts()) {
      if (a.getFile() == null || !jarPaths.containsKey(a.getFile().toPath())) {
        continue; // not in the image: test or provided scope, or not a jar
      }
      MavenProject pom = pomOf(a);
      libraries.add(new JavaArtifact(a.getGroupId(), a.getArtifactId(), a.getBaseVersion(), a.getClassifier(),
          a.getType(), a.getFile().toPath(), jarPaths.get(a.getFile().toPath()),
          pom == null ? List.of() : licenses(pom), pom == null ? null : supplier(pom),
          children.getOrDefault(a.getGroupId() + ":" + a.getArtifactId(), List.of())));
    }
    return libraries;
  }

  /**
   * The direct dependencies of each artifact in the image, from the paths Maven resolved: parent key to children
   * keys. A jar left out of the image (a Spring Boot starter, which holds no classes) passes its children to its
   * nearest ancestor in the image, so that the graph still reaches every jar from the application.
   */
  private static Map<String, List<String>> children(MavenProject project, Map<Path, String> jarPaths) {
    Set<String> inImage = new HashSet<>();
    inImage.add(project.getGroupId() + ":" + project.getArtifactId());
    for (Artifact a : project.getArtifacts()) {
      if (a.getFile() != null && jarPaths.containsKey(a.getFile().toPath())) {
        inImage.add(a.getGroupId() + ":" + a.getArtifactId());
      }
    }
    Map<String, List<String>> children = new LinkedHashMap<>();
    for (Artifact a : project.getArtifacts()) {
      List<String> trail = a.getDependencyTrail();
      String child = a.getGroupId() + ":" + a.getArtifactId();
      if (trail == null || trail.size() < 2 || !inImage.contains(child)) {
        continue;
      }
      String parent = null;
      for (int i = trail.size() - 2; i >= 0 && parent == null; i--) {
        parent = inImage.contains(key(trail.get(i))) ? key(trail.get(i)) : null;
      }
      if (parent == null) {
        continue;
      }
      children.computeIfAbsent(parent, k -> new ArrayList<>());
      if (!children.get(parent).contains(child)) {
        children.get(parent).add(child);
      }
    }
    return children;
  }

  private static String key(String trailEntry) {
    String[] parts = trailEntry.split(":");
    return parts[0] + ":" + parts[1];
  }

  private MavenProject pomOf(Artifact artifact) {
    return poms.computeIfAbsent(artifact.getId(), id -> Optional.ofNullable(buildPom(artifact))).orElse(null);
  }

  private MavenProject buildPom(Artifact artifact) {
    for (MavenProject module : session.getProjects()) {
      if (module.getGroupId().equals(artifact.getGroupId()) && module.getArtifactId().equals(artifact.getArtifactId())) {
        return module;
      }
    }
    ProjectBuildingRequest request = new DefaultProjectBuildingRequest(session.getProjectBuildingRequest());
    request.setProcessPlugins(false);
    request.setResolveDependencies(false);
    request.setValidationLevel(org.apache.maven.model.building.ModelBuildingRequest.VALIDATION_LEVEL_MINIMAL);
    try {
      return projectBuilder.build(artifact, request).getProject();
    } catch (ProjectBuildingException e) {
      return null; // a POM Maven cannot read: its jar is still listed, with licenses and supplier unknown
    }
  }

  private static List<String> licenses(MavenProject pom) {
    return pom.getLicenses().stream().map(SbomFacts::licenseName).filter(n -> n != null).toList();
  }

  private static String licenseName(License license) {
    return license.getName() != null ? license.getName() : license.getUrl();
  }

  private static String supplier(MavenProject pom) {
    if (pom.getOrganization() != null && pom.getOrganization().getName() != null
        && !pom.getOrganization().getName().isBlank()) {
      return pom.getOrganization().getName().trim();
    }
    String developers = pom.getDevelopers().stream()
        .map(d -> d.getOrganization() != null && !d.getOrganization().isBlank() ? d.getOrganization() : name(d))
        .filter(n -> n != null && !n.isBlank())
        .distinct()
        .collect(Collectors.joining(", "));
    return developers.isEmpty() ? null : developers;
  }

  private static String name(Developer d) {
    return d.getName() != null ? d.getName() : d.getId();
  }
}
