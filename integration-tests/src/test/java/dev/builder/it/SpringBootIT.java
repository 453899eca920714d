package dev.builder.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builder.core.image.Image;
import dev.builder.testing.ImageRun;
import dev.builder.testing.RegistryExtension;
import dev.builder.testing.RegistryServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A Spring Boot web app, packaged by spring-boot-maven-plugin as users do, pushed and run. */
@Tag("maven")
@Tag("registry")
@Tag("root")
@ExtendWith(RegistryExtension.class)
class SpringBootIT {

  @Test
  void springBootAppRunsFromItsLayers(RegistryServer registry) throws Exception {
    String base = Fixtures.pushBase(registry);
    Path project = Maven.sample("spring-boot-web", "spring-boot-web");
    new Maven(project.getParent())
        .run(project, "package", "builder:push", "-Dbuilder.repository=" + registry.host() + "/apps",
            "-Dbuilder.from=" + base)
        .succeeded();
    String name = registry.host() + "/apps/spring-boot-web:1.0.0";
    Image image = ImageRun.pull(name, project.resolve("target/pull-cache"));

    // the main class comes from Start-Class, not from Spring Boot's launcher in Main-Class
    assertThat(image.config().config().entrypoint()).last().isEqualTo("com.example.web.WebApplication");
    // base, dependencies, resources, classes: the dependencies come before the code that changes often
    assertThat(image.layers()).hasSize(4);
    assertThat(image.layers().get(1).descriptor().size()).isGreaterThan(image.layers().get(3).descriptor().size());
    String classpath = image.config().config().entrypoint().get(image.config().config().entrypoint().indexOf("-cp") + 1);
    assertThat(classpath).startsWith("/app/resources:/app/classes:/app/libs/").contains("spring-webmvc-");

    assertThat(Images.runAndGet(name, project.resolve("target/run"))).isEqualTo("Hello, world!");
  }
}
