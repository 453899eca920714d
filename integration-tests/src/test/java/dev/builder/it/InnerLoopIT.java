package dev.builder.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builder.testing.FileTrees;
import dev.builder.testing.RegistryExtension;
import dev.builder.testing.RegistryServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The inner loop with real Maven: push, push again unchanged, change one class and push. Counts, not times: an
 * unchanged push uploads nothing and attaches nothing again, and a one-class change uploads the classes layer and
 * the config (and the manifest, which is not a blob), with every other layer taken from the layer cache unchanged.
 * The SBOM libraries, half of the plugin's jars, are resolved only by a build that writes an SBOM.
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
  void theSbomLibrariesAreResolvedOnlyWhenAnSbomIsWritten(RegistryServer registry) throws Exception {
    String base = Fixtures.pushBase(registry);
    Path project = Maven.sample("hello-http", "sbom-libraries");
    FileTrees.deleteRecursively(project.resolveSibling(project.getFileName() + "-cache")); // no list of an earlier run
    Maven maven = new Maven(project.getParent());
    String[] push = {"-X", "package", "builder:push", "-Dbuilder.repository=" + registry.host() + "/libraries",
        "-Dbuilder.from=" + base};

    Maven.Result none = maven.run(project, append(push, "-Dbuilder.sbom=none")).succeeded();
    Maven.Result spdx = maven.run(project, push).succeeded();
    Path source = project.resolve("src/main/java/com/example/hello/Hello.java");
    Files.writeString(source, Files.readString(source).replace("\"Hello, \"", "\"Hi, \""));
    Maven.Result changed = maven.run(project, push).succeeded();

    // the plugin is one jar with its libraries, so Maven resolves no dependency of it before the goal runs; and the
    // SBOM libraries, half of them, are neither resolved nor opened for a build that writes no SBOM
    assertThat(none.output()).contains("Populating class realm plugin>dev.builder:builder-maven-plugin",
            "Included: dev.builder:builder-maven-plugin:jar:")
        .doesNotContain("Included: dev.builder:builder-core", "Included: com.google.cloud.tools:jib-core",
            "Included: org.spdx:", "Included: org.cyclonedx:", "jars for SBOMs");
    assertThat(spdx.output()).containsPattern("builder: added \\d+ jars for SBOMs to the plugin's class realm: "
        + "\\[.*/java-spdx-library-[^/]*\\.jar");
    // the libraries of the plugin's jar are relocated, so the SBOM libraries get their own Jackson; builder-core's
    // libraries, which they do not use, are not added a second time
    assertThat(spdx.output())
        .containsPattern("jars for SBOMs to the plugin's class realm: \\[.*/jackson-databind-[^/]*\\.jar")
        .doesNotContainPattern("jars for SBOMs to the plugin's class realm: \\[.*/(jib-core|builder-core|httpclient)-");
    // the next build that makes an SBOM takes the jars resolved before, without reading their POMs again
    assertThat(changed.output()).containsPattern("builder: added \\d+ jars for SBOMs to the plugin's class realm, as"
        + " resolved by an earlier build: \\[.*/java-spdx-library-[^/]*\\.jar");
    assertThat(changed.output()).contains("builder: attached the spdx SBOM");
    assertThat(Files.readString(project.resolve("target/builder/sbom.spdx.json"))).contains("\"spdxVersion\"");
  }

  @Test
  void aLibraryInThePluginsDependenciesReplacesTheSbomLibrariesOwn(RegistryServer registry) throws Exception {
    String base = Fixtures.pushBase(registry);
    Path project = Maven.sample("hello-http", "patched-library");
    FileTrees.deleteRecursively(project.resolveSibling(project.getFileName() + "-cache"));
    // what the README tells a user to do to patch a library the SBOM writers use
    Path pom = project.resolve("pom.xml");
    Files.writeString(pom, Files.readString(pom).replaceFirst("<configuration>", "<dependencies><dependency>"
        + "<groupId>com.fasterxml.jackson.core</groupId><artifactId>jackson-databind</artifactId>"
        + "<version>2.22.0</version></dependency></dependencies><configuration>"));
    Maven.Result spdx = new Maven(project.getParent()).run(project, "-X", "package", "builder:push",
        "-Dbuilder.repository=" + registry.host() + "/patched", "-Dbuilder.from=" + base).succeeded();

    assertThat(spdx.output()).contains("Included: com.fasterxml.jackson.core:jackson-databind:jar:2.22.0")
        .containsPattern("jars for SBOMs to the plugin's class realm: \\[.*/java-spdx-library-")
        .doesNotContainPattern("jars for SBOMs to the plugin's class realm: \\[.*/jackson-databind-");
    assertThat(spdx.output()).contains("builder: attached the spdx SBOM");
  }

  private static String[] append(String[] args, String arg) {
    String[] all = Arrays.copyOf(args, args.length + 1);
    all[args.length] = arg;
    return all;
  }

  /** Blobs uploaded, mounted and already there, as image.json records the last push. */
  private static int[] counts(Path project) throws java.io.IOException {
    var transfer = Images.imageJson(project).get("transfer");
    return new int[] {transfer.get("uploaded").asInt(), transfer.get("mounted").asInt(),
        transfer.get("skipped").asInt()};
  }
}
