package dev.builder.maven;

import dev.builder.core.policy.ImagePolicy;
import dev.builder.core.policy.PolicyInheritance;
import dev.builder.core.signing.PublicKeys;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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
  /** {@code keyFiles}: each {@code <baseKey>} as the parent writes it, and the file it names from the parent's folder. */
  record Declared(ImagePolicy policy, Set<String> allowOverrides, String parentName, Map<String, Path> keyFiles) {}

  static Optional<Declared> of(MavenProject project) {
    MavenProject parent = project.getParent();
    if (parent == null) {
      return Optional.empty();
    }
    Xpp3Dom config = BuilderConfiguration.of(parent);
    if (config == null || PolicyInheritance.SETTINGS.stream().noneMatch(s -> config.getChild(s) != null)) {
      return Optional.empty();
    }
    // the parent's own folder: where its pom.xml lies in the reactor or a checkout; a parent from a repository has
    // none, and then names its keys by absolute paths or properties
    Path folder = parent.getBasedir() != null ? parent.getBasedir().toPath() : Path.of("");
    Map<String, Path> keyFiles = new LinkedHashMap<>();
    for (String key : BuilderConfiguration.values(config, "baseKeys")) {
      if (!key.isEmpty()) {
        keyFiles.put(key, folder.resolve(key));
      }
    }
    boolean requireSignedBase = bool(config, "requireSignedBase", false);
    ImagePolicy policy = new ImagePolicy(
        BuilderConfiguration.values(config, "allowedBaseImages"),
        bool(config, "requireBaseDigest", false),
        BuilderConfiguration.values(config, "requiredLabels"),
        BuilderConfiguration.values(config, "requiredAnnotations"),
        bool(config, "checkJavaVersion", true),
        requireSignedBase,
        requireSignedBase ? keyFiles.values().stream().map(PublicKeys::read).toList() : List.of());
    return Optional.of(new Declared(policy, new TreeSet<>(BuilderConfiguration.values(config, "allowOverrides")),
        parent.getGroupId() + ":" + parent.getArtifactId(), keyFiles));
  }

  private static boolean bool(Xpp3Dom config, String name, boolean fallback) {
    Xpp3Dom node = config.getChild(name);
    return node == null || node.getValue() == null ? fallback : Boolean.parseBoolean(node.getValue().trim());
  }
}
