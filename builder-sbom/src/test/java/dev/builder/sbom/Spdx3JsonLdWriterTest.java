package dev.builder.sbom;

import static dev.builder.sbom.SbomFixtures.IMAGE_HEX;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Spdx3JsonLdWriterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NS = "https://builder.dev/spdx/ghcr.io-acme-orders-" + IMAGE_HEX + "#";
  private static final String IMAGE = NS + "SPDXRef-oci-orders-amd64";
  private static final String APP = NS + "SPDXRef-maven-com.acme-orders-1.4.0";
  private static final String SLF4J = NS + "SPDXRef-maven-org.slf4j-slf4j-api-2.0.16";
  private static final String LEGACY = NS + "SPDXRef-maven-com.acme.internal-legacy-utils-0.9";

  private final Spdx3JsonLdWriter writer = new Spdx3JsonLdWriter();

  @Test
  void aDocumentWhoseSbomIsRootedAtTheImage() throws Exception {
    JsonNode doc = JSON.readTree(writer.write(SbomFixtures.image()));

    assertThat(doc.get("@context").asText()).isEqualTo("https://spdx.org/rdf/3.0.1/spdx-context.jsonld");
    JsonNode document = element(doc, NS + "SPDXRef-DOCUMENT");
    assertThat(document.get("type").asText()).isEqualTo("SpdxDocument");
    assertThat(texts(document.get("rootElement"))).containsExactly(NS + "SPDXRef-Sbom");
    JsonNode sbom = element(doc, NS + "SPDXRef-Sbom");
    assertThat(sbom.get("type").asText()).isEqualTo("software_Sbom");
    assertThat(texts(sbom.get("rootElement"))).containsExactly(IMAGE);
    assertThat(texts(sbom.get("software_sbomType"))).containsExactly("build");
    JsonNode image = element(doc, IMAGE);
    assertThat(image.get("type").asText()).isEqualTo("software_Package");
    assertThat(image.get("software_primaryPurpose").asText()).isEqualTo("container");
    assertThat(image.get("software_packageUrl").asText()).isEqualTo(SbomFixtures.IMAGE);
  }

  @Test
  void packagesCarryPurposePurlHashesAndSupplier() throws Exception {
    JsonNode doc = JSON.readTree(writer.write(SbomFixtures.image()));

    assertThat(ofType(doc, "software_Package")).hasSize(9);
    assertThat(element(doc, NS + "SPDXRef-java-runtime-21.0.6").get("software_primaryPurpose").asText())
        .isEqualTo("platform");
    assertThat(element(doc, NS + "SPDXRef-deb-debian-libc6-2.36-9-deb12u10").get("software_primaryPurpose")
        .asText()).isEqualTo("library");
    assertThat(element(doc, APP).get("software_primaryPurpose").asText()).isEqualTo("application");
    JsonNode slf4j = element(doc, SLF4J);
    assertThat(slf4j.get("software_packageUrl").asText()).isEqualTo(SbomFixtures.SLF4J);
    assertThat(slf4j.get("software_packageVersion").asText()).isEqualTo("2.0.16");
    var expected = SbomFixtures.hashes("slf4j-api-2.0.16.jar");
    List<String> hashes = new ArrayList<>();
    slf4j.get("verifiedUsing").forEach(h -> hashes.add(h.get("algorithm").asText() + ":" + h.get("hashValue")
        .asText()));
    assertThat(hashes).containsExactlyInAnyOrder(
        "sha1:" + expected.get(Component.HashAlgorithm.SHA1),
        "sha256:" + expected.get(Component.HashAlgorithm.SHA256),
        "sha512:" + expected.get(Component.HashAlgorithm.SHA512));
    JsonNode supplier = element(doc, slf4j.get("suppliedBy").asText());
    assertThat(supplier.get("type").asText()).isEqualTo("Organization");
    assertThat(supplier.get("name").asText()).isEqualTo("QOS.ch");
    assertThat(element(doc, LEGACY).has("suppliedBy")).isFalse();
  }

  @Test
  void relationshipsAndDeclaredLicences() throws Exception {
    JsonNode doc = JSON.readTree(writer.write(SbomFixtures.image()));

    List<String> edges = new ArrayList<>();
    for (JsonNode r : ofType(doc, "Relationship")) {
      for (JsonNode to : r.get("to")) {
        JsonNode target = element(doc, to.asText());
        String end = target.has("simplelicensing_licenseExpression")
            ? target.get("simplelicensing_licenseExpression").asText() : to.asText();
        edges.add(r.get("from").asText() + " " + r.get("relationshipType").asText() + " " + end);
      }
    }
    assertThat(edges).contains(
        IMAGE + " descendantOf " + NS + "SPDXRef-oci-java21-debian12-amd64",
        IMAGE + " contains " + APP,
        IMAGE + " contains " + LEGACY,
        APP + " dependsOn " + SLF4J,
        APP + " dependsOn " + LEGACY,
        LEGACY + " dependsOn " + SLF4J,
        SLF4J + " hasDeclaredLicense MIT",
        APP + " hasDeclaredLicense Apache-2.0");
    assertThat(edges).filteredOn(e -> e.startsWith(IMAGE + " contains ")).hasSize(7);
    assertThat(edges).filteredOn(e -> e.startsWith(LEGACY + " hasDeclaredLicense")).isEmpty();
  }

  @Test
  void createdByTheOrganizationUsingTheToolAtTheImagesTime() throws Exception {
    JsonNode doc = JSON.readTree(writer.write(SbomFixtures.image()));

    JsonNode creation = ofType(doc, "CreationInfo").get(0);
    assertThat(creation.get("created").asText()).isEqualTo("2026-03-14T09:26:53Z");
    assertThat(creation.get("specVersion").asText()).isEqualTo("3.0.1");
    assertThat(element(doc, creation.get("createdBy").get(0).asText()).get("name").asText())
        .isEqualTo("Acme Corp");
    JsonNode tool = element(doc, creation.get("createdUsing").get(0).asText());
    assertThat(tool.get("type").asText()).isEqualTo("Tool");
    assertThat(tool.get("name").asText()).isEqualTo("builder-maven-plugin-0.1.0");
  }

  @Test
  void unreadableLicencesBecomeLicenseRefsWithTheirText() throws Exception {
    byte[] bytes = writer.write(SbomFixtures.withSlf4jLicenses(List.of("MIT", "Acme Proprietary Licence")));

    JsonNode doc = JSON.readTree(bytes);
    JsonNode expression = ofType(doc, "simplelicensing_LicenseExpression").stream()
        .filter(e -> e.get("simplelicensing_licenseExpression").asText().startsWith("MIT AND LicenseRef-"))
        .findFirst().orElseThrow();
    JsonNode entry = expression.get("simplelicensing_customIdToUri").get(0);
    assertThat(expression.get("simplelicensing_licenseExpression").asText()).endsWith(entry.get("key").asText());
    assertThat(element(doc, entry.get("value").asText()).get("simplelicensing_licenseText").asText())
        .isEqualTo("Acme Proprietary Licence");
    assertThat(JsonSchemas.spdx301(bytes)).isEmpty();
  }

  @Test
  void writesIdenticalBytesTwice() {
    assertThat(writer.write(SbomFixtures.image())).isEqualTo(writer.write(SbomFixtures.image()));
  }

  @Test
  void passesTheSpdx301JsonSchema() {
    assertThat(JsonSchemas.spdx301(writer.write(SbomFixtures.image()))).isEmpty();
  }

  static JsonNode element(JsonNode doc, String id) {
    for (JsonNode n : doc.get("@graph")) {
      if (id.equals(n.path("spdxId").asText(null)) || id.equals(n.path("@id").asText(null))) {
        return n;
      }
    }
    throw new AssertionError("no element " + id);
  }

  static List<JsonNode> ofType(JsonNode doc, String type) {
    List<JsonNode> found = new ArrayList<>();
    doc.get("@graph").forEach(n -> {
      if (n.get("type").asText().equals(type)) {
        found.add(n);
      }
    });
    return found;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(n -> texts.add(n.asText()));
    return texts;
  }
}
