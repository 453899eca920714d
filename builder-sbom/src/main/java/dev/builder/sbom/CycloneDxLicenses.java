package dev.builder.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.model.license.Acknowledgement;
import org.cyclonedx.model.license.Expression;
import org.cyclonedx.parsers.JsonParser;

/**
 * Declared licences in CycloneDX, which holds either a list of licences (by id or by name) or one expression, never
 * both: ids when every declared value is a listed id that CycloneDX's schema knows (the common case, as
 * cyclonedx-maven-plugin writes it); one expression joined with AND when the values are SPDX but not all plain ids;
 * otherwise ids and names side by side, so that a name SPDX cannot read is kept as declared. Everything is marked
 * {@code declared}: builder reads declarations and concludes nothing.
 */
final class CycloneDxLicenses {
  private static Set<String> ids;

  private CycloneDxLicenses() {}

  /** The licence ids CycloneDX's own schema accepts, from the {@code spdx.schema.json} in its jar. */
  static synchronized Set<String> ids() {
    if (ids == null) {
      try (InputStream in = JsonParser.class.getClassLoader().getResourceAsStream("spdx.schema.json")) {
        if (in == null) {
          throw new IllegalStateException("spdx.schema.json is missing from cyclonedx-core-java");
        }
        JsonNode schema = new ObjectMapper().readTree(in);
        Set<String> found = new HashSet<>();
        schema.get("enum").forEach(id -> found.add(id.asText()));
        ids = Set.copyOf(found);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return ids;
  }

  /** The licences of {@code declared}, or null when nothing is declared. */
  static LicenseChoice of(DeclaredLicenses declared) {
    if (declared.isEmpty()) {
      return null;
    }
    List<DeclaredLicenses.Term> terms = declared.terms();
    Set<String> known = ids();
    LicenseChoice choice = new LicenseChoice();
    boolean allKnownIds = terms.stream()
        .allMatch(t -> t.kind() == DeclaredLicenses.Kind.LISTED_ID && known.contains(t.spdx()));
    boolean anyUnknown = terms.stream().anyMatch(t -> t.kind() == DeclaredLicenses.Kind.UNKNOWN);
    if (!allKnownIds && !anyUnknown) {
      Expression expression = new Expression(declared.expression());
      expression.setAcknowledgement(Acknowledgement.DECLARED);
      choice.setExpression(expression);
      return choice;
    }
    for (DeclaredLicenses.Term t : terms) {
      License license = new License();
      if (t.kind() == DeclaredLicenses.Kind.LISTED_ID && known.contains(t.spdx())) {
        license.setId(t.spdx());
      } else {
        license.setName(t.declared());
      }
      license.setAcknowledgement(Acknowledgement.DECLARED);
      choice.addLicense(license);
    }
    return choice;
  }
}
