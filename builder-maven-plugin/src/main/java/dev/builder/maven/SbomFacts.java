package dev.builder.maven;

import dev.builder.sbom.JavaArtifact;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.DefaultProjectBuildingRequest;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.ProjectBuilder;
import org.apache.maven.project.ProjectBuildingException;
import org.apache.maven.project.ProjectBuildingRequest;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.LocalArtifactRequest;
import org.eclipse.aether.repository.LocalRepositoryManager;
import org.eclipse.aether.repository.RemoteRepository;

/**
 * Reads from Maven what an SBOM says about the application and its jars: coordinates, the licenses and supplier
 * their POMs declare (parents included: {@link LocalPoms}, else Maven's ProjectBuilder), and the resolved dependency
 * graph. Translation only: the SBOM itself is
 * builder-sbom's business.
 */
final class SbomFacts {
  private final MavenSession session;
  private final ProjectBuilder projectBuilder;
  private final LocalPoms localPoms;
  /** What the POMs read so far declare, by artifact id; empty where neither reader could read one. */
  private final Map<String, Optional<LocalPoms.Declared>> poms = new ConcurrentHashMap<>();
  /** The artifacts whose POMs only Maven's ProjectBuilder could read, for the debug log. */
  private final Set<String> builtByMaven = ConcurrentHashMap.newKeySet();

  /** {@code repositories}: the project's, where Maven resolved its dependencies from. */
  SbomFacts(MavenSession session, ProjectBuilder projectBuilder, List<RemoteRepository> repositories) {
    this.session = session;
    this.projectBuilder = projectBuilder;
    this.localPoms = new LocalPoms(localRepository(session.getRepositorySession(), repositories));
  }

  /**
   * The POMs of the local repository Maven resolved the build into: its own folder first, then, through Maven's
   * resolver, the repositories it chains behind it (Maven 3.9's {@code maven.repo.local.tail}).
   */
  private static LocalPoms.Locator localRepository(RepositorySystemSession repository,
      List<RemoteRepository> repositories) {
    LocalRepositoryManager local = repository.getLocalRepositoryManager();
    return (groupId, artifactId, version) -> {
      DefaultArtifact pom = new DefaultArtifact(groupId, artifactId, "", "pom", version);
      Path head = local.getRepository().getBasedir().toPath().resolve(local.getPathForLocalArtifact(pom));
      if (Files.isRegularFile(head)) {
        return head;
      }
      File found = local.find(repository, new LocalArtifactRequest(pom, repositories, null)).getFile();
      return found == null ? null : found.toPath();
    };
  }

  JavaArtifact application(MavenProject project, Map<Path, String> jarPaths) {
    LocalPoms.Declared declared = declared(project);
    return new JavaArtifact(project.getGroupId(), project.getArtifactId(), project.getVersion(), null,
        project.getPackaging(), null, "/app/classes", declared.licenses(), declared.supplier(),
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
      LocalPoms.Declared pom = pomOf(a);
      libraries.add(new JavaArtifact(a.getGroupId(), a.getArtifactId(), a.getBaseVersion(), a.getClassifier(),
          a.getType(), a.getFile().toPath(), jarPaths.get(a.getFile().toPath()),
          pom == null ? List.of() : pom.licenses(), pom == null ? null : pom.supplier(),
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

  /** The artifacts whose POMs were read by Maven's ProjectBuilder rather than from the local repository. */
  Set<String> builtByMaven() {
    return Set.copyOf(builtByMaven);
  }

  private LocalPoms.Declared pomOf(Artifact artifact) {
    return poms.computeIfAbsent(artifact.getId(), id -> Optional.ofNullable(declaredBy(artifact))).orElse(null);
  }

  /** A module of this build as Maven read it; else the POM in the local repository; else what ProjectBuilder reads. */
  private LocalPoms.Declared declaredBy(Artifact artifact) {
    for (MavenProject module : session.getProjects()) {
      if (module.getGroupId().equals(artifact.getGroupId()) && module.getArtifactId().equals(artifact.getArtifactId())) {
        return declared(module);
      }
    }
    Optional<LocalPoms.Declared> local = localPoms.declared(artifact.getGroupId(), artifact.getArtifactId(),
        artifact.getVersion());
    if (local.isPresent()) {
      return local.get();
    }
    builtByMaven.add(artifact.getId());
    MavenProject pom = buildPom(artifact);
    return pom == null ? null : declared(pom);
  }

  private MavenProject buildPom(Artifact artifact) {
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

  private static LocalPoms.Declared declared(MavenProject pom) {
    return LocalPoms.Declared.of(
        pom.getLicenses().stream().map(l -> l.getName() != null ? l.getName() : l.getUrl()).toList(),
        pom.getOrganization() == null ? null : pom.getOrganization().getName(),
        pom.getDevelopers().stream()
            .map(d -> LocalPoms.Declared.developer(d.getOrganization(), d.getName(), d.getId())).toList());
  }
}
