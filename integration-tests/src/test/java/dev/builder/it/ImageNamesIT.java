package dev.builder.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builder.testing.RegistryExtension;
import dev.builder.testing.RegistryServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Names and tags that one push would silently overwrite, or that are no tags, fail before anything is pushed. */
@Tag("maven")
@Tag("registry")
@Tag("root")
@ExtendWith(RegistryExtension.class)
class ImageNamesIT {

  @Test
  void twoModulesWithOneArtifactIdFailBeforeEitherPushes(RegistryServer registry) throws Exception {
    String base = Fixtures.pushBase(registry);
    Path reactor = Maven.sample("same-artifact-ids", "same-artifact-ids");
    Maven maven = new Maven(reactor.getParent());

    // in parallel, as a CI build would run it: neither module may win
    Maven.Result result = maven.run(reactor, "-T", "2", "package", "builder:push",
        "-Dbuilder.repository=" + registry.host() + "/apps", "-Dbuilder.from=" + base).failed();

    assertThat(result.output()).containsAnyOf("modules com.a:api and com.b:api would both push",
        "modules com.b:api and com.a:api would both push");
    assertThat(result.output()).contains(registry.host() + "/apps/api (tags 1.0.0, latest): the one pushed last would"
        + " replace the other. Give one of them a name of its own with <image>");
    assertThat(result.output()).doesNotContain("com.c:api would").doesNotContain("com.d:api would");
    assertThat(catalog(registry)).doesNotContain("apps/api");

    // a module that skips builder, or a library, pushes nothing, so it takes no name from another
    maven.run(reactor, "package", "builder:push", "-pl", "a,c", "-am", "-Dbuilder.repository=" + registry.host()
        + "/apps", "-Dbuilder.from=" + base).succeeded();
    assertThat(catalog(registry)).contains("\"apps/api\"");
  }

  @Test
  void aVersionThatIsNoTagSaysTheTagCameFromTheVersion(RegistryServer registry) throws Exception {
    String base = Fixtures.pushBase(registry);
    Path project = Maven.sample("hello-http", "version-no-tag");
    Path pom = project.resolve("pom.xml");
    Files.writeString(pom, Files.readString(pom).replaceFirst("<version>1.0.0</version>",
        "<version>1.2.3+build.7</version>"));

    Maven.Result result = new Maven(project.getParent()).run(project, "package", "builder:build",
        "-Dbuilder.from=" + base).failed();

    assertThat(result.output()).contains("builder: the project version '1.2.3+build.7' is not a valid image tag, and"
        + " builder tags images with the project version unless tags are set")
        .contains("Set <tags> in the plugin configuration or -Dbuilder.tags, for example"
            + " -Dbuilder.tags=1.2.3_build.7,latest");
    assertThat(project.resolve("target/builder/image.json")).doesNotExist();
  }

  private static String catalog(RegistryServer registry) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(registry.scheme() + "://" + registry.host() + "/v2/_catalog")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }
}
