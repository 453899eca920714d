package dev.builder.sbom;

import dev.builder.core.BuilderException;
import dev.builder.sbom.Component.HashAlgorithm;
import dev.builder.sbom.Component.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.spdx.core.InvalidSPDXAnalysisException;
import org.spdx.jacksonstore.MultiFormatStore;
import org.spdx.library.LicenseInfoFactory;
import org.spdx.library.ModelCopyManager;
import org.spdx.library.model.v2.Checksum;
import org.spdx.library.model.v2.SpdxCreatorInformation;
import org.spdx.library.model.v2.SpdxDocument;
import org.spdx.library.model.v2.SpdxModelFactoryCompatV2;
import org.spdx.library.model.v2.SpdxPackage;
import org.spdx.library.model.v2.enumerations.ChecksumAlgorithm;
import org.spdx.library.model.v2.enumerations.Purpose;
import org.spdx.library.model.v2.enumerations.ReferenceCategory;
import org.spdx.library.model.v2.enumerations.RelationshipType;
import org.spdx.library.model.v2.license.AnyLicenseInfo;
import org.spdx.library.model.v2.license.ExtractedLicenseInfo;
import org.spdx.library.model.v2.license.SpdxNoAssertionLicense;
import org.spdx.library.referencetype.ListedReferenceTypes;
import org.spdx.storage.simple.InMemSpdxStore;

/**
 * SPDX 2.3 JSON as the SPDX Java library writes it, from the same {@link SbomDocument}: what builder wrote before it
 * wrote SPDX itself, kept here as the reference {@link SpdxJsonWriter} is held to ({@code SpdxJsonWriterTest}).
 */
final class LibrarySpdxJsonWriter implements SbomWriter {
  /** Messages of the library's verify() that report deprecated licence ids: valid SPDX, so not a reason to fail. */
  private static final String DEPRECATED = " is deprecated.";

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
    SpdxLibrary.start();
    MultiFormatStore store = new MultiFormatStore(new InMemSpdxStore(), MultiFormatStore.Format.JSON_PRETTY);
    try {
      SpdxDocument spdx = document(doc, store);
      List<String> problems = new ArrayList<>(spdx.verify());
      problems.removeIf(p -> p.contains(DEPRECATED));
      if (!problems.isEmpty()) {
        throw new BuilderException("The SPDX SBOM of " + doc.name() + " was not written: the SPDX library finds it "
            + "invalid: " + String.join("; ", problems));
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      store.serialize(out, spdx);
      return out.toByteArray();
    } catch (InvalidSPDXAnalysisException | IOException e) {
      throw new BuilderException("Could not write the SPDX SBOM of " + doc.name() + ": " + e.getMessage(), e);
    }
  }

  private static SpdxDocument document(SbomDocument doc, MultiFormatStore store)
      throws InvalidSPDXAnalysisException {
    String namespace = DocumentIdentity.namespace(doc);
    ModelCopyManager copies = new ModelCopyManager();
    SpdxDocument spdx = SpdxModelFactoryCompatV2.createSpdxDocumentV2(store, namespace, copies);
    spdx.setName(doc.name());
    SpdxCreatorInformation creation = spdx.getCreationInfo();
    Collection<String> creators = creation.getCreators();
    creators.clear();
    creators.add("Tool: " + doc.toolName() + "-" + doc.toolVersion());
    if (doc.organization() != null && !doc.organization().isBlank()) {
      creators.add("Organization: " + doc.organization());
    }
    creation.setCreated(DocumentIdentity.created(doc));
    creation.setLicenseListVersion(SpdxLicenseList.get().version());

    Map<String, String> ids = SpdxIds.of(doc);
    Map<String, SpdxPackage> packages = new java.util.LinkedHashMap<>();
    Set<String> licenseRefs = new HashSet<>();
    List<Component> all = new ArrayList<>(List.of(doc.image()));
    all.addAll(doc.components());
    for (Component c : all) {
      packages.put(c.id(), pkg(spdx, ids.get(c.id()), c, store, namespace, copies, licenseRefs));
    }
    spdx.setDocumentDescribes(List.of(packages.get(doc.image().id())));
    for (Relationship r : doc.relationships()) {
      SpdxPackage from = packages.get(r.from());
      from.addRelationship(from.createRelationship(packages.get(r.to()), relationshipType(r.type()), null));
    }
    return spdx;
  }

  private static SpdxPackage pkg(SpdxDocument spdx, String spdxId, Component c, MultiFormatStore store,
      String namespace, ModelCopyManager copies, Set<String> licenseRefs) throws InvalidSPDXAnalysisException {
    DeclaredLicenses declared = DeclaredLicenses.of(c.licenses());
    for (Map.Entry<String, String> ref : declared.licenseRefs().entrySet()) {
      if (licenseRefs.add(ref.getKey())) {
        ExtractedLicenseInfo extracted = spdx.createExtractedLicense(ref.getKey(), ref.getValue());
        extracted.setName(ref.getValue());
        spdx.addExtractedLicenseInfos(extracted);
      }
    }
    AnyLicenseInfo noAssertion = new SpdxNoAssertionLicense(store, namespace);
    AnyLicenseInfo licenseDeclared = declared.isEmpty() ? noAssertion
        : LicenseInfoFactory.parseSPDXLicenseStringCompatV2(declared.expression(), store, namespace, copies);
    SpdxPackage.SpdxPackageBuilder builder = spdx.createPackage(spdxId, c.name(), noAssertion, "NOASSERTION",
            licenseDeclared)
        .setFilesAnalyzed(false)
        .setDownloadLocation("NOASSERTION")
        .setPrimaryPurpose(purpose(c.kind()))
        .setSupplier(supplierOf(c));
    if (c.version() != null) {
      builder.setVersionInfo(c.version());
    }
    if (c.description() != null) {
      builder.setDescription(c.description());
    }
    if (c.path() != null) {
      builder.setPackageFileName(c.path());
    }
    for (HashAlgorithm algorithm : HashAlgorithm.values()) {
      String value = c.hashes().get(algorithm);
      if (value != null) {
        Checksum checksum = spdx.createChecksum(checksumAlgorithm(algorithm), value);
        builder.addChecksum(checksum);
      }
    }
    if (c.purl() != null) {
      builder.addExternalRef(spdx.createExternalRef(ReferenceCategory.PACKAGE_MANAGER,
          ListedReferenceTypes.getListedReferenceTypes().getListedReferenceTypeByName("purl"), c.purl(), null));
    }
    return builder.build();
  }

  private static String supplierOf(Component c) {
    Supplier supplier = Supplier.parse(c.supplier());
    return supplier == null ? "NOASSERTION" : supplier.spdx();
  }

  static Purpose purpose(Kind kind) {
    return switch (kind) {
      case CONTAINER -> Purpose.CONTAINER;
      case APPLICATION -> Purpose.APPLICATION;
      case LIBRARY, OPERATING_SYSTEM_PACKAGE -> Purpose.LIBRARY;
      case RUNTIME -> Purpose.FRAMEWORK;
    };
  }

  private static ChecksumAlgorithm checksumAlgorithm(HashAlgorithm algorithm) {
    return switch (algorithm) {
      case SHA1 -> ChecksumAlgorithm.SHA1;
      case SHA256 -> ChecksumAlgorithm.SHA256;
      case SHA512 -> ChecksumAlgorithm.SHA512;
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
