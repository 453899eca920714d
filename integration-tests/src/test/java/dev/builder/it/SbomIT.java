package dev.builder.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builder.core.BuildListener;
import dev.builder.core.image.Digest;
import dev.builder.core.image.Index;
import dev.builder.core.image.Json;
import dev.builder.core.registry.CredentialSource;
import dev.builder.core.registry.ImageName;
import dev.builder.core.registry.Registries;
import dev.builder.core.registry.RepositoryClient;
import dev.builder.sbom.JsonSchemas;
import dev.builder.testing.RegistryExtension;
import dev.builder.testing.RegistryServer;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SBOMs of the Spring Boot sample: every runtime jar that cyclonedx-maven-plugin lists is in ours with the same purl,
 * the base image's Debian packages are there, and push attaches the SBOM where Trivy and cosign look for it.
 */
@Tag("maven")
@Tag("registry")
@Tag("root")
@ExtendWith(RegistryExtension.class)
class SbomIT {
  private static String base;

  @BeforeAll
  static void pushBase(RegistryServer registry) throws Exception {
    base = Fixtures.pushBase(registry);
  }

  @Test
  void cycloneDxListsWhatCycloneDxMavenPluginListsAndTheBasePackages(RegistryServer registry) throws Exception {
    Path project = Maven.sample("spring-boot-web", "sbom-cyclonedx");
    new Maven(project.getParent())
        .run(project, "package", "builder:build", "builder:sbom", "org.cyclonedx:cyclonedx-maven-plugin:2.9.3:makeBom",
            "-Dbuilder.sbom=cyclonedx", "-Dbuilder.repository=" + registry.host() + "/apps", "-Dbuilder.from=" + base)
        .succeeded();
    byte[] cdx = Files.readAllBytes(project.resolve("target/builder/sbom.cdx.json"));
    assertThat(JsonSchemas.cycloneDx16(cdx)).as("CycloneDX 1.6 schema violations").isEmpty();
    JsonNode ours = Images.json(new String(cdx));
    JsonNode theirs = Images.json(Files.readString(project.resolve("target/bom.json")));

    Set<String> ourPurls = purls(ours.get("components"));
    Set<String> expected = new HashSet<>();
    Set<String> starters = new HashSet<>();
    for (JsonNode c : theirs.get("components")) {
      String purl = c.get("purl").asText().replace("?type=jar", "");
      (purl.startsWith("pkg:maven/org.springframework.boot/spring-boot-starter") ? starters : expected).add(purl);
    }
    assertThat(expected).hasSizeGreaterThan(20);
    assertThat(ourPurls).containsAll(expected);
    // the starters hold no classes and repackage leaves them out: not in the image, so not in its SBOM
    assertThat(starters).isNotEmpty();
    assertThat(ourPurls).doesNotContainAnyElementsOf(starters);
    // the graph still leads from the image to every jar, also those that only the starters named
    assertThat(reachable(ours, ours.get("metadata").get("component").get("bom-ref").asText()))
        .containsAll(ourPurls.stream().filter(p -> p.startsWith("pkg:maven/")).toList());

    assertThat(ours.get("specVersion").asText()).isEqualTo("1.6");
    JsonNode image = ours.get("metadata").get("component");
    assertThat(image.get("type").asText()).isEqualTo("container");
    String digest = Images.imageJson(project).get("digest").asText();
    assertThat(image.get("purl").asText()).startsWith("pkg:oci/spring-boot-web@sha256%3A" + digest.substring(7));
    assertThat(image.get("purl").asText()).contains("repository_url=" + registry.host().replace(":", "%3A")
        + "%2Fapps%2Fspring-boot-web");
    assertThat(ourPurls).anyMatch(p -> p.startsWith("pkg:deb/debian/libc6@"));
    assertThat(ourPurls).anyMatch(p -> p.startsWith("pkg:oci/java@sha256%3A")); // the base image
    assertThat(ours.get("metadata").get("timestamp").asText()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(ours.get("serialNumber").asText()).startsWith("urn:uuid:");
    assertThat(ours.get("dependencies")).isNotEmpty();
    assertThat(ours.get("compositions")).isNotEmpty();
    // hashes of the exact jar in the image
    JsonNode webmvc = StreamSupport.stream(ours.get("components").spliterator(), false)
        .filter(c -> c.path("purl").asText().startsWith("pkg:maven/org.springframework/spring-webmvc@"))
        .findFirst().orElseThrow();
    assertThat(StreamSupport.stream(webmvc.get("hashes").spliterator(), false).map(h -> h.get("alg").asText()))
        .contains("SHA-1", "SHA-256", "SHA-512");
    assertThat(webmvc.get("licenses").toString()).contains("Apache-2.0");
  }

  @Test
  void spdxIsAttachedToThePushedDigestAsReferrerAndCosignTag(RegistryServer registry) throws Exception {
    Path project = Maven.sample("spring-boot-web", "sbom-spdx");
    new Maven(project.getParent())
        .run(project, "package", "builder:push", "-Dbuilder.repository=" + registry.host() + "/apps",
            "-Dbuilder.from=" + base)
        .succeeded();
    byte[] spdx = Files.readAllBytes(project.resolve("target/builder/sbom.spdx.json"));
    assertThat(JsonSchemas.spdx23(spdx)).as("SPDX 2.3 schema violations").isEmpty();
    JsonNode document = Images.json(new String(spdx));
    assertThat(document.get("spdxVersion").asText()).isEqualTo("SPDX-2.3");
    assertThat(document.get("creationInfo").get("created").asText()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(document.get("creationInfo").get("creators").toString()).contains("Tool: builder-maven-plugin");
    assertThat(document.toString()).contains("DESCENDANT_OF").contains("DEPENDS_ON").contains("pkg:deb/debian/libc6");

    Digest image = Digest.parse(Images.imageJson(project).get("digest").asText());
    ImageName repository = ImageName.parse(registry.host() + "/apps/spring-boot-web");
    try (Registries registries = new Registries(BuildListener.SILENT, CredentialSource.ANONYMOUS, false)) {
      RepositoryClient client = registries.forPull(repository);
      Index referrers = Index.parse(client.pullManifest("sha256-" + image.hex()).bytes(), "referrers");
      // the SBOM, and the SLSA provenance that every push attaches (SigningIT checks that one)
      assertThat(referrers.manifests()).extracting(d -> d.artifactType())
          .containsExactlyInAnyOrder("application/spdx+json", "application/vnd.in-toto+json");
      dev.builder.core.image.Descriptor sbomReferrer = referrers.manifests().stream()
          .filter(d -> d.artifactType().equals("application/spdx+json")).findFirst().orElseThrow();
      JsonNode referrer = Json.parse(client.pullManifest(sbomReferrer.digest().toString()).bytes(), "referrer");
      assertThat(referrer.get("subject").get("digest").asText()).isEqualTo(image.toString());
      assertThat(referrer.get("artifactType").asText()).isEqualTo("application/spdx+json");
      assertThat(referrer.get("layers").get(0).get("mediaType").asText()).isEqualTo("application/spdx+json");
      assertThat(blob(client, referrer.get("layers").get(0).get("digest").asText())).isEqualTo(spdx);

      JsonNode cosign = Json.parse(client.pullManifest("sha256-" + image.hex() + ".sbom").bytes(), "cosign");
      assertThat(cosign.get("layers").get(0).get("mediaType").asText()).isEqualTo("text/spdx+json");
      assertThat(blob(client, cosign.get("layers").get(0).get("digest").asText())).isEqualTo(spdx);
    }
  }

  @Test
  void afterAOneClassChangeTheSbomIsRemadeFromTheLastOneAndReadsAsIfMadeAnew(RegistryServer registry)
      throws Exception {
    Path project = Maven.sample("spring-boot-web", "sbom-remade");
    Maven maven = new Maven(project.getParent());
    String[] push = {"package", "builder:push", "-Dbuilder.repository=" + registry.host() + "/apps",
        "-Dbuilder.from=" + base};
    maven.run(project, push).succeeded();
    String before = Images.imageJson(project).get("digest").asText();
    Path source = project.resolve("src/main/java/com/example/web/WebApplication.java");
    Files.writeString(source, Files.readString(source).replace("\"Hello, \"", "\"Hello again, \""));

    Maven.Result changed = maven.run(project, push).succeeded();
    String after = Images.imageJson(project).get("digest").asText();
    byte[] remade = Files.readAllBytes(project.resolve("target/builder/sbom.spdx.json"));
    Files.delete(project.resolve("target/builder/sbom.spdx.json.key"));
    Maven.Result anew = maven.run(project, push).succeeded();

    assertThat(after).isNotEqualTo(before);
    assertThat(changed.output()).contains("from the last build's: its dependencies did not change");
    assertThat(anew.output()).doesNotContain("from the last build's");
    assertThat(Images.imageJson(project).get("digest").asText()).isEqualTo(after);
    assertThat(new String(remade)).contains(after.substring(7)).doesNotContain(before.substring(7));
    assertThat(new String(remade)).isEqualTo(Files.readString(project.resolve("target/builder/sbom.spdx.json")));
  }

  @Test
  void spdx3IsWrittenAndPassesItsSchema(RegistryServer registry) throws Exception {
    Path project = Maven.sample("hello-http", "sbom-spdx3");
    new Maven(project.getParent())
        .run(project, "package", "builder:sbom", "-Dbuilder.sbom=spdx3", "-Dbuilder.from=" + base)
        .succeeded();
    byte[] spdx3 = Files.readAllBytes(project.resolve("target/builder/sbom.spdx3.json"));
    assertThat(JsonSchemas.spdx301(spdx3)).as("SPDX 3.0.1 schema violations").isEmpty();
    assertThat(new String(spdx3)).contains("https://spdx.org/rdf/3.0.1").contains("pkg:deb/debian/libc6")
        .contains("pkg:oci/hello-http@sha256");
  }

  private static byte[] blob(RepositoryClient client, String digest) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    client.pullBlob(Digest.parse(digest), out);
    return out.toByteArray();
  }

  /** The bom-refs the dependency graph reaches from {@code root}. */
  private static Set<String> reachable(JsonNode bom, String root) {
    Map<String, List<String>> edges = new HashMap<>();
    bom.get("dependencies").forEach(d -> {
      List<String> to = new ArrayList<>();
      d.path("dependsOn").forEach(t -> to.add(t.asText()));
      edges.put(d.get("ref").asText(), to);
    });
    Set<String> seen = new HashSet<>();
    Deque<String> next = new ArrayDeque<>(List.of(root));
    while (!next.isEmpty()) {
      String ref = next.pop();
      if (seen.add(ref)) {
        next.addAll(edges.getOrDefault(ref, List.of()));
      }
    }
    return seen;
  }

  private static Set<String> purls(JsonNode components) {
    Set<String> purls = new HashSet<>();
    components.forEach(c -> {
      if (c.has("purl")) {
        purls.add(c.get("purl").asText());
      }
    });
    return purls;
  }

}
