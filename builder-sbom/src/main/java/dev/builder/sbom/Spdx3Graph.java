package dev.builder.sbom;

import dev.builder.sbom.Component.HashAlgorithm;
import dev.builder.sbom.Component.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spdx.core.InvalidSPDXAnalysisException;
import org.spdx.library.ModelCopyManager;
import org.spdx.library.model.v3_0_1.SpdxConstantsV3;
import org.spdx.library.model.v3_0_1.core.Agent;
import org.spdx.library.model.v3_0_1.core.CreationInfo;
import org.spdx.library.model.v3_0_1.core.Element;
import org.spdx.library.model.v3_0_1.core.ExternalIdentifierType;
import org.spdx.library.model.v3_0_1.core.ProfileIdentifierType;
import org.spdx.library.model.v3_0_1.core.RelationshipType;
import org.spdx.library.model.v3_0_1.core.SpdxDocument;
import org.spdx.library.model.v3_0_1.simplelicensing.LicenseExpression;
import org.spdx.library.model.v3_0_1.software.Sbom;
import org.spdx.library.model.v3_0_1.software.SbomType;
import org.spdx.library.model.v3_0_1.software.SoftwarePurpose;
import org.spdx.library.model.v3_0_1.software.SpdxPackage;
import org.spdx.storage.IModelStore.IdType;
import org.spdx.v3jsonldstore.JsonLDStore;

/**
 * The SPDX 3.0.1 elements of one {@link SbomDocument}, all under one creation info and one namespace, built in
 * document order. Agents and licence expressions are shared by name. Every element gets an IRI made from the
 * document's namespace and a component id: the JSON-LD store gives an element without one a random UUID, which would
 * make two builds differ.
 */
final class Spdx3Graph {
  private static final String SPEC = SpdxConstantsV3.MODEL_SPEC_VERSION;

  private final SbomDocument doc;
  private final JsonLDStore store;
  private final String prefix;
  private final CreationInfo creation;
  private final List<Element> elements = new ArrayList<>();
  private final Map<String, Agent> organizations = new LinkedHashMap<>();
  private final Map<String, LicenseExpression> licenses = new LinkedHashMap<>();

  Spdx3Graph(SbomDocument doc, JsonLDStore store) throws InvalidSPDXAnalysisException {
    this.doc = doc;
    this.store = store;
    this.prefix = DocumentIdentity.namespace(doc) + "#";
    this.creation = new CreationInfo.CreationInfoBuilder(store, anonymous(), new ModelCopyManager())
        .setCreated(DocumentIdentity.created(doc))
        .setSpecVersion(SPEC)
        .build();
  }

  /** Builds every element and returns the document that holds them. */
  SpdxDocument build() throws InvalidSPDXAnalysisException {
    String tool = doc.toolName() + "-" + doc.toolVersion();
    creation.getCreatedUsings().add(add(creation.createTool(prefix + "SPDXRef-Tool-" + SpdxIds.sanitize(tool))
        .setName(tool).build()));
    creation.getCreatedBys().add(doc.organization() != null && !doc.organization().isBlank()
        ? organization(new Supplier(doc.organization(), null))
        : add(creation.createSoftwareAgent(prefix + "SPDXRef-SoftwareAgent-" + SpdxIds.sanitize(tool))
            .setName(tool).build()));

    Map<String, String> ids = SpdxIds.of(doc);
    Map<String, SpdxPackage> packages = new LinkedHashMap<>();
    List<Component> all = new ArrayList<>(List.of(doc.image()));
    all.addAll(doc.components());
    for (Component c : all) {
      packages.put(c.id(), pkg(ids.get(c.id()), c));
    }
    relationships(ids, packages);
    for (Component c : all) {
      DeclaredLicenses declared = DeclaredLicenses.of(c.licenses());
      if (!declared.isEmpty()) {
        add(creation.createRelationship(prefix + "SPDXRef-Relationship-" + ids.get(c.id()).substring(8)
                + "-hasDeclaredLicense")
            .setFrom(packages.get(c.id()))
            .setRelationshipType(RelationshipType.HAS_DECLARED_LICENSE)
            .addTo(license(declared))
            .build());
      }
    }

    Sbom sbom = creation.createSbom(prefix + "SPDXRef-Sbom")
        .setName(doc.name())
        .addSbomType(SbomType.BUILD)
        .addRootElement(packages.get(doc.image().id()))
        .addAllElement(elements)
        .build();
    List<Element> documentElements = new ArrayList<>(elements);
    documentElements.add(sbom);
    elements.add(sbom);
    return creation.createSpdxDocument(prefix + "SPDXRef-DOCUMENT")
        .setName(doc.name())
        .addRootElement(sbom)
        .addAllElement(documentElements)
        .addProfileConformance(ProfileIdentifierType.CORE)
        .addProfileConformance(ProfileIdentifierType.SOFTWARE)
        .addProfileConformance(ProfileIdentifierType.SIMPLE_LICENSING)
        .build();
  }

  private SpdxPackage pkg(String spdxId, Component c) throws InvalidSPDXAnalysisException {
    SpdxPackage.SpdxPackageBuilder builder = creation.createSpdxPackage(prefix + spdxId)
        .setName(c.name())
        .setPrimaryPurpose(purpose(c.kind()));
    if (c.version() != null) {
      builder.setPackageVersion(c.version());
    }
    if (c.purl() != null) {
      builder.setPackageUrl(c.purl());
    }
    if (c.description() != null) {
      builder.setDescription(c.description());
    }
    Supplier supplier = Supplier.parse(c.supplier());
    if (supplier != null) {
      builder.setSuppliedBy(organization(supplier));
    }
    for (HashAlgorithm algorithm : HashAlgorithm.values()) {
      String value = c.hashes().get(algorithm);
      if (value != null) {
        builder.addVerifiedUsing(creation.createHash(anonymous())
            .setAlgorithm(hashAlgorithm(algorithm))
            .setHashValue(value)
            .build());
      }
    }
    return add(builder.build());
  }

  private void relationships(Map<String, String> ids, Map<String, SpdxPackage> packages)
      throws InvalidSPDXAnalysisException {
    Map<String, List<Relationship>> grouped = new LinkedHashMap<>();
    for (Relationship r : doc.relationships()) {
      grouped.computeIfAbsent(r.from() + "\n" + r.type(), k -> new ArrayList<>()).add(r);
    }
    for (List<Relationship> group : grouped.values()) {
      Relationship first = group.get(0);
      RelationshipType type = relationshipType(first.type());
      var builder = creation.createRelationship(prefix + "SPDXRef-Relationship-"
              + ids.get(first.from()).substring(8) + "-" + type.getLongName())
          .setFrom(packages.get(first.from()))
          .setRelationshipType(type);
      for (Relationship r : group) {
        builder.addTo(packages.get(r.to()));
      }
      add(builder.build());
    }
  }

  private Agent organization(Supplier supplier) throws InvalidSPDXAnalysisException {
    Agent existing = organizations.get(supplier.name());
    if (existing != null) {
      return existing;
    }
    var builder = creation.createOrganization(prefix + "SPDXRef-Organization-"
            + SpdxIds.sanitizeUniquely(supplier.name()))
        .setName(supplier.name());
    if (supplier.email() != null) {
      builder.addExternalIdentifier(creation.createExternalIdentifier(anonymous())
          .setExternalIdentifierType(ExternalIdentifierType.EMAIL)
          .setIdentifier(supplier.email())
          .build());
    }
    Agent organization = add(builder.build());
    organizations.put(supplier.name(), organization);
    return organization;
  }

  private LicenseExpression license(DeclaredLicenses declared) throws InvalidSPDXAnalysisException {
    String expression = declared.expression();
    LicenseExpression existing = licenses.get(expression);
    if (existing != null) {
      return existing;
    }
    String name = SpdxIds.sanitize(expression).equals(expression) ? expression
        : "expression-" + SpdxIds.hash8(expression);
    var builder = creation.createLicenseExpression(prefix + "SPDXRef-License-" + name)
        .setLicenseExpression(expression)
        .setLicenseListVersion(SpdxLicenseList.get().version());
    for (Map.Entry<String, String> ref : declared.licenseRefs().entrySet()) {
      String textId = prefix + "SPDXRef-" + ref.getKey();
      if (elements.stream().noneMatch(e -> e.getObjectUri().equals(textId))) {
        add(creation.createSimpleLicensingText(textId)
            .setName(ref.getValue())
            .setLicenseText(ref.getValue())
            .build());
      }
      builder.addCustomIdToUri(creation.createDictionaryEntry(anonymous())
          .setKey(ref.getKey())
          .setValue(textId)
          .build());
    }
    LicenseExpression license = add(builder.build());
    licenses.put(expression, license);
    return license;
  }

  private <T extends Element> T add(T element) {
    elements.add(element);
    return element;
  }

  private String anonymous() throws InvalidSPDXAnalysisException {
    return store.getNextId(IdType.Anonymous);
  }

  /** Every element built, the document excepted. */
  List<Element> elements() {
    return elements;
  }

  static SoftwarePurpose purpose(Kind kind) {
    return switch (kind) {
      case CONTAINER -> SoftwarePurpose.CONTAINER;
      case APPLICATION -> SoftwarePurpose.APPLICATION;
      case LIBRARY, OPERATING_SYSTEM_PACKAGE -> SoftwarePurpose.LIBRARY;
      case RUNTIME -> SoftwarePurpose.PLATFORM;
    };
  }

  private static org.spdx.library.model.v3_0_1.core.HashAlgorithm hashAlgorithm(HashAlgorithm algorithm) {
    return switch (algorithm) {
      case SHA1 -> org.spdx.library.model.v3_0_1.core.HashAlgorithm.SHA1;
      case SHA256 -> org.spdx.library.model.v3_0_1.core.HashAlgorithm.SHA256;
      case SHA512 -> org.spdx.library.model.v3_0_1.core.HashAlgorithm.SHA512;
    };
  }

  private static RelationshipType relationshipType(Relationship.Type type) {
    return switch (type) {
      case DEPENDS_ON -> RelationshipType.DEPENDS_ON;
      case CONTAINS -> RelationshipType.CONTAINS;
      case DESCENDANT_OF -> RelationshipType.DESCENDANT_OF;
    };
  }
}
