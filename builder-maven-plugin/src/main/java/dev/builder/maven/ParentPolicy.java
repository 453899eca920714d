package dev.builder.maven;

import dev.builder.core.policy.ImagePolicy;
import dev.builder.core.policy.PolicyInheritance;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.maven.model.Plugin;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * The policy a module's parent POM declares for builder, read from the parent's effective model, so that
 * {@link PolicyInheritance} can keep the module from loosening it. Translation of Maven's model only.
 */
final class ParentPolicy {
  static final String PLUGIN_KEY = "dev.builder:builder-maven-plugin";

  private ParentPolicy() {}

  /** The parent's policy and what it lets modules override, if the parent declares any policy setting. */
  record Declared(ImagePolicy policy, Set<String> allowOverrides, String parentName) {}

  static Optional<Declared> of(MavenProject project) {
    MavenProject parent = project.getParent();
    if (parent == null) {
      return Optional.empty();
    }
    Xpp3Dom config = configuration(parent);
    if (config == null || PolicyInheritance.SETTINGS.stream().noneMatch(s -> config.getChild(s) != null)) {
      return Optional.empty();
    }
    ImagePolicy policy = new ImagePolicy(
        values(config, "allowedBaseImages"),
        bool(config, "requireBaseDigest", false),
        values(config, "requiredLabels"),
        values(config, "requiredAnnotations"),
        bool(config, "checkJavaVersion", true));
    return Optional.of(new Declared(policy, new TreeSet<>(values(config, "allowOverrides")),
        parent.getGroupId() + ":" + parent.getArtifactId()));
  }

  private static Xpp3Dom configuration(MavenProject parent) {
    for (Plugin plugin : parent.getBuildPlugins()) {
      if (PLUGIN_KEY.equals(plugin.getKey()) && plugin.getConfiguration() != null) {
        return (Xpp3Dom) plugin.getConfiguration();
      }
    }
    if (parent.getPluginManagement() != null) {
      Plugin managed = parent.getPluginManagement().getPluginsAsMap().get(PLUGIN_KEY);
      if (managed != null && managed.getConfiguration() != null) {
        return (Xpp3Dom) managed.getConfiguration();
      }
    }
    return null;
  }

  /** A list parameter written as child elements, or as one comma-separated value. */
  private static List<String> values(Xpp3Dom config, String name) {
    Xpp3Dom node = config.getChild(name);
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

  private static boolean bool(Xpp3Dom config, String name, boolean fallback) {
    Xpp3Dom node = config.getChild(name);
    return node == null || node.getValue() == null ? fallback : Boolean.parseBoolean(node.getValue().trim());
  }
}
