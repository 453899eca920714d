package dev.builder.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.builder.sbom.JsonSchemas;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plugin's jar as Maven installs it (staged in {@code target/it-repo}): builder's own classes and licence, and
 * the CycloneDX SBOM of every library the plugin runs with, which are the dependencies its POM names and Maven puts
 * in the plugin's class realm (so a scanner reads them from the POM and the SBOM, and a user can replace one).
 */
@Tag("maven")
@Tag("registry")
class PluginJarIT {
  /** Issue 20's bound; the jar is about 150 KB, as it holds builder's classes only. */
  private static final long MAX_BYTES = 4_000_000;

  /** A line of Maven's -X log for each jar in the plugin's class realm. */
  private static final Pattern INCLUDED = Pattern.compile("Included: ([^:\\s]+):([^:\\s]+):jar:(\\S+)");

  /** Maven's own copy of it serves every plugin (maven-core exports it), so Maven leaves the plugin's out. */
  private static final String PROVIDED_BY_MAVEN = "org.slf4j:slf4j-api";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static Path jar;
  private static JsonNode sbom;

  @BeforeAll
  static void open() throws IOException {
    String version = System.getProperty("builder.version");
    Path folder = Path.of(System.getProperty("it.repo"), "dev", "builder", "builder-maven-plugin", version);
    jar = folder.resolve("builder-maven-plugin-" + version + ".jar");
    try (JarFile file = new JarFile(jar.toFile())) {
      ZipEntry entry = file.getEntry("META-INF/sbom/bom.json");
      assertThat(entry).as("the CycloneDX SBOM in the plugin's jar").isNotNull();
      try (InputStream in = file.getInputStream(entry)) {
        sbom = JSON.readTree(in);
      }
    }
  }

  @Test
  void itHoldsBuildersOwnClassesOnlyAndIsSmall() throws IOException {
    assertThat(Files.size(jar)).as("size of %s", jar).isLessThanOrEqualTo(MAX_BYTES);
    List<String> foreign = new ArrayList<>();
    try (JarFile file = new JarFile(jar.toFile())) {
      file.stream().map(ZipEntry::getName)
          .filter(n -> n.endsWith(".class") && !n.startsWith("dev/builder/maven/"))
          .forEach(foreign::add);
      assertThat(file.getEntry("dev/builder/maven/PushMojo.class")).isNotNull();
    }
    assertThat(foreign).as("classes in the plugin's jar that are not the plugin's").isEmpty();
  }

  @Test
  void itsSbomListsEveryJarOfThePluginsClassRealmAndIsAttachedToTheBuild() throws Exception {
    byte[] bytes = JSON.writeValueAsBytes(sbom);
    assertThat(JsonSchemas.cycloneDx16(bytes)).as("CycloneDX 1.6 schema violations").isEmpty();
    assertThat(sbom.at("/metadata/component/purl").asText()).startsWith("pkg:maven/dev.builder/builder-maven-plugin@");

    // what Maven loads the plugin with, as a user's build resolves it from the installed POM
    Path project = Maven.sample("hello-http", "plugin-jar");
    Maven.Result help = new Maven(project.getParent()).run(project, "-X", "builder:help").succeeded();
    String realm = help.output().substring(
        help.output().indexOf("Populating class realm plugin>dev.builder:builder-maven-plugin"));
    Map<String, String> included = new TreeMap<>();
    Matcher m = INCLUDED.matcher(realm.substring(0, realm.indexOf("Loading mojo")));
    while (m.find()) {
      included.put(m.group(1) + ":" + m.group(2), m.group(3));
    }
    included.remove("dev.builder:builder-maven-plugin");

    Map<String, String> listed = components();
    assertThat(listed.remove(PROVIDED_BY_MAVEN)).as("the SBOM lists %s", PROVIDED_BY_MAVEN).isNotNull();
    assertThat(listed).as("the SBOM's components against the jars in the plugin's class realm").isEqualTo(included)
        .containsKeys("dev.builder:builder-core", "dev.builder:builder-sbom", "com.google.cloud.tools:jib-core",
            "com.fasterxml.jackson.core:jackson-databind", "org.spdx:java-spdx-library",
            "org.cyclonedx:cyclonedx-core-java");

    String version = System.getProperty("builder.version");
    Path attached = jar.resolveSibling("builder-maven-plugin-" + version + "-cyclonedx.json");
    assertThat(JSON.readTree(attached.toFile())).as("the SBOM attached to the build").isEqualTo(sbom);
  }

  @Test
  void itCarriesBuildersLicenceAndItsSbomNamesEveryLibrarysLicence() throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      String own = new String(file.getInputStream(file.getEntry("META-INF/LICENSE")).readAllBytes(),
          StandardCharsets.UTF_8);
      assertThat(own).as("builder's licence").contains("Apache License", "Version 2.0, January 2004");
    }
    for (JsonNode c : sbom.get("components")) {
      JsonNode licence = c.at("/licenses/0");
      String named = licence.at("/license/id").asText(licence.at("/license/name").asText(
          licence.at("/expression").asText()));
      assertThat(named).as("the licence of %s:%s in the plugin's SBOM", c.get("group").asText(),
          c.get("name").asText()).isNotBlank();
    }
  }

  private static Map<String, String> components() {
    Map<String, String> listed = new TreeMap<>();
    for (JsonNode c : sbom.get("components")) {
      listed.put(c.get("group").asText() + ":" + c.get("name").asText(), c.get("version").asText());
    }
    return listed;
  }
}
