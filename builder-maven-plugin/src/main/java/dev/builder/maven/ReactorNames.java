package dev.builder.maven;

import dev.builder.core.BuilderException;
import dev.builder.core.registry.ImageName;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * The names and tags the other modules of the session push to, read from their configuration as Maven would give it
 * to them (the POM's {@code <configuration>}, else the {@code builder.*} property, else the default), so that two
 * modules that would push to the same name and tag (artifactIds alike in different groups) fail before either
 * pushes: each checks after its own build and before its push, so that with {@code -T} neither wins silently. A
 * module counts when the plugin runs in it (declared in its build, or a builder goal on the command line), it is not
 * skipped, its packaging is not {@code pom}, and it was not found to be a library. Translation of Maven's model only.
 */
final class ReactorNames {
  private static final String WITHOUT_IMAGE = ReactorNames.class.getName() + ".withoutImage";

  private ReactorNames() {}

  /**
   * Records that a module turned out to have no image (a library: no main class), which only its build can tell.
   * A library that Maven ran before the check, as it runs a module's dependencies, then takes no name from another.
   */
  static void withoutImage(MavenSession session, MavenProject project) {
    withoutImage(session).add(project);
  }

  private static Set<MavenProject> withoutImage(MavenSession session) {
    return SessionValues.computeIfAbsent(session, WITHOUT_IMAGE, ConcurrentHashMap::newKeySet);
  }

  /** Where a module pushes: the repository name and its tags. */
  record Target(MavenProject project, String name, Set<String> tags) {
    String module() {
      return project.getGroupId() + ":" + project.getArtifactId();
    }
  }

  /** Fails when another module of the session would push to {@code name} with one of {@code tags}. */
  static void check(MavenSession session, MavenProject current, String name, List<String> tags) {
    Set<MavenProject> libraries = withoutImage(session);
    for (MavenProject other : session.getProjects()) {
      if (other == current || libraries.contains(other)) {
        continue;
      }
      Optional<Target> target = target(session, other);
      if (target.isEmpty() || !target.get().name().equals(name)) {
        continue;
      }
      Set<String> shared = new LinkedHashSet<>(tags);
      shared.retainAll(target.get().tags());
      if (!shared.isEmpty()) {
        String here = current.getGroupId() + ":" + current.getArtifactId();
        throw new BuilderException("modules " + here + " and " + target.get().module() + " would both push " + name
            + " (tags " + String.join(", ", shared) + "): the one pushed last would replace the other. Give one of"
            + " them a name of its own with <image> in its builder plugin configuration, for example <image>"
            + name + "-" + current.getGroupId().substring(current.getGroupId().lastIndexOf('.') + 1) + "</image>"
            + " in " + here + ", or tags of its own with <tags>");
      }
    }
  }

  /** Where {@code project} pushes, or empty when it pushes nothing or its configuration is its own run's problem. */
  static Optional<Target> target(MavenSession session, MavenProject project) {
    if ("pom".equals(project.getPackaging()) || !pluginRuns(session, project)) {
      return Optional.empty();
    }
    Xpp3Dom config = BuilderConfiguration.of(project);
    if (Boolean.parseBoolean(value(session, project, config, "skip", "builder.skip"))) {
      return Optional.empty();
    }
    String image = value(session, project, config, "image", "builder.image");
    String repository = value(session, project, config, "repository", "builder.repository");
    if (repository == null || repository.isBlank()) {
      repository = System.getenv("BUILDER_REPO");
    }
    String name;
    if (image != null && !image.isBlank()) {
      name = image.trim();
    } else if (repository != null && !repository.isBlank()) {
      name = repository.trim().replaceAll("/+$", "") + "/" + project.getArtifactId();
    } else {
      return Optional.empty();
    }
    try {
      name = ImageName.parse(name).repositoryName();
    } catch (BuilderException e) {
      return Optional.empty();
    }
    List<String> tags = BuilderConfiguration.values(config, "tags");
    if (tags.isEmpty()) {
      String property = property(session, project, "builder.tags");
      if (property != null) {
        for (String t : property.split(",")) {
          tags.add(t.trim());
        }
      }
    }
    if (tags.stream().allMatch(String::isBlank)) {
      tags = List.of(project.getVersion(), "latest");
    }
    return Optional.of(new Target(project, name, new LinkedHashSet<>(tags)));
  }

  private static boolean pluginRuns(MavenSession session, MavenProject project) {
    boolean declared = project.getBuildPlugins().stream().anyMatch(p -> ParentPolicy.PLUGIN_KEY.equals(p.getKey()));
    return declared || session.getGoals().stream()
        .anyMatch(g -> g.startsWith("builder:") || g.contains("builder-maven-plugin:"));
  }

  /** A parameter as Maven sets it: the configuration's value, else its property. */
  private static String value(MavenSession session, MavenProject project, Xpp3Dom config, String name,
      String property) {
    Xpp3Dom node = config == null ? null : config.getChild(name);
    if (node != null && node.getValue() != null && !node.getValue().isBlank()) {
      return node.getValue().trim();
    }
    return property(session, project, property);
  }

  /** A property as Maven's parameter expressions read it: the command line's, then the system's, then the POM's. */
  private static String property(MavenSession session, MavenProject project, String name) {
    String value = session.getUserProperties().getProperty(name);
    if (value == null) {
      value = session.getSystemProperties().getProperty(name);
    }
    return value != null ? value : project.getProperties().getProperty(name);
  }

}
