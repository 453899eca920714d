package dev.builder.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builder.testing.RegistryExtension;
import dev.builder.testing.RegistryServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The inner loop with real Maven: push, push again unchanged, change one class and push. Counts, not times: an
 * unchanged push uploads nothing and attaches nothing again, and a one-class change uploads the classes layer and
 * the config (and the manifest, which is not a blob), with every other layer taken from the layer cache unchanged.
 */
@Tag("maven")
@Tag("registry")
@Tag("root")
@ExtendWith(RegistryExtension.class)
class InnerLoopIT {

  @Test
  void anUnchangedPushSendsNothingAndAOneClassChangeSendsTheClassesLayerAndTheConfig(RegistryServer registry)
      throws Exception {
    String base = Fixtures.pushBase(registry);
    Path project = Maven.sample("hello-http", "inner-loop");
    Maven maven = new Maven(project.getParent());
    String[] push = {"package", "builder:push", "-Dbuilder.repository=" + registry.host() + "/loop",
        "-Dbuilder.from=" + base};

    Maven.Result first = maven.run(project, push).succeeded();
    int[] firstCounts = counts(project);
    Maven.Result again = maven.run(project, push).succeeded();
    int[] againCounts = counts(project);
    Path source = project.resolve("src/main/java/com/example/hello/Hello.java");
    Files.writeString(source, Files.readString(source).replace("\"Hello, \"", "\"Hello again, \""));
    Maven.Result changed = maven.run(project, push).succeeded();

    // the base layer is mounted from base/java; resources, classes, extra files and the config are uploaded
    assertThat(firstCounts).containsExactly(4, 1, 0);
    assertThat(againCounts).as("an unchanged push").containsExactly(0, 0, 5);
    assertThat(again.output()).contains("builder: already attached: the spdx SBOM");
    assertThat(counts(project)).as("a one-class change").containsExactly(2, 0, 3);
    assertThat(changed.lastPluginLine()).isNotEqualTo(first.lastPluginLine());
    assertThat(again.lastPluginLine()).isEqualTo(first.lastPluginLine());
  }

  @Test
  void aLibraryInThePluginsDependenciesReplacesThePluginsOwn(RegistryServer registry) throws Exception {
    String base = Fixtures.pushBase(registry);
    Path project = Maven.sample("hello-http", "patched-library");
    // what the README tells a user to do to patch a library builder runs with: a newer patch release of it
    Path pom = project.resolve("pom.xml");
    Files.writeString(pom, Files.readString(pom).replaceFirst("<configuration>", "<dependencies><dependency>"
        + "<groupId>com.fasterxml.jackson.core</groupId><artifactId>jackson-databind</artifactId>"
        + "<version>2.22.3</version></dependency></dependencies><configuration>"));
    Maven.Result spdx = new Maven(project.getParent()).run(project, "-X", "package", "builder:push",
        "-Dbuilder.repository=" + registry.host() + "/patched", "-Dbuilder.from=" + base).succeeded();

    // one Jackson serves builder-core, jib-core and the SBOM libraries alike: the user's
    assertThat(spdx.output()).contains("Included: com.fasterxml.jackson.core:jackson-databind:jar:2.22.3")
        .doesNotContain("Included: com.fasterxml.jackson.core:jackson-databind:jar:2.22.0");
    assertThat(spdx.output()).contains("builder: attached the spdx SBOM");
    assertThat(Files.readString(project.resolve("target/builder/sbom.spdx.json"))).contains("\"spdxVersion\"");
  }

  /** Blobs uploaded, mounted and already there, as image.json records the last push. */
  private static int[] counts(Path project) throws java.io.IOException {
    var transfer = Images.imageJson(project).get("transfer");
    return new int[] {transfer.get("uploaded").asInt(), transfer.get("mounted").asInt(),
        transfer.get("skipped").asInt()};
  }
}
