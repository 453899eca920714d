package dev.builder.sbom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.builder.core.BuilderException;
import dev.builder.sbom.Component.HashAlgorithm;
import dev.builder.sbom.Component.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * SPDX 2.3 JSON, written here in the layout of the SPDX Java library's JSON store.
 *
 * <ul>
 *   <li>Every component is a package ({@code filesAnalyzed} false, download location NOASSERTION) with its purl as a
 *       PACKAGE-MANAGER external reference; the document DESCRIBES the image. Relationships keep their names:
 *       DEPENDS_ON, CONTAINS and DESCENDANT_OF are SPDX 2.3 relationship types.
 *   <li>Purposes: CONTAINER, APPLICATION, LIBRARY as named; Debian/Alpine packages are LIBRARY (a package of the
 *       system, not the operating system itself); the Java runtime is FRAMEWORK, the nearest SPDX 2.3 has to a
 *       platform that runs the application.
 *   <li>Declared licences become {@code licenseDeclared} (NOASSERTION when there are none), values SPDX cannot read
 *       become {@code LicenseRef-} extracted licences that quote them; {@code licenseConcluded} is NOASSERTION, since
 *       builder reads declarations and concludes nothing.
 *   <li>The creation time is the image's, the creators are the tool and the POM's organization, the namespace derives
 *       from the image digest; packages are in the order of their ids, relationships in the order of what they point
 *       at, so that no order depends on a digest ({@link SpdxIds}).
 * </ul>
 *
 * <p>Why not the SPDX library, the field's reference: starting it costs the better part of a second of CPU in every new
 * JVM (a fresh CI machine, a build whose dependencies changed), on machines where the image's own build keeps every
 * core busy. What the library checked at every build is held instead by construction and by the tests, which read
 * this writer's documents back with the library, run its {@code verify()}, check them against the official SPDX 2.3
 * JSON schema, and compare them with what the library itself writes from the same document.
 */
public final class SpdxJsonWriter implements SbomWriter {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NOASSERTION = "NOASSERTION";

  @Override
  public String fileName() {
    return SbomFormat.SPDX.fileName();
  }

  @Override
  public String mediaType() {
    return SbomFormat.SPDX.mediaType();
  }

  @Override
  public byte[] write(SbomDocument doc) {
    DocumentCheck.check(doc);
    Map<String, String> ids = SpdxIds.of(doc);
    List<Component> all = new ArrayList<>(List.of(doc.image()));
    all.addAll(doc.components());

    ObjectNode root = JSON.createObjectNode();
    root.put("SPDXID", "SPDXRef-DOCUMENT");
    root.put("spdxVersion", "SPDX-2.3");
    ObjectNode creation = root.putObject("creationInfo");
    creation.put("created", DocumentIdentity.created(doc));
    ArrayNode creators = creation.putArray("creators");
    creators.add("Tool: " + doc.toolName() + "-" + doc.toolVersion());
    if (doc.organization() != null && !doc.organization().isBlank()) {
      creators.add("Organization: " + doc.organization());
    }
    creation.put("licenseListVersion", SpdxLicenseList.get().version());
    root.put("name", doc.name());
    root.put("dataLicense", "CC0-1.0");

    Map<String, String> extracted = new TreeMap<>();
    Map<String, ObjectNode> packages = new TreeMap<>();
    for (Component c : all) {
      DeclaredLicenses declared = DeclaredLicenses.of(c.licenses());
      extracted.putAll(declared.licenseRefs());
      packages.put(ids.get(c.id()), pkg(ids.get(c.id()), c, declared));
    }
    if (!extracted.isEmpty()) {
      ArrayNode infos = root.putArray("hasExtractedLicensingInfos");
      extracted.forEach((id, text) -> infos.addObject().put("licenseId", id).put("extractedText", text)
          .put("name", text));
    }
    root.put("documentNamespace", DocumentIdentity.namespace(doc));
    root.putArray("packages").addAll(packages.values());

    List<String[]> relationships = new ArrayList<>();
    for (Relationship r : doc.relationships()) {
      relationships.add(new String[] {ids.get(r.from()), r.type().name(), ids.get(r.to())});
    }
    relationships.add(new String[] {"SPDXRef-DOCUMENT", "DESCRIBES", ids.get(doc.image().id())});
    relationships.sort(Comparator.comparing((String[] r) -> r[2]));
    ArrayNode related = root.putArray("relationships");
    for (String[] r : relationships) {
      related.addObject().put("spdxElementId", r[0]).put("relationshipType", r[1]).put("relatedSpdxElement", r[2]);
    }
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new BuilderException("Could not write the SPDX SBOM of " + doc.name() + ": " + e.getMessage(), e);
    }
  }

  /** A package, its fields in the order the library writes them: SPDXID first, then by name. */
  private static ObjectNode pkg(String spdxId, Component c, DeclaredLicenses declared) {
    ObjectNode p = JSON.createObjectNode();
    p.put("SPDXID", spdxId);
    if (!c.hashes().isEmpty()) {
      ArrayNode checksums = p.putArray("checksums");
      for (HashAlgorithm algorithm : HashAlgorithm.values()) {
        String value = c.hashes().get(algorithm);
        if (value != null) {
          checksums.addObject().put("algorithm", algorithm.name()).put("checksumValue", value);
        }
      }
    }
    p.put("copyrightText", NOASSERTION);
    if (c.description() != null) {
      p.put("description", c.description());
    }
    p.put("downloadLocation", NOASSERTION);
    if (c.purl() != null) {
      p.putArray("externalRefs").addObject().put("referenceCategory", "PACKAGE-MANAGER")
          .put("referenceLocator", c.purl()).put("referenceType", "purl");
    }
    p.put("filesAnalyzed", false);
    p.put("licenseConcluded", NOASSERTION);
    p.put("licenseDeclared", declared.isEmpty() ? NOASSERTION : declared.expression());
    p.putArray("licenseInfoFromFiles");
    p.put("name", c.name());
    if (c.path() != null) {
      p.put("packageFileName", c.path());
    }
    p.put("primaryPackagePurpose", purpose(c.kind()));
    Supplier supplier = Supplier.parse(c.supplier());
    p.put("supplier", supplier == null ? NOASSERTION : supplier.spdx());
    if (c.version() != null) {
      p.put("versionInfo", c.version());
    }
    return p;
  }

  static String purpose(Kind kind) {
    return switch (kind) {
      case CONTAINER -> "CONTAINER";
      case APPLICATION -> "APPLICATION";
      case LIBRARY, OPERATING_SYSTEM_PACKAGE -> "LIBRARY";
      case RUNTIME -> "FRAMEWORK";
    };
  }
}
