package dev.builder.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.cyclonedx.Version;
import org.cyclonedx.model.Bom;
import org.cyclonedx.parsers.JsonParser;
import org.cyclonedx.parsers.XmlParser;
import org.junit.jupiter.api.Test;

class CycloneDxWriterTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final CycloneDxWriter writer = CycloneDxWriter.json();

  @Test
  void theImageIsTheMetadataComponent() throws Exception {
    JsonNode bom = JSON.readTree(writer.write(SbomFixtures.image()));

    assertThat(bom.get("bomFormat").asText()).isEqualTo("CycloneDX");
    assertThat(bom.get("specVersion").asText()).isEqualTo("1.6");
    JsonNode image = bom.get("metadata").get("component");
    assertThat(image.get("type").asText()).isEqualTo("container");
    assertThat(image.get("bom-ref").asText()).isEqualTo(SbomFixtures.IMAGE);
    assertThat(image.get("purl").asText()).isEqualTo(SbomFixtures.IMAGE);
    assertThat(image.get("name").asText()).isEqualTo("ghcr.io/acme/orders");
    assertThat(image.get("version").asText()).isEqualTo("1.4.0");
    assertThat(image.get("supplier").get("name").asText()).isEqualTo("Acme Corp");
  }

  @Test
  void componentsAreEverythingElseInTheirKinds() throws Exception {
    JsonNode bom = JSON.readTree(writer.write(SbomFixtures.image()));

    assertThat(bom.get("components")).hasSize(8);
    assertThat(component(bom, SbomFixtures.BASE).get("type").asText()).isEqualTo("container");
    assertThat(component(bom, SbomFixtures.BASE).get("purl").asText()).isEqualTo(SbomFixtures.BASE);
    assertThat(component(bom, SbomFixtures.LIBC).get("type").asText()).isEqualTo("library");
    assertThat(component(bom, SbomFixtures.LIBC).get("purl").asText()).isEqualTo(SbomFixtures.LIBC);
    JsonNode java = component(bom, SbomFixtures.JAVA);
    assertThat(java.get("type").asText()).isEqualTo("platform");
    assertThat(java.has("purl")).isFalse();
    assertThat(java.get("evidence").get("occurrences").get(0).get("location").asText())
        .isEqualTo("/usr/lib/jvm/java-21");
    assertThat(component(bom, SbomFixtures.APP).get("type").asText()).isEqualTo("application");
    assertThat(component(bom, SbomFixtures.SLF4J).get("type").asText()).isEqualTo("library");
  }

  @Test
  void jarsCarryHashesLicencesAndSuppliers() throws Exception {
    JsonNode bom = JSON.readTree(writer.write(SbomFixtures.image()));

    JsonNode slf4j = component(bom, SbomFixtures.SLF4J);
    assertThat(slf4j.get("group").asText()).isEqualTo("org.slf4j");
    assertThat(slf4j.get("purl").asText()).isEqualTo(SbomFixtures.SLF4J);
    var expected = SbomFixtures.hashes("slf4j-api-2.0.16.jar");
    List<String> hashes = new ArrayList<>();
    slf4j.get("hashes").forEach(h -> hashes.add(h.get("alg").asText() + ":" + h.get("content").asText()));
    assertThat(hashes).containsExactly(
        "SHA-1:" + expected.get(Component.HashAlgorithm.SHA1),
        "SHA-256:" + expected.get(Component.HashAlgorithm.SHA256),
        "SHA-512:" + expected.get(Component.HashAlgorithm.SHA512));
    JsonNode license = slf4j.get("licenses").get(0).get("license");
    assertThat(license.get("id").asText()).isEqualTo("MIT");
    assertThat(license.get("acknowledgement").asText()).isEqualTo("declared");
    assertThat(slf4j.get("supplier").get("name").asText()).isEqualTo("QOS.ch");
    JsonNode libc = component(bom, SbomFixtures.LIBC);
    assertThat(libc.get("supplier").get("name").asText()).isEqualTo("GNU Libc Maintainers");
    assertThat(libc.get("supplier").get("contact").get(0).get("email").asText())
        .isEqualTo("debian-glibc@lists.debian.org");
  }

  @Test
  void aJarWithoutLicenceOrSupplierHasNeither() throws Exception {
    JsonNode legacy = component(JSON.readTree(writer.write(SbomFixtures.image())), SbomFixtures.LEGACY);

    assertThat(legacy.has("licenses")).isFalse();
    assertThat(legacy.has("supplier")).isFalse();
    assertThat(legacy.get("hashes")).hasSize(3);
  }

  @Test
  void dependenciesFollowTheRelationships() throws Exception {
    JsonNode bom = JSON.readTree(writer.write(SbomFixtures.image()));

    assertThat(bom.get("dependencies")).hasSize(9);
    assertThat(dependsOn(bom, SbomFixtures.IMAGE)).containsExactly(SbomFixtures.BASE, SbomFixtures.LIBC,
        SbomFixtures.ZLIB, SbomFixtures.JAVA, SbomFixtures.APP, SbomFixtures.SLF4J, SbomFixtures.JACKSON,
        SbomFixtures.LEGACY);
    assertThat(dependsOn(bom, SbomFixtures.APP))
        .containsExactly(SbomFixtures.SLF4J, SbomFixtures.JACKSON, SbomFixtures.LEGACY);
    assertThat(dependsOn(bom, SbomFixtures.LEGACY)).containsExactly(SbomFixtures.SLF4J);
    assertThat(dependsOn(bom, SbomFixtures.SLF4J)).isEmpty();
  }

  @Test
  void compositionsSayWhatIsComplete() throws Exception {
    JsonNode compositions = JSON.readTree(writer.write(SbomFixtures.image())).get("compositions");

    assertThat(compositions).hasSize(2);
    assertThat(compositions.get(0).get("aggregate").asText()).isEqualTo("incomplete");
    assertThat(compositions.get(0).get("assemblies")).extracting(JsonNode::asText)
        .containsExactly(SbomFixtures.IMAGE);
    assertThat(compositions.get(1).get("aggregate").asText()).isEqualTo("complete");
    assertThat(compositions.get(1).get("dependencies")).extracting(JsonNode::asText)
        .containsExactly(SbomFixtures.APP, SbomFixtures.SLF4J, SbomFixtures.JACKSON, SbomFixtures.LEGACY);
  }

  @Test
  void metadataNamesToolManufacturerAndTheImagesTime() throws Exception {
    JsonNode metadata = JSON.readTree(writer.write(SbomFixtures.image())).get("metadata");

    assertThat(metadata.get("timestamp").asText()).isEqualTo("2026-03-14T09:26:53Z");
    JsonNode tool = metadata.get("tools").get("components").get(0);
    assertThat(tool.get("name").asText()).isEqualTo("builder-maven-plugin");
    assertThat(tool.get("version").asText()).isEqualTo("0.1.0");
    assertThat(metadata.get("manufacturer").get("name").asText()).isEqualTo("Acme Corp");
  }

  @Test
  void theSerialNumberDerivesFromTheImageDigest() throws Exception {
    JsonNode bom = JSON.readTree(writer.write(SbomFixtures.image()));

    UUID expected = UUID.nameUUIDFromBytes(SbomFixtures.IMAGE_DIGEST.getBytes(StandardCharsets.UTF_8));
    assertThat(bom.get("serialNumber").asText()).isEqualTo("urn:uuid:" + expected);
    assertThat(bom.get("version").asInt()).isEqualTo(1);
  }

  @Test
  void writesIdenticalBytesTwice() {
    assertThat(writer.write(SbomFixtures.image())).isEqualTo(writer.write(SbomFixtures.image()));
    assertThat(CycloneDxWriter.xml().write(SbomFixtures.image()))
        .isEqualTo(CycloneDxWriter.xml().write(SbomFixtures.image()));
  }

  @Test
  void passesTheOfficialSchemaAndTheLibrarysValidator() throws Exception {
    byte[] bytes = writer.write(SbomFixtures.image());

    assertThat(JsonSchemas.cycloneDx16(bytes)).isEmpty();
    assertThat(new JsonParser().validate(bytes, Version.VERSION_16)).isEmpty();
    Bom read = new JsonParser().parse(bytes);
    assertThat(read.getComponents()).hasSize(8);
  }

  @Test
  void writesValidXmlOnRequest() throws Exception {
    CycloneDxWriter xml = CycloneDxWriter.xml();
    byte[] bytes = xml.write(SbomFixtures.image());

    assertThat(xml.fileName()).isEqualTo("sbom.cdx.xml");
    assertThat(xml.mediaType()).isEqualTo("application/vnd.cyclonedx+xml");
    assertThat(new String(bytes, StandardCharsets.UTF_8))
        .contains("xmlns=\"http://cyclonedx.org/schema/bom/1.6\"", "<timestamp>2026-03-14T09:26:53Z</timestamp>");
    assertThat(new XmlParser().validate(bytes, Version.VERSION_16)).isEmpty();
    assertThat(new XmlParser().parse(bytes).getMetadata().getComponent().getPurl()).isEqualTo(SbomFixtures.IMAGE);
  }

  @Test
  void licencesBecomeOneExpressionWhenAnyIsAnExpression() throws Exception {
    byte[] bytes = writer.write(SbomFixtures.withSlf4jLicenses(
        List.of("MIT", "EPL-2.0 OR GPL-2.0-only WITH Classpath-exception-2.0")));

    JsonNode licenses = component(JSON.readTree(bytes), SbomFixtures.SLF4J).get("licenses");
    assertThat(licenses).hasSize(1);
    assertThat(licenses.get(0).get("expression").asText())
        .isEqualTo("MIT AND (EPL-2.0 OR GPL-2.0-only WITH Classpath-exception-2.0)");
    assertThat(JsonSchemas.cycloneDx16(bytes)).isEmpty();
  }

  @Test
  void licencesThatAreNotSpdxKeepTheirNames() throws Exception {
    byte[] bytes = writer.write(SbomFixtures.withSlf4jLicenses(List.of("MIT", "Acme Proprietary Licence")));

    JsonNode licenses = component(JSON.readTree(bytes), SbomFixtures.SLF4J).get("licenses");
    assertThat(licenses.get(0).get("license").get("id").asText()).isEqualTo("MIT");
    assertThat(licenses.get(1).get("license").get("name").asText()).isEqualTo("Acme Proprietary Licence");
    assertThat(JsonSchemas.cycloneDx16(bytes)).isEmpty();
  }

  static JsonNode component(JsonNode bom, String ref) {
    for (JsonNode c : bom.get("components")) {
      if (c.get("bom-ref").asText().equals(ref)) {
        return c;
      }
    }
    throw new AssertionError("no component " + ref);
  }

  static List<String> dependsOn(JsonNode bom, String ref) {
    for (JsonNode d : bom.get("dependencies")) {
      if (d.get("ref").asText().equals(ref)) {
        List<String> targets = new ArrayList<>();
        d.get("dependsOn").forEach(t -> targets.add(t.asText()));
        return targets;
      }
    }
    throw new AssertionError("no dependency entry for " + ref);
  }
}
