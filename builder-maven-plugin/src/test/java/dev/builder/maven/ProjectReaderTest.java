package dev.builder.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builder.core.java.Dependency;
import dev.builder.core.java.JavaApplication;
import dev.builder.core.java.SpringBootRepackage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which jars a module's image holds, with and without spring-boot-maven-plugin. */
class ProjectReaderTest {
  @TempDir
  Path dir;
  private MavenProject project;
  private final List<String> leftOut = new ArrayList<>();

  @BeforeEach
  void project() throws IOException {
    Model model = new Model();
    model.setGroupId("com.example");
    model.setArtifactId("app");
    model.setVersion("1.0");
    model.setBuild(new Build());
    model.getBuild().setOutputDirectory(dir.resolve("classes").toString());
    project = new MavenProject(model);
    Set<Artifact> artifacts = new LinkedHashSet<>();
    artifacts.add(artifact("com.google.guava", "guava", "compile", false));
    artifacts.add(artifact("org.springframework.boot", "spring-boot-devtools", "runtime", true));
    artifacts.add(artifact("org.springframework.boot", "spring-boot-docker-compose", "runtime", true));
    artifacts.add(artifact("com.h2database", "h2", "runtime", false));
    artifacts.add(artifact("com.google.code.findbugs", "jsr305", "provided", false));
    artifacts.add(artifact("org.junit.jupiter", "junit-jupiter", "test", false));
    project.setArtifacts(artifacts);
  }

  @Test
  void withoutSpringBootsPluginOnlyRunTimeJarsAndNeverDevtools() {
    assertThat(SpringBootPlugin.repackage(project, new Properties())).isEmpty();
    assertThat(libraries(Optional.empty(), false)).containsExactly("guava", "spring-boot-docker-compose", "h2");
    assertThat(leftOut).containsExactly("spring-boot-devtools: DevTools");
    assertThat(libraries(Optional.empty(), true)).contains("spring-boot-devtools");
  }

  @Test
  void withSpringBootsPluginTheJarsOfRepackageAsTheModuleConfiguresIt() {
    Plugin plugin = springBootPlugin("4.0.3");
    Xpp3Dom configuration = new Xpp3Dom("configuration");
    Xpp3Dom excludes = new Xpp3Dom("excludes");
    Xpp3Dom exclude = new Xpp3Dom("exclude");
    exclude.addChild(element("groupId", "com.h2database"));
    exclude.addChild(element("artifactId", "h2"));
    excludes.addChild(exclude);
    configuration.addChild(excludes);
    PluginExecution repackage = new PluginExecution();
    repackage.setId("repackage");
    repackage.addGoal("repackage");
    repackage.setConfiguration(configuration);
    plugin.addExecution(repackage);

    Optional<SpringBootRepackage> rules = SpringBootPlugin.repackage(project, new Properties());
    assertThat(rules).isPresent();
    assertThat(libraries(rules, false)).containsExactly("guava", "jsr305");
    assertThat(leftOut).containsExactly("spring-boot-devtools: excludeDevtools",
        "spring-boot-docker-compose: excludeDockerCompose", "h2: <excludes>");
  }

  @Test
  void propertiesStandInForWhatThePomDoesNotSay() {
    Plugin plugin = springBootPlugin("3.5.7");
    plugin.setConfiguration(new Xpp3Dom("configuration"));
    Properties user = new Properties();
    user.setProperty("spring-boot.repackage.excludeDevtools", "false");
    user.setProperty("spring-boot.excludes", "com.google.guava:guava");
    assertThat(libraries(SpringBootPlugin.repackage(project, user), false))
        .containsExactly("spring-boot-devtools", "h2", "jsr305");
  }

  private Plugin springBootPlugin(String version) {
    Plugin plugin = new Plugin();
    plugin.setGroupId("org.springframework.boot");
    plugin.setArtifactId("spring-boot-maven-plugin");
    plugin.setVersion(version);
    project.getBuild().addPlugin(plugin);
    return plugin;
  }

  private List<String> libraries(Optional<SpringBootRepackage> rules, boolean includeDevtools) {
    leftOut.clear();
    JavaApplication application = ProjectReader.application(project, List.of(project), dir.resolve("extra"), rules,
        includeDevtools, (artifact, why) -> leftOut.add(artifact.getArtifactId() + ": " + why));
    return application.dependencies().stream().map(Dependency::artifactId).toList();
  }

  private Artifact artifact(String groupId, String artifactId, String scope, boolean optional) throws IOException {
    DefaultArtifactHandler jar = new DefaultArtifactHandler("jar");
    jar.setAddedToClasspath(true);
    Artifact artifact = new DefaultArtifact(groupId, artifactId, "1.0", scope, "jar", null, jar);
    artifact.setOptional(optional);
    artifact.setFile(Files.writeString(dir.resolve(artifactId + "-1.0.jar"), "not read").toFile());
    return artifact;
  }

  private static Xpp3Dom element(String name, String value) {
    Xpp3Dom element = new Xpp3Dom(name);
    element.setValue(value);
    return element;
  }
}
