package dev.builder.sbom;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The licences a component declares, read once the same way for every format. Each declared value is one of: a
 * listed SPDX licence id, a valid SPDX expression, or something else (a name, an unknown id), which becomes a
 * {@code LicenseRef-} whose text is the value as declared, so the document stays valid and nothing is lost. Several
 * values are joined with AND, the reading that claims no more freedom than the declaration gives. NOASSERTION and
 * NONE are dropped: a component that declares nothing gets NOASSERTION in SPDX and no licences in CycloneDX.
 */
final class DeclaredLicenses {
  private static final Pattern SINGLE = Pattern.compile("[^\\s()]+");
  private static final Pattern LICENSE_REF = Pattern.compile("LicenseRef-[A-Za-z0-9.-]+");

  enum Kind {
    /** {@code spdx} is a listed licence id, in the list's own case. */
    LISTED_ID,
    /** {@code spdx} is a valid SPDX expression of listed ids, written the canonical way. */
    EXPRESSION,
    /** {@code spdx} is a {@code LicenseRef-} standing for {@code declared}. */
    UNKNOWN
  }

  /** One declared value and what it is in SPDX terms. */
  record Term(String declared, Kind kind, String spdx) {}

  private final List<Term> terms;

  private DeclaredLicenses(List<Term> terms) {
    this.terms = List.copyOf(terms);
  }

  static DeclaredLicenses of(List<String> declared) {
    SpdxLicenseList list = SpdxLicenseList.get();
    List<Term> terms = new ArrayList<>();
    for (String value : declared) {
      String v = value == null ? "" : value.trim();
      String upper = v.toUpperCase(Locale.ROOT);
      if (v.isEmpty() || upper.equals("NOASSERTION") || upper.equals("NONE")) {
        continue;
      }
      Term term = classify(v, list);
      if (terms.stream().noneMatch(t -> t.spdx().equals(term.spdx()))) {
        terms.add(term);
      }
    }
    return new DeclaredLicenses(terms);
  }

  List<Term> terms() {
    return terms;
  }

  boolean isEmpty() {
    return terms.isEmpty();
  }

  /** One SPDX expression for every declared value, joined with AND; null when nothing is declared. */
  String expression() {
    if (terms.isEmpty()) {
      return null;
    }
    if (terms.size() == 1) {
      return terms.get(0).spdx();
    }
    List<String> parts = new ArrayList<>();
    for (Term t : terms) {
      parts.add(t.kind() == Kind.EXPRESSION ? "(" + t.spdx() + ")" : t.spdx());
    }
    return String.join(" AND ", parts);
  }

  /** The {@code LicenseRef-} ids this declaration needs defined, with the text each stands for. */
  Map<String, String> licenseRefs() {
    Map<String, String> refs = new LinkedHashMap<>();
    for (Term t : terms) {
      if (t.kind() == Kind.UNKNOWN) {
        refs.put(t.spdx(), t.declared());
      }
    }
    return refs;
  }

  private static Term classify(String value, SpdxLicenseList list) {
    if (SINGLE.matcher(value).matches()) {
      Optional<String> listed = list.license(value);
      if (listed.isPresent()) {
        return new Term(value, Kind.LISTED_ID, listed.get());
      }
      if (LICENSE_REF.matcher(value).matches()) {
        return new Term(value, Kind.UNKNOWN, value);
      }
    }
    if (!value.contains("LicenseRef-") && !value.contains("DocumentRef-")) {
      Optional<String> expression = LicenseExpressions.canonical(value, list);
      if (expression.isPresent()) {
        return new Term(value, Kind.EXPRESSION, expression.get());
      }
    }
    return new Term(value, Kind.UNKNOWN, "LicenseRef-" + SpdxIds.sanitizeUniquely(value));
  }
}
