package dev.builder.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The NTIA minimum elements in every format: for each component a supplier (where one is known; the fixture's
 * legacy-utils has none, and SPDX then says NOASSERTION), a name, a version and a unique identifier; relationships;
 * the SBOM's author; and a timestamp.
 */
class NtiaMinimumElementsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TIMESTAMP = "2026-03-14T09:26:53Z";

  @Test
  void spdx23() throws Exception {
    JsonNode doc = JSON.readTree(new SpdxJsonWriter().write(SbomFixtures.image()));

    Set<String> ids = new HashSet<>();
    for (JsonNode p : doc.get("packages")) {
      assertThat(p.get("name").asText()).isNotBlank();
      assertThat(p.get("versionInfo").asText()).isNotBlank();
      assertThat(ids.add(p.get("SPDXID").asText())).isTrue();
      assertThat(p.get("supplier").asText()).matches("Organization: .+|NOASSERTION");
    }
    assertThat(doc.get("packages").findValuesAsText("supplier")).filteredOn("NOASSERTION"::equals).hasSize(2);
    assertThat(doc.get("relationships")).hasSizeGreaterThan(10);
    assertThat(doc.get("creationInfo").get("creators")).extracting(JsonNode::asText)
        .contains("Organization: Acme Corp").anyMatch(c -> c.startsWith("Tool: "));
    assertThat(doc.get("creationInfo").get("created").asText()).isEqualTo(TIMESTAMP);
  }

  @Test
  void cycloneDx() throws Exception {
    JsonNode bom = JSON.readTree(CycloneDxWriter.json().write(SbomFixtures.image()));

    Set<String> refs = new HashSet<>();
    int suppliers = 0;
    for (JsonNode c : bom.get("components")) {
      assertThat(c.get("name").asText()).isNotBlank();
      assertThat(c.get("version").asText()).isNotBlank();
      assertThat(refs.add(c.get("bom-ref").asText())).isTrue();
      suppliers += c.has("supplier") ? 1 : 0;
    }
    assertThat(suppliers).isEqualTo(6);
    assertThat(bom.get("metadata").get("component").get("supplier").get("name").asText()).isEqualTo("Acme Corp");
    assertThat(bom.get("dependencies")).isNotEmpty();
    assertThat(bom.get("metadata").get("tools").get("components")).isNotEmpty();
    assertThat(bom.get("metadata").get("manufacturer").get("name").asText()).isEqualTo("Acme Corp");
    assertThat(bom.get("metadata").get("timestamp").asText()).isEqualTo(TIMESTAMP);
  }

  @Test
  void spdx3() throws Exception {
    JsonNode doc = JSON.readTree(new Spdx3JsonLdWriter().write(SbomFixtures.image()));

    Set<String> ids = new HashSet<>();
    int suppliers = 0;
    for (JsonNode p : Spdx3JsonLdWriterTest.ofType(doc, "software_Package")) {
      assertThat(p.get("name").asText()).isNotBlank();
      assertThat(p.get("software_packageVersion").asText()).isNotBlank();
      assertThat(ids.add(p.get("spdxId").asText())).isTrue();
      suppliers += p.has("suppliedBy") ? 1 : 0;
    }
    assertThat(suppliers).isEqualTo(7);
    assertThat(Spdx3JsonLdWriterTest.ofType(doc, "Relationship")).isNotEmpty();
    JsonNode creation = Spdx3JsonLdWriterTest.ofType(doc, "CreationInfo").get(0);
    assertThat(creation.get("createdBy")).isNotEmpty();
    assertThat(creation.get("createdUsing")).isNotEmpty();
    assertThat(creation.get("created").asText()).isEqualTo(TIMESTAMP);
  }
}
