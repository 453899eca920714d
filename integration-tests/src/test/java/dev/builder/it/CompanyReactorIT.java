package dev.builder.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builder.core.image.Image;
import dev.builder.testing.ImageRun;
import dev.builder.testing.RegistryExtension;
import dev.builder.testing.RegistryServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A reactor whose parent declares builder the company way (pluginManagement plus executions): the POM and the library
 * are skipped with one line each, the app gets an image with the library in its project layer.
 */
@Tag("maven")
@Tag("registry")
@Tag("root")
@ExtendWith(RegistryExtension.class)
class CompanyReactorIT {

  @Test
  void parentPomDeclaresBuilderOnceAndOnlyTheAppGetsAnImage(RegistryServer registry) throws Exception {
    String base = Fixtures.pushBase(registry);
    Path reactor = Maven.sample("company-reactor", "company-reactor");
    Maven.Result result = new Maven(reactor.getParent())
        .run(reactor, "package", "builder:push", "-Dbuilder.repository=" + registry.host() + "/company",
            "-Dbuilder.from=" + base)
        .succeeded();

    assertThat(result.output()).contains("builder: skipped, packaging pom has no image");
    assertThat(result.output()).contains("builder: skipped, greeting-lib has no main class (a library)");
    assertThat(reactor.resolve("greeting-lib/target/builder/image.json")).doesNotExist();
    // build ran at package and wrote the outputs; push pushed that same image
    Path app = reactor.resolve("greeting-app");
    assertThat(app.resolve("target/builder/image.tar")).exists();
    String digest = Images.imageJson(app).get("digest").asText();
    assertThat(Images.imageJson(app).get("pushed").asBoolean()).isTrue();
    assertThat(Files.readString(app.resolve("target/builder/image/index.json"))).contains(digest);

    String name = registry.host() + "/company/greeting-app:2.0.0";
    Image image = ImageRun.pull(name, app.resolve("target/pull-cache"));
    assertThat(image.digest().toString()).isEqualTo(digest);
    assertThat(image.config().config().entrypoint())
        .containsSequence("java", "-XX:MaxRAMPercentage=75", "-cp")
        .last().isEqualTo("com.example.app.App");
    assertThat(String.join(" ", image.config().config().entrypoint())).contains("/app/libs/greeting-lib-2.0.0.jar");
    assertThat(Images.runAndGet(name, app.resolve("target/run"))).isEqualTo("Hello, world!");
  }
}
