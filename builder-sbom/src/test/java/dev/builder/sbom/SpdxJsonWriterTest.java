package dev.builder.sbom;

import static dev.builder.sbom.SbomFixtures.IMAGE_HEX;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spdx.jacksonstore.MultiFormatStore;
import org.spdx.library.model.v2.SpdxDocument;
import org.spdx.storage.simple.InMemSpdxStore;

class SpdxJsonWriterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String IMAGE_REF = "SPDXRef-oci-orders-amd64";

  private final SpdxJsonWriter writer = new SpdxJsonWriter();

  @Test
  void describesTheImageAsAContainerWithItsOciPurl() throws Exception {
    JsonNode doc = JSON.readTree(writer.write(SbomFixtures.image()));

    assertThat(doc.get("spdxVersion").asText()).isEqualTo("SPDX-2.3");
    assertThat(doc.get("dataLicense").asText()).isEqualTo("CC0-1.0");
    assertThat(doc.get("name").asText()).isEqualTo("ghcr.io/acme/orders");
    assertThat(relationships(doc)).contains("SPDXRef-DOCUMENT DESCRIBES " + IMAGE_REF);
    JsonNode image = pkg(doc, IMAGE_REF);
    assertThat(image.get("primaryPackagePurpose").asText()).isEqualTo("CONTAINER");
    assertThat(image.get("versionInfo").asText()).isEqualTo("1.4.0");
    assertThat(image.get("supplier").asText()).isEqualTo("Organization: Acme Corp");
    assertThat(purl(image)).isEqualTo(SbomFixtures.IMAGE)
        .startsWith("pkg:oci/orders@sha256%3A" + IMAGE_HEX).contains("repository_url=ghcr.io/acme/orders", "tag=1.4.0");
  }

  @Test
  void listsEveryComponentWithPurposePurlAndSupplier() throws Exception {
    JsonNode doc = JSON.readTree(writer.write(SbomFixtures.image()));

    assertThat(doc.get("packages")).hasSize(9);
    JsonNode base = pkg(doc, "SPDXRef-oci-java21-debian12-amd64");
    assertThat(base.get("primaryPackagePurpose").asText()).isEqualTo("CONTAINER");
    assertThat(purl(base)).isEqualTo(SbomFixtures.BASE);
    JsonNode libc = pkg(doc, "SPDXRef-deb-debian-libc6-2.36-9-deb12u10");
    assertThat(libc.get("primaryPackagePurpose").asText()).isEqualTo("LIBRARY");
    assertThat(purl(libc)).isEqualTo(SbomFixtures.LIBC);
    assertThat(libc.get("supplier").asText())
        .isEqualTo("Organization: GNU Libc Maintainers (debian-glibc@lists.debian.org)");
    JsonNode java = pkg(doc, "SPDXRef-java-runtime-21.0.6");
    assertThat(java.get("primaryPackagePurpose").asText()).isEqualTo("FRAMEWORK");
    assertThat(java.has("externalRefs")).isFalse();
    JsonNode app = pkg(doc, "SPDXRef-maven-com.acme-orders-1.4.0");
    assertThat(app.get("primaryPackagePurpose").asText()).isEqualTo("APPLICATION");
    assertThat(purl(app)).isEqualTo(SbomFixtures.APP);
    for (JsonNode p : doc.get("packages")) {
      assertThat(p.get("downloadLocation").asText()).isEqualTo("NOASSERTION");
      assertThat(p.get("filesAnalyzed").asBoolean()).isFalse();
      assertThat(p.get("licenseConcluded").asText()).isEqualTo("NOASSERTION");
    }
  }

  @Test
  void jarsCarryTheirThreeHashesLicenceAndSupplier() throws Exception {
    JsonNode doc = JSON.readTree(writer.write(SbomFixtures.image()));

    JsonNode slf4j = pkg(doc, "SPDXRef-maven-org.slf4j-slf4j-api-2.0.16");
    var expected = SbomFixtures.hashes("slf4j-api-2.0.16.jar");
    assertThat(checksums(slf4j)).containsExactlyInAnyOrder(
        "SHA1:" + expected.get(Component.HashAlgorithm.SHA1),
        "SHA256:" + expected.get(Component.HashAlgorithm.SHA256),
        "SHA512:" + expected.get(Component.HashAlgorithm.SHA512));
    assertThat(slf4j.get("licenseDeclared").asText()).isEqualTo("MIT");
    assertThat(slf4j.get("supplier").asText()).isEqualTo("Organization: QOS.ch");
    assertThat(slf4j.get("packageFileName").asText()).isEqualTo("/app/libs/slf4j-api-2.0.16.jar");
  }

  @Test
  void aJarWithoutLicenceOrSupplierSaysNoAssertion() throws Exception {
    JsonNode doc = JSON.readTree(writer.write(SbomFixtures.image()));

    JsonNode legacy = pkg(doc, "SPDXRef-maven-com.acme.internal-legacy-utils-0.9");
    assertThat(legacy.get("licenseDeclared").asText()).isEqualTo("NOASSERTION");
    assertThat(legacy.get("supplier").asText()).isEqualTo("NOASSERTION");
  }

  @Test
  void keepsEveryRelationshipOfTheDocument() throws Exception {
    JsonNode doc = JSON.readTree(writer.write(SbomFixtures.image()));

    String app = "SPDXRef-maven-com.acme-orders-1.4.0";
    assertThat(relationships(doc)).containsExactlyInAnyOrder(
        "SPDXRef-DOCUMENT DESCRIBES " + IMAGE_REF,
        IMAGE_REF + " DESCENDANT_OF SPDXRef-oci-java21-debian12-amd64",
        IMAGE_REF + " CONTAINS SPDXRef-deb-debian-libc6-2.36-9-deb12u10",
        IMAGE_REF + " CONTAINS SPDXRef-deb-debian-zlib1g-1-1.2.13.dfsg-1",
        IMAGE_REF + " CONTAINS SPDXRef-java-runtime-21.0.6",
        IMAGE_REF + " CONTAINS " + app,
        IMAGE_REF + " CONTAINS SPDXRef-maven-org.slf4j-slf4j-api-2.0.16",
        IMAGE_REF + " CONTAINS SPDXRef-maven-com.fasterxml.jackson.core-jackson-databind-2.18.2",
        IMAGE_REF + " CONTAINS SPDXRef-maven-com.acme.internal-legacy-utils-0.9",
        app + " DEPENDS_ON SPDXRef-maven-org.slf4j-slf4j-api-2.0.16",
        app + " DEPENDS_ON SPDXRef-maven-com.fasterxml.jackson.core-jackson-databind-2.18.2",
        app + " DEPENDS_ON SPDXRef-maven-com.acme.internal-legacy-utils-0.9",
        "SPDXRef-maven-com.acme.internal-legacy-utils-0.9 DEPENDS_ON SPDXRef-maven-org.slf4j-slf4j-api-2.0.16");
  }

  @Test
  void creatorsAreTheToolAndTheOrganizationAtTheImagesTime() throws Exception {
    JsonNode doc = JSON.readTree(writer.write(SbomFixtures.image()));

    JsonNode creation = doc.get("creationInfo");
    assertThat(creation.get("created").asText()).isEqualTo("2026-03-14T09:26:53Z");
    assertThat(creation.get("creators")).extracting(JsonNode::asText)
        .containsExactly("Tool: builder-maven-plugin-0.1.0", "Organization: Acme Corp");
    assertThat(creation.get("licenseListVersion").asText()).isNotBlank();
  }

  @Test
  void withoutAnOrganizationTheToolIsTheOnlyCreator() throws Exception {
    SbomDocument image = SbomFixtures.image();
    SbomDocument anonymous = new SbomDocument(image.name(), image.created(), image.imageDigest(), image.toolName(),
        image.toolVersion(), null, image.image(), image.components(), image.relationships());

    JsonNode doc = JSON.readTree(writer.write(anonymous));

    assertThat(doc.get("creationInfo").get("creators")).extracting(JsonNode::asText)
        .containsExactly("Tool: builder-maven-plugin-0.1.0");
  }

  @Test
  void theNamespaceDerivesFromTheImageDigest() throws Exception {
    JsonNode doc = JSON.readTree(writer.write(SbomFixtures.image()));

    assertThat(doc.get("documentNamespace").asText())
        .isEqualTo("https://builder.dev/spdx/ghcr.io-acme-orders-" + IMAGE_HEX);
  }

  @Test
  void writesIdenticalBytesTwice() {
    assertThat(writer.write(SbomFixtures.image())).isEqualTo(writer.write(SbomFixtures.image()));
  }

  @Test
  void passesTheOfficialSpdx23SchemaAndTheLibrarysVerifyOnReading() throws Exception {
    byte[] bytes = writer.write(SbomFixtures.image());

    assertThat(JsonSchemas.spdx23(bytes)).isEmpty();
    SpdxLibrary.start();
    MultiFormatStore store = new MultiFormatStore(new InMemSpdxStore(), MultiFormatStore.Format.JSON);
    SpdxDocument read = store.deSerialize(new ByteArrayInputStream(bytes), false);
    assertThat(read.verify()).isEmpty();
    assertThat(read.getDocumentDescribes()).hasSize(1);
  }

  @Test
  void expressionsStayAndWhatSpdxCannotReadBecomesAnExtractedLicence() throws Exception {
    SbomDocument licensed = SbomFixtures.withSlf4jLicenses(
        List.of("EPL-2.0 OR GPL-2.0-only WITH Classpath-exception-2.0", "Acme Proprietary Licence"));

    byte[] bytes = writer.write(licensed);

    JsonNode doc = JSON.readTree(bytes);
    JsonNode extracted = doc.get("hasExtractedLicensingInfos").get(0);
    String ref = extracted.get("licenseId").asText();
    assertThat(ref).startsWith("LicenseRef-Acme-Proprietary-Licence-");
    assertThat(extracted.get("extractedText").asText()).isEqualTo("Acme Proprietary Licence");
    assertThat(pkg(doc, "SPDXRef-maven-org.slf4j-slf4j-api-2.0.16").get("licenseDeclared").asText())
        .contains(ref, "EPL-2.0", "GPL-2.0-only WITH Classpath-exception-2.0", " AND ", " OR ");
    assertThat(JsonSchemas.spdx23(bytes)).isEmpty();
  }

  @Test
  void aDeprecatedLicenceIdIsKept() throws Exception {
    byte[] bytes = writer.write(SbomFixtures.withSlf4jLicenses(List.of("GPL-2.0")));

    JsonNode slf4j = pkg(JSON.readTree(bytes), "SPDXRef-maven-org.slf4j-slf4j-api-2.0.16");
    assertThat(slf4j.get("licenseDeclared").asText()).isEqualTo("GPL-2.0");
  }

  @Test
  void theLibraryReadsTheSameDocumentItWritesItselfFromTheSameInput() throws Exception {
    List<SbomDocument> documents = List.of(SbomFixtures.image(), WarmUpDocument.of(),
        SbomFixtures.withSlf4jLicenses(List.of("EPL-2.0 OR GPL-2.0-only WITH Classpath-exception-2.0",
            "Acme Proprietary Licence", "mit", "Apache-2.0 OR MIT AND BSD-3-Clause", "LicenseRef-Acme")),
        SbomFixtures.withSlf4jLicenses(List.of("The Apache Software License, Version 2.0", "GPL-2.0+")),
        SbomFixtures.withSlf4jLicenses(List.of("NOASSERTION", "NONE")));

    for (SbomDocument document : documents) {
      byte[] ours = writer.write(document);

      assertEquivalent(ours, new LibrarySpdxJsonWriter().write(document));
      assertThat(JsonSchemas.spdx23(ours)).isEmpty();
    }
  }

  @Test
  void aDocumentOfFiveHundredJarsReadsBackAsTheLibraryWouldWriteIt() throws Exception {
    List<Component> components = new ArrayList<>();
    List<Relationship> relationships = new ArrayList<>();
    String[] licences = {"Apache-2.0", "MIT", "EPL-2.0 OR GPL-2.0-only WITH Classpath-exception-2.0",
        "The Apache Software License, Version 2.0", "BSD-3-Clause"};
    for (int i = 0; i < 500; i++) {
      String purl = "pkg:maven/org.example.g" + (i % 7) + "/lib-" + i + "@1." + i;
      components.add(SbomFixtures.jar(purl, "org.example.g" + (i % 7), "lib-" + i, "1." + i,
          i % 3 == 0 ? null : "Example " + (i % 5), List.of(licences[i % licences.length])));
      relationships.add(new Relationship(SbomFixtures.IMAGE, Relationship.Type.CONTAINS, purl));
    }
    SbomDocument image = SbomFixtures.image();
    SbomDocument big = new SbomDocument(image.name(), image.created(), image.imageDigest(), image.toolName(),
        image.toolVersion(), image.organization(), image.image(), components, relationships);

    byte[] ours = writer.write(big);

    assertEquivalent(ours, new LibrarySpdxJsonWriter().write(big));
  }

  /**
   * Both documents read by the SPDX library, each passing its verify(), and equivalent by the library's own measure:
   * the same packages, licences, checksums and relationships, whatever order they are written in (the library writes
   * some, a package's checksums and the terms of a licence expression, in the order of a hash set).
   */
  private static void assertEquivalent(byte[] ours, byte[] library) throws Exception {
    SpdxDocument read = read(ours);
    SpdxDocument reference = read(library);
    assertThat(read.verify()).as("what the library's verify() finds, but deprecated licence ids, which are valid SPDX")
        .allMatch(problem -> problem.contains(" is deprecated. in "));
    assertThat(read.equivalent(reference)).as("the library finds the document builder writes equivalent to the one "
        + "it writes itself:\n%s\n\n%s", new String(ours, StandardCharsets.UTF_8),
        new String(library, StandardCharsets.UTF_8)).isTrue();
  }

  private static SpdxDocument read(byte[] spdx) throws Exception {
    SpdxLibrary.start();
    MultiFormatStore store = new MultiFormatStore(new InMemSpdxStore(), MultiFormatStore.Format.JSON);
    return store.deSerialize(new ByteArrayInputStream(spdx), false);
  }

  static JsonNode pkg(JsonNode doc, String spdxId) {
    for (JsonNode p : doc.get("packages")) {
      if (p.get("SPDXID").asText().equals(spdxId)) {
        return p;
      }
    }
    throw new AssertionError("no package " + spdxId + " in " + doc.get("packages").findValuesAsText("SPDXID"));
  }

  static String purl(JsonNode pkg) {
    for (JsonNode ref : pkg.get("externalRefs")) {
      if (ref.get("referenceType").asText().equals("purl")) {
        assertThat(ref.get("referenceCategory").asText()).isEqualTo("PACKAGE-MANAGER");
        return ref.get("referenceLocator").asText();
      }
    }
    throw new AssertionError("no purl in " + pkg);
  }

  static List<String> relationships(JsonNode doc) {
    List<String> all = new ArrayList<>();
    for (JsonNode r : doc.get("relationships")) {
      all.add(r.get("spdxElementId").asText() + " " + r.get("relationshipType").asText() + " "
          + r.get("relatedSpdxElement").asText());
    }
    return all;
  }

  private static List<String> checksums(JsonNode pkg) {
    List<String> all = new ArrayList<>();
    for (JsonNode c : pkg.get("checksums")) {
      all.add(c.get("algorithm").asText() + ":" + c.get("checksumValue").asText());
    }
    return all;
  }
}
