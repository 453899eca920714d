package dev.builder.sbom;

import dev.builder.core.BuilderException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.spdx.core.InvalidSPDXAnalysisException;
import org.spdx.library.model.v3_0_1.SpdxConstantsV3;
import org.spdx.library.model.v3_0_1.core.Element;
import org.spdx.library.model.v3_0_1.core.SpdxDocument;
import org.spdx.storage.simple.InMemSpdxStore;
import org.spdx.v3jsonldstore.JsonLDSchema;
import org.spdx.v3jsonldstore.JsonLDStore;

/**
 * SPDX 3.0.1 JSON-LD, written with the SPDX Java library's 3.0 model and JSON-LD store, checked with the library's
 * {@code verify()} and against the SPDX 3.0.1 JSON schema the store ships before it is returned.
 *
 * <ul>
 *   <li>An {@code SpdxDocument} whose root is an {@code software_Sbom} (type build) whose root is the image package.
 *   <li>Every component is a {@code software_Package} with its purl, hashes and supplier (an Organization, shared by
 *       name). Purposes as in SPDX 2.3, except that the Java runtime is a {@code platform}, which SPDX 3 has.
 *   <li>Relationships become {@code descendantOf}, {@code contains} and {@code dependsOn}, one per source and type
 *       with every target; declared licences are {@code hasDeclaredLicense} relationships to a
 *       {@code simplelicensing_LicenseExpression}, and values SPDX cannot read are {@code LicenseRef-}s mapped to a
 *       {@code simplelicensing_SimpleLicensingText} that quotes them. No declared licence means no such relationship.
 *   <li>Created by the POM's organization (or, without one, the tool as a software agent), using the tool; created at
 *       the image's time; every IRI is under the namespace derived from the image digest.
 * </ul>
 */
public final class Spdx3JsonLdWriter implements SbomWriter {
  private static final String SPEC = SpdxConstantsV3.MODEL_SPEC_VERSION;
  private static JsonLDSchema schema;

  @Override
  public String fileName() {
    return SbomFormat.SPDX3.fileName();
  }

  @Override
  public String mediaType() {
    return SbomFormat.SPDX3.mediaType();
  }

  @Override
  public byte[] write(SbomDocument doc) {
    DocumentCheck.check(doc);
    SpdxLibrary.start();
    JsonLDStore store = new JsonLDStore(new InMemSpdxStore(), true);
    try {
      Spdx3Graph graph = new Spdx3Graph(doc, store);
      SpdxDocument spdx = graph.build();
      List<String> problems = new ArrayList<>(spdx.verify());
      for (Element element : graph.elements()) {
        problems.addAll(element.verify());
      }
      if (!problems.isEmpty()) {
        throw invalid(doc, "the SPDX library finds it invalid: " + String.join("; ", problems.stream().distinct()
            .toList()));
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      store.serialize(out, spdx);
      byte[] bytes = out.toByteArray();
      checkSchema(doc, bytes);
      return bytes;
    } catch (InvalidSPDXAnalysisException | IOException e) {
      throw new BuilderException("Could not write the SPDX 3 SBOM of " + doc.name() + ": " + e.getMessage(), e);
    }
  }

  /** Throws when {@code bytes} do not match the SPDX 3.0.1 JSON schema; the last step of {@link #write}. */
  static void checkSchema(SbomDocument doc, byte[] bytes) throws IOException {
    if (!schema().validate(new ByteArrayInputStream(bytes))) {
      throw invalid(doc, "it does not match the SPDX " + SPEC + " JSON schema");
    }
  }

  private static BuilderException invalid(SbomDocument doc, String why) {
    return new BuilderException("The SPDX " + SPEC + " SBOM of " + doc.name() + " was not written: " + why);
  }

  private static synchronized JsonLDSchema schema() {
    if (schema == null) {
      try {
        schema = new JsonLDSchema("schema-v" + SPEC + ".json", "spdx-context-v" + SPEC + ".jsonld",
            "spdx-model-v" + SPEC + ".jsonld");
      } catch (Exception e) {
        throw new IllegalStateException("the SPDX " + SPEC + " schema is missing from spdx-v3jsonld-store", e);
      }
    }
    return schema;
  }
}
