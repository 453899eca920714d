package dev.builder.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.builder.core.BuilderException;
import dev.builder.sbom.Relationship.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SbomWritersTest {

  static Stream<SbomWriter> writers() {
    return Stream.of(SbomWriters.forFormat(SbomFormat.SPDX), SbomWriters.forFormat(SbomFormat.CYCLONEDX),
        SbomWriters.forFormat(SbomFormat.SPDX3), SbomWriters.cycloneDxXml());
  }

  @Test
  void eachFormatHasItsWriterFileAndMediaType() {
    assertThat(SbomWriters.forFormat(SbomFormat.SPDX)).isInstanceOf(SpdxJsonWriter.class);
    assertThat(SbomWriters.forFormat(SbomFormat.CYCLONEDX)).isInstanceOf(CycloneDxWriter.class);
    assertThat(SbomWriters.forFormat(SbomFormat.SPDX3)).isInstanceOf(Spdx3JsonLdWriter.class);
    for (SbomFormat format : List.of(SbomFormat.SPDX, SbomFormat.CYCLONEDX, SbomFormat.SPDX3)) {
      assertThat(SbomWriters.forFormat(format).fileName()).isEqualTo(format.fileName());
      assertThat(SbomWriters.forFormat(format).mediaType()).isEqualTo(format.mediaType());
    }
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(value = SbomFormat.class, names = "NONE",
      mode = org.junit.jupiter.params.provider.EnumSource.Mode.EXCLUDE)
  void theWarmUpDocumentIsValidInEveryFormatAndItsWriterStillWritesAfterIt(SbomFormat format) {
    SbomWriter writer = SbomWriters.forFormat(format);
    byte[] cold = SbomWriters.forFormat(format).write(SbomFixtures.image());

    writer.warmUp(); // throws if the warm-up document were invalid in this format

    assertThat(writer.write(WarmUpDocument.of())).isNotEmpty();
    assertThat(writer.write(SbomFixtures.image())).isEqualTo(cold);
  }

  @Test
  void formatNoneHasNoWriter() {
    assertThatThrownBy(() -> SbomWriters.forFormat(SbomFormat.NONE))
        .isInstanceOf(BuilderException.class).hasMessageContaining("none");
  }

  @ParameterizedTest
  @MethodSource("writers")
  void aRelationshipToAnUnknownComponentIsRefusedAndNothingIsWritten(SbomWriter writer, @TempDir Path dir) {
    SbomDocument doc = SbomFixtures.image();
    List<Relationship> edges = new ArrayList<>(doc.relationships());
    edges.add(new Relationship(SbomFixtures.APP, Type.DEPENDS_ON, "pkg:maven/org.example/missing@1.0"));
    SbomDocument broken = SbomFixtures.withRelationships(doc, edges);
    Path file = dir.resolve(writer.fileName());

    assertThatThrownBy(() -> Files.write(file, writer.write(broken)))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("ghcr.io/acme/orders")
        .hasMessageContaining("names no component 'pkg:maven/org.example/missing@1.0'");
    assertThat(file).doesNotExist();
  }

  @ParameterizedTest
  @MethodSource("writers")
  void everyProblemOfADocumentIsNamed(SbomWriter writer) {
    SbomDocument doc = SbomFixtures.image();
    List<Component> components = new ArrayList<>(doc.components());
    components.add(SbomFixtures.jar(SbomFixtures.SLF4J, "org.slf4j", "slf4j-api", "2.0.16", null, List.of()));
    components.add(new Component("pkg:maven/x/bad-hash@1", Component.Kind.LIBRARY, "bad-hash", "x", "1",
        "pkg:maven/x/bad-hash@1", null, List.of(), Map.of(Component.HashAlgorithm.SHA256, "not-hex"), null, null));
    SbomDocument broken = new SbomDocument(doc.name(), doc.created(), "sha256:short", doc.toolName(),
        doc.toolVersion(), doc.organization(), doc.image(), components, doc.relationships());

    assertThatThrownBy(() -> writer.write(broken))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("image digest 'sha256:short'")
        .hasMessageContaining("two components have the id '" + SbomFixtures.SLF4J + "'")
        .hasMessageContaining("SHA256 that is not 64 lower-case hex digits");
  }

  @ParameterizedTest
  @MethodSource("writers")
  void aMalformedPurlIsRefused(SbomWriter writer) {
    SbomDocument doc = SbomFixtures.image();
    List<Component> components = new ArrayList<>(doc.components());
    components.add(new Component("odd", Component.Kind.LIBRARY, "odd", null, "1", "not a purl", null, List.of(),
        Map.of(), null, null));
    List<Relationship> edges = new ArrayList<>(doc.relationships());
    edges.add(new Relationship(SbomFixtures.IMAGE, Type.CONTAINS, "odd"));
    SbomDocument odd = new SbomDocument(doc.name(), doc.created(), doc.imageDigest(), doc.toolName(),
        doc.toolVersion(), doc.organization(), doc.image(), components, edges);

    assertThatThrownBy(() -> writer.write(odd)).isInstanceOf(BuilderException.class)
        .hasMessageContaining("component 'odd' has a purl that is not a package URL: 'not a purl'");
  }

  @Test
  void cycloneDxThatFailsItsSchemaIsRefused() {
    String tampered = new String(CycloneDxWriter.json().write(SbomFixtures.image()), StandardCharsets.UTF_8)
        .replace("\"type\" : \"platform\"", "\"type\" : \"runtime\"");

    assertThatThrownBy(() -> CycloneDxWriter.json().validate(SbomFixtures.image(),
            tampered.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("was not written: it does not match the CycloneDX 1.6 schema");
    String xml = new String(CycloneDxWriter.xml().write(SbomFixtures.image()), StandardCharsets.UTF_8)
        .replace("type=\"platform\"", "type=\"runtime\"");
    assertThatThrownBy(() -> CycloneDxWriter.xml().validate(SbomFixtures.image(),
            xml.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(BuilderException.class);
  }

  @Test
  void spdx3ThatFailsItsSchemaIsRefused() {
    String tampered = new String(new Spdx3JsonLdWriter().write(SbomFixtures.image()), StandardCharsets.UTF_8)
        .replace("\"2026-03-14T09:26:53Z\"", "\"14 March 2026\"");

    assertThatThrownBy(() -> Spdx3JsonLdWriter.checkSchema(SbomFixtures.image(),
            tampered.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("was not written: it does not match the SPDX 3.0.1 JSON schema");
    assertThat(JsonSchemas.spdx301(tampered.getBytes(StandardCharsets.UTF_8))).isNotEmpty();
  }

  @Test
  void theSpdxLibrarysOfflineSwitchIsPutBackAsItWas() {
    String before = System.getProperty(SpdxLibrary.JAR_LICENSES_ONLY);

    new Spdx3JsonLdWriter().write(SbomFixtures.image());

    assertThat(System.getProperty(SpdxLibrary.JAR_LICENSES_ONLY)).isEqualTo(before);
  }
}
