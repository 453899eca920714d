package dev.builder.maven;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.model.Plugin;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * builder's own configuration as a module's model declares it, read where a goal must know another module's settings
 * (the governance a parent declares, the names the other modules of a reactor push to), which Maven injects into the
 * running goal only for its own module.
 */
final class BuilderConfiguration {
  private BuilderConfiguration() {}

  /** The plugin's {@code <configuration>} in {@code <plugins>}, else in {@code <pluginManagement>}; null if none. */
  static Xpp3Dom of(MavenProject project) {
    for (Plugin plugin : project.getBuildPlugins()) {
      if (ParentPolicy.PLUGIN_KEY.equals(plugin.getKey()) && plugin.getConfiguration() != null) {
        return (Xpp3Dom) plugin.getConfiguration();
      }
    }
    if (project.getPluginManagement() != null) {
      Plugin managed = project.getPluginManagement().getPluginsAsMap().get(ParentPolicy.PLUGIN_KEY);
      if (managed != null && managed.getConfiguration() != null) {
        return (Xpp3Dom) managed.getConfiguration();
      }
    }
    return null;
  }

  /** A list parameter written as child elements, or as one comma-separated value; empty when not set. */
  static List<String> values(Xpp3Dom config, String name) {
    Xpp3Dom node = config == null ? null : config.getChild(name);
    List<String> values = new ArrayList<>();
    if (node == null) {
      return values;
    }
    if (node.getChildCount() == 0 && node.getValue() != null) {
      for (String v : node.getValue().split(",")) {
        values.add(v.trim());
      }
    }
    for (Xpp3Dom child : node.getChildren()) {
      if (child.getValue() != null) {
        values.add(child.getValue().trim());
      }
    }
    return values;
  }
}
