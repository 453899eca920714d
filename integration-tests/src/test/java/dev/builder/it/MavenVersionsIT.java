package dev.builder.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builder.core.BuildListener;
import dev.builder.core.registry.CredentialSource;
import dev.builder.core.registry.ImageName;
import dev.builder.core.registry.Registries;
import dev.builder.testing.RegistryExtension;
import dev.builder.testing.RegistryServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The smoke set on every Maven that users run, each from Maven Central's own distribution (unpacked into
 * {@code target/mavens} by the build) in a real Maven process of its own: a company parent POM binds push and sbom
 * to the package phase, the library and the parent are skipped, the app is pushed with its SBOM attached, and
 * {@code builder:resolve} rewrites YAML that names the app. The suite's other tests run on the wrapper's Maven.
 */
@Tag("maven")
@Tag("registry")
@Tag("root")
@ExtendWith(RegistryExtension.class)
class MavenVersionsIT {
  /** The digest each Maven pushed: the same sources must give the same image on every one. */
  private static final Map<String, String> DIGESTS = new ConcurrentHashMap<>();
  private static String base;

  @BeforeAll
  static void pushBase(RegistryServer registry) throws Exception {
    base = Fixtures.pushBase(registry);
  }

  /** The Mavens of the smoke set: those unpacked from Central, then the one running this suite. */
  static List<String> mavens() {
    List<String> versions = new ArrayList<>(Arrays.asList(System.getProperty("it.maven.versions").split(",")));
    versions.add("wrapper");
    return versions;
  }

  @ParameterizedTest(name = "Maven {0}")
  @MethodSource("mavens")
  void smokeSetPassesOnThisMaven(String version, RegistryServer registry) throws Exception {
    Path reactor = Maven.sample("maven-smoke", "maven-smoke-" + version);
    String repository = registry.host() + "/maven-" + version;
    Maven.Result result = new Maven(reactor.getParent(), home(version))
        .run(reactor, "-V", "package", "builder:resolve", "-Dbuilder.repository=" + repository, "-Dbuilder.from=" + base)
        .succeeded();
    if (!version.equals("wrapper")) {
      assertThat(result.output()).as("the Maven that ran").contains("Apache Maven " + version);
    }

    assertThat(result.output()).contains("builder: skipped, packaging pom has no image")
        .contains("builder: skipped, smoke-lib has no main class (a library)")
        .doesNotContain("NoSuchMethodError").doesNotContain("NoClassDefFoundError");
    assertThat(reactor.resolve("smoke-lib/target/builder/image.json")).doesNotExist();

    Path app = reactor.resolve("smoke-app");
    JsonNode pushed = Images.imageJson(app);
    assertThat(pushed.get("pushed").asBoolean()).isTrue();
    String digest = pushed.get("digest").asText();
    String name = repository + "/smoke-app";
    assertThat(Fixtures.digestOf(name + ":1.0.0")).isEqualTo(digest);
    assertThat(DIGESTS.putIfAbsent("digest", digest)).as("the digest another Maven pushed for the same sources")
        .isIn(null, digest);

    // the SBOM was written by the sbom execution and attached by the push, under cosign's tag
    assertThat(app.resolve("target/builder/sbom.spdx.json")).isNotEmptyFile();
    ImageName image = ImageName.parse(name);
    try (Registries registries = new Registries(BuildListener.SILENT, CredentialSource.ANONYMOUS, false)) {
      String sbomTag = "sha256-" + digest.substring("sha256:".length()) + ".sbom";
      assertThat(registries.forPull(image).pullManifest(sbomTag).bytes()).isNotEmpty();
    }

    assertThat(Files.readString(reactor.resolve("target/builder/k8s/app.yaml")))
        .contains("image: " + pushed.get("reference").asText())
        .doesNotContain("builder://");
    assertThat(Images.runAndGet(name + ":1.0.0", app.resolve("target/run"))).isEqualTo("Hello, world!");
  }

  @Test
  void tooOldAMavenGetsMavensOwnPrerequisiteMessage(RegistryServer registry) throws Exception {
    String version = System.getProperty("it.maven.tooOld");
    Path reactor = Maven.sample("maven-smoke", "maven-smoke-" + version);
    Maven.Result result = new Maven(reactor.getParent(), home(version))
        .run(reactor, "-V", "package", "-Dbuilder.repository=" + registry.host() + "/old", "-Dbuilder.from=" + base)
        .failed();
    assertThat(result.output()).contains("Apache Maven " + version)
        .contains("The plugin dev.builder:builder-maven-plugin:" + System.getProperty("builder.version")
            + " requires Maven version 3.6.3")
        .doesNotContain("NoSuchMethodError").doesNotContain("NoClassDefFoundError");
  }

  private static Path home(String version) {
    return version.equals("wrapper")
        ? Path.of(System.getProperty("maven.home"))
        : Path.of(System.getProperty("it.mavens"), "apache-maven-" + version);
  }
}
