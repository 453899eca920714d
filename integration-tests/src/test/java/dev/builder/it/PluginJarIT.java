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
import java.util.Properties;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plugin's jar as Maven installs it (staged in {@code target/it-repo}): what it bundles is listed by its own
 * CycloneDX SBOM, each bundled library comes with its licence files and a {@code pom.properties} a scanner finds,
 * every library is relocated, and the jar holds only the classes builder reaches.
 */
@Tag("maven")
@Tag("registry")
class PluginJarIT {
  /**
   * The jar's bound. Minimized, it is about 6.9 MB, of 11.4 MB shaded whole: Jackson (2.1 MB: jackson-databind's
   * ObjectMapper reaches nearly all of it), Guava (1.2 MB of 3 MB: jib-core's use), commons-* (0.7 MB) and HttpClient
   * (0.6 MB) are most of it. Shrinking below class granularity would need a byte-code shrinker.
   */
  private static final long MAX_BYTES = 7_300_000;

  /** A sentence of each licence's full text, not found in a file that only names or points to it. */
  private static final Map<String, String> FULL_TEXT = Map.of(
      "Apache-2.0", "TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION",
      "BSD-3-Clause", "Neither the name of the copyright holders nor the names of its",
      "MIT", "Permission is hereby granted, free of charge, to any person obtaining a copy");

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
  void itIsMinimized() throws IOException {
    assertThat(Files.size(jar)).as("size of %s", jar).isLessThanOrEqualTo(MAX_BYTES);
  }

  @Test
  void itsSbomListsEveryBundledLibraryWithItsVersionAndIsAttachedToTheBuild() throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(sbom);
    assertThat(JsonSchemas.cycloneDx16(bytes)).as("CycloneDX 1.6 schema violations").isEmpty();
    assertThat(sbom.at("/metadata/component/purl").asText()).startsWith("pkg:maven/dev.builder/builder-maven-plugin@");

    // what a scanner reads in the jar: the pom.properties of each library (and of the plugin itself)
    Map<String, String> scanned = new TreeMap<>();
    try (JarFile file = new JarFile(jar.toFile())) {
      for (ZipEntry entry : file.stream().toList()) {
        if (entry.getName().startsWith("META-INF/maven/") && entry.getName().endsWith("/pom.properties")) {
          Properties p = new Properties();
          try (InputStream in = file.getInputStream(entry)) {
            p.load(in);
          }
          scanned.put(p.getProperty("groupId") + ":" + p.getProperty("artifactId"), p.getProperty("version"));
        }
      }
    }
    scanned.remove("dev.builder:builder-maven-plugin");
    assertThat(components()).as("the SBOM's components against the jar's pom.properties").isEqualTo(scanned)
        .containsKeys("com.google.cloud.tools:jib-core", "com.fasterxml.jackson.core:jackson-databind",
            "org.ow2.asm:asm", "com.github.package-url:packageurl-java");

    String version = System.getProperty("builder.version");
    Path attached = jar.resolveSibling("builder-maven-plugin-" + version + "-cyclonedx.json");
    assertThat(JSON.readTree(attached.toFile())).as("the SBOM attached to the build").isEqualTo(sbom);
  }

  @Test
  void everyBundledLibraryHasItsLicenceFilesAndALineInThirdParty() throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      String own = new String(file.getInputStream(file.getEntry("META-INF/LICENSE")).readAllBytes(),
          StandardCharsets.UTF_8);
      assertThat(own).as("builder's licence").contains("Apache License", "Version 2.0, January 2004");
      String thirdParty = new String(file.getInputStream(file.getEntry("META-INF/THIRD-PARTY.txt")).readAllBytes(),
          StandardCharsets.UTF_8);
      for (JsonNode c : sbom.get("components")) {
        String group = c.get("group").asText();
        String artifact = c.get("name").asText();
        if (group.equals("dev.builder")) {
          continue; // builder's own modules: META-INF/LICENSE
        }
        String folder = "META-INF/licenses/" + group + "/" + artifact + "/";
        List<String> licences = new ArrayList<>();
        file.stream().map(ZipEntry::getName)
            .filter(n -> n.startsWith(folder) && n.substring(folder.length()).contains("LICENSE"))
            .forEach(licences::add);
        assertThat(licences).as("licence files of %s:%s in the plugin's jar", group, artifact).isNotEmpty();
        String id = c.at("/licenses/0/license/id").asText(c.at("/licenses/0/expression").asText());
        StringBuilder texts = new StringBuilder();
        for (String licence : licences) {
          texts.append(new String(file.getInputStream(file.getEntry(licence)).readAllBytes(), StandardCharsets.UTF_8));
        }
        assertThat(texts).as("the full text of %s's licence, %s", artifact, id).contains(FULL_TEXT.get(id));
        assertThat(thirdParty).as("THIRD-PARTY.txt")
            .contains(group + ":" + artifact + ":" + c.get("version").asText() + "\n  licence: " + id);
      }
      // a library whose jar carries no licence file gets the text its POM declares
      assertThat(new String(file.getInputStream(file.getEntry("META-INF/licenses/org.ow2.asm/asm/LICENSE"))
          .readAllBytes(), StandardCharsets.UTF_8)).contains("INRIA, France Telecom", "Redistribution and use");
    }
  }

  @Test
  void everyBundledClassIsBuildersOrRelocated() throws IOException {
    List<String> foreign = new ArrayList<>();
    try (JarFile file = new JarFile(jar.toFile())) {
      file.stream().map(ZipEntry::getName)
          .filter(n -> n.endsWith(".class") && !n.startsWith("dev/builder/"))
          .forEach(foreign::add);
      assertThat(foreign).as("classes outside dev.builder").isEmpty();
      assertThat(file.getEntry("dev/builder/shaded/com/fasterxml/jackson/databind/ObjectMapper.class")).isNotNull();
      // minimized: Guava's classes jib-core never reaches are gone
      assertThat(file.getEntry("dev/builder/shaded/com/google/common/graph/Traverser.class")).isNull();
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
