package dev.builder.maven;

import java.nio.file.Path;
import java.util.List;
import org.apache.maven.model.Plugin;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * A war module: its image holds the exploded webapp that maven-war-plugin writes, on a servlet container's base
 * whose own start command (INHERIT) serves it from the container's webapps folder.
 */
final class WarWebapp {
  private static final String WAR_PLUGIN = "org.apache.maven.plugins:maven-war-plugin";

  private WarWebapp() {}

  static boolean isWar(MavenProject project) {
    return "war".equals(project.getPackaging());
  }

  /**
   * maven-war-plugin's {@code webappDirectory}, else its default {@code ${project.build.directory}/${finalName}}; the
   * POM's value is interpolated by Maven already, and a relative one is taken from the module's folder, as the war
   * plugin takes it.
   */
  static Path directory(MavenProject project) {
    Plugin war = project.getBuild().getPluginsAsMap().get(WAR_PLUGIN);
    if (war != null && war.getConfiguration() instanceof Xpp3Dom config) {
      Xpp3Dom set = config.getChild("webappDirectory");
      if (set != null && set.getValue() != null && !set.getValue().isBlank()) {
        return project.getBasedir().toPath().resolve(set.getValue().trim()).normalize();
      }
    }
    return Path.of(project.getBuild().getDirectory()).resolve(project.getBuild().getFinalName());
  }

  /** The entrypoint a war gets when none is set: the base's, which starts the servlet container. */
  static List<String> entrypoint(List<String> configured) {
    return configured.isEmpty() ? List.of("INHERIT") : configured;
  }
}
