package dev.builder.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.junit.jupiter.api.Test;

class WarWebappTest {
  private static final Path BASEDIR = Path.of("/work/shop").toAbsolutePath();

  @Test
  void theExplodedWebappIsWhereMavenWarPluginWritesItByDefault() {
    assertThat(WarWebapp.directory(project(null))).isEqualTo(BASEDIR.resolve("target/shop-1.0"));
    assertThat(WarWebapp.isWar(project(null))).isTrue();
  }

  @Test
  void aConfiguredWebappDirectoryIsTakenFromTheModulesFolder() {
    assertThat(WarWebapp.directory(project("build/webapp"))).isEqualTo(BASEDIR.resolve("build/webapp"));
    assertThat(WarWebapp.directory(project("/srv/exploded"))).isEqualTo(Path.of("/srv/exploded").toAbsolutePath());
  }

  @Test
  void aWarInheritsTheContainersStartCommandUnlessOneIsSet() {
    assertThat(WarWebapp.entrypoint(List.of())).containsExactly("INHERIT");
    assertThat(WarWebapp.entrypoint(List.of("/start.sh"))).containsExactly("/start.sh");
  }

  private static MavenProject project(String webappDirectory) {
    Model model = new Model();
    model.setArtifactId("shop");
    model.setVersion("1.0");
    model.setPackaging("war");
    Build build = new Build();
    build.setDirectory(BASEDIR.resolve("target").toString());
    build.setFinalName("shop-1.0");
    if (webappDirectory != null) {
      Plugin war = new Plugin();
      war.setGroupId("org.apache.maven.plugins");
      war.setArtifactId("maven-war-plugin");
      Xpp3Dom config = new Xpp3Dom("configuration");
      Xpp3Dom dir = new Xpp3Dom("webappDirectory");
      dir.setValue(webappDirectory);
      config.addChild(dir);
      war.setConfiguration(config);
      build.addPlugin(war);
    }
    model.setBuild(build);
    MavenProject project = new MavenProject(model);
    project.setFile(new File(BASEDIR.resolve("pom.xml").toString()));
    return project;
  }
}
