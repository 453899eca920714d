package dev.builder.maven;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.builder.core.BuilderException;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;

class LaunchConventionsTest {

  @Test
  void aJarModuleStartsAsBuilderStartsIt() {
    assertThatCode(() -> LaunchConventions.check(project("jar"))).doesNotThrowAnyException();
  }

  @Test
  void aWarIsLeftToItsServletContainerBase() {
    assertThatCode(() -> LaunchConventions.check(project("war"))).doesNotThrowAnyException();
  }

  @Test
  void aQuarkusApplicationSaysWhatToDoInstead() {
    MavenProject project = project("jar");
    Plugin quarkus = new Plugin();
    quarkus.setGroupId("io.quarkus.platform");
    quarkus.setArtifactId("quarkus-maven-plugin");
    project.getBuild().addPlugin(quarkus);
    assertThatThrownBy(() -> LaunchConventions.check(project)).isInstanceOf(BuilderException.class)
        .hasMessageContaining("shop is a Quarkus application (io.quarkus.platform:quarkus-maven-plugin)")
        .hasMessageContaining("container-image-jib");
  }

  private static MavenProject project(String packaging) {
    Model model = new Model();
    model.setArtifactId("shop");
    model.setPackaging(packaging);
    model.setBuild(new Build());
    return new MavenProject(model);
  }
}
