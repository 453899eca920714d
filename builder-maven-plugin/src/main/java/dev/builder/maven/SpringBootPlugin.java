package dev.builder.maven;

import dev.builder.core.BuilderException;
import dev.builder.core.java.SpringBootRepackage;
import dev.builder.core.java.SpringBootRepackage.ArtifactPattern;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * Reads how a module configures spring-boot-maven-plugin's {@code repackage}, from the project model as Maven built it
 * (the module's POM and its parents, with the plugin's own configuration merged into the execution's), and the
 * {@code -Dspring-boot.*} properties that stand in for what the POM does not set. Spring's plugin itself is never run.
 */
final class SpringBootPlugin {
  static final String KEY = "org.springframework.boot:spring-boot-maven-plugin";

  private SpringBootPlugin() {}

  /** The module's repackage rules, or empty when the module does not build with spring-boot-maven-plugin. */
  static Optional<SpringBootRepackage> repackage(MavenProject project, Properties userProperties) {
    Plugin plugin = project.getBuild() == null ? null : project.getBuild().getPluginsAsMap().get(KEY);
    if (plugin == null) {
      return Optional.empty();
    }
    Xpp3Dom configuration = configuration(plugin);
    Properties properties = new Properties();
    properties.putAll(project.getProperties());
    properties.putAll(userProperties);
    SpringBootRepackage defaults = SpringBootRepackage.defaults(major(plugin.getVersion()));
    return Optional.of(new SpringBootRepackage(
        flag(configuration, "excludeDevtools", properties, "spring-boot.repackage.excludeDevtools",
            defaults.excludeDevtools()),
        flag(configuration, "excludeDockerCompose", properties, "spring-boot.repackage.excludeDockerCompose",
            defaults.excludeDockerCompose()),
        flag(configuration, "includeOptional", properties, null, defaults.includeOptional()),
        flag(configuration, "includeSystemScope", properties, null, defaults.includeSystemScope()),
        defaults.excludedJarTypes(),
        patterns(configuration, "includes", properties, "spring-boot.includes"),
        patterns(configuration, "excludes", properties, "spring-boot.excludes"),
        groupIds(configuration, properties)));
  }

  /** The repackage execution's configuration (Maven merged the plugin's into it), else the plugin's own. */
  private static Xpp3Dom configuration(Plugin plugin) {
    for (PluginExecution execution : plugin.getExecutions()) {
      if (execution.getGoals().contains("repackage") && execution.getConfiguration() instanceof Xpp3Dom dom) {
        return dom;
      }
    }
    return plugin.getConfiguration() instanceof Xpp3Dom dom ? dom : new Xpp3Dom("configuration");
  }

  /** The plugin's major version; 3 when the model does not say, whose rules are the older ones. */
  static int major(String version) {
    if (version != null) {
      String digits = version.trim().split("\\.")[0];
      if (digits.matches("\\d+")) {
        return Integer.parseInt(digits);
      }
    }
    return 3;
  }

  private static boolean flag(Xpp3Dom configuration, String name, Properties properties, String property,
      boolean fallback) {
    String value = value(configuration, name, properties, property);
    if (value == null) {
      return fallback;
    }
    if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
      throw new BuilderException("spring-boot-maven-plugin's <" + name + "> is '" + value + "', not true or false;"
          + " builder reads it to put in the image the jars that repackage would: fix the value in the POM");
    }
    return Boolean.parseBoolean(value);
  }

  /** A configured value, else the property that stands in for it; null when neither is set or it is unresolved. */
  private static String value(Xpp3Dom configuration, String name, Properties properties, String property) {
    Xpp3Dom child = configuration.getChild(name);
    String value = child == null ? null : child.getValue();
    if (value == null && property != null) {
      value = properties.getProperty(property);
    }
    return value == null || value.isBlank() || value.contains("${") ? null : value.trim();
  }

  /** {@code <includes>}/{@code <excludes>} as elements, else the property's {@code g:a[:c],...}. */
  private static List<ArtifactPattern> patterns(Xpp3Dom configuration, String name, Properties properties,
      String property) {
    List<ArtifactPattern> patterns = new ArrayList<>();
    Xpp3Dom list = configuration.getChild(name);
    if (list != null && list.getChildCount() > 0) {
      for (Xpp3Dom entry : list.getChildren()) {
        String groupId = text(entry, "groupId");
        String artifactId = text(entry, "artifactId");
        if (groupId == null || artifactId == null) {
          throw new BuilderException("an entry of spring-boot-maven-plugin's <" + name + "> has no <groupId> or no"
              + " <artifactId>; builder reads it to put in the image the jars that repackage would: complete it");
        }
        patterns.add(new ArtifactPattern(groupId, artifactId, text(entry, "classifier")));
      }
      return patterns;
    }
    String text = value(configuration, name, properties, property);
    if (text != null) {
      for (String item : text.split(",")) {
        if (!item.isBlank()) {
          try {
            patterns.add(ArtifactPattern.parse(item));
          } catch (IllegalArgumentException e) {
            throw new BuilderException("spring-boot-maven-plugin's " + name + " (" + property + "): " + e.getMessage());
          }
        }
      }
    }
    return patterns;
  }

  private static Set<String> groupIds(Xpp3Dom configuration, Properties properties) {
    String text = value(configuration, "excludeGroupIds", properties, "spring-boot.excludeGroupIds");
    Set<String> groupIds = new LinkedHashSet<>();
    if (text != null) {
      Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(groupIds::add);
    }
    return groupIds;
  }

  private static String text(Xpp3Dom parent, String name) {
    Xpp3Dom child = parent.getChild(name);
    return child == null || child.getValue() == null || child.getValue().isBlank() ? null : child.getValue().trim();
  }
}
