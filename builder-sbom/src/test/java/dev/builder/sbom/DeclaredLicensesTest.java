package dev.builder.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builder.sbom.DeclaredLicenses.Kind;
import dev.builder.sbom.DeclaredLicenses.Term;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeclaredLicensesTest {

  @Test
  void listedIdsTakeTheListsCase() {
    assertThat(DeclaredLicenses.of(List.of("apache-2.0")).terms())
        .containsExactly(new Term("apache-2.0", Kind.LISTED_ID, "Apache-2.0"));
  }

  @Test
  void expressionsOfListedIdsStay() {
    DeclaredLicenses declared = DeclaredLicenses.of(List.of("EPL-2.0 OR GPL-2.0-only WITH Classpath-exception-2.0"));

    assertThat(declared.terms()).extracting(Term::kind).containsExactly(Kind.EXPRESSION);
    assertThat(declared.expression()).isEqualTo("EPL-2.0 OR GPL-2.0-only WITH Classpath-exception-2.0");
    assertThat(declared.licenseRefs()).isEmpty();
  }

  @Test
  void namesAndUnknownIdsBecomeLicenseRefsQuotingThem() {
    DeclaredLicenses declared = DeclaredLicenses.of(List.of("Apache License 2.0", "Foo-1.0", "LicenseRef-acme"));

    assertThat(declared.terms()).extracting(Term::kind).containsOnly(Kind.UNKNOWN);
    assertThat(declared.licenseRefs()).containsEntry("LicenseRef-acme", "LicenseRef-acme")
        .containsEntry("LicenseRef-Foo-1.0", "Foo-1.0")
        .hasEntrySatisfying(declared.terms().get(0).spdx(), text -> assertThat(text).isEqualTo("Apache License 2.0"));
    assertThat(declared.terms().get(0).spdx()).matches("LicenseRef-Apache-License-2.0-[0-9a-f]{8}");
  }

  @Test
  void severalValuesAreJoinedWithAndAndRepeatsDropped() {
    DeclaredLicenses declared = DeclaredLicenses.of(List.of("MIT", "Apache-2.0 OR MIT", "mit"));

    assertThat(declared.expression()).isEqualTo("MIT AND (Apache-2.0 OR MIT)");
  }

  @Test
  void noAssertionAndNoneAndBlanksDeclareNothing() {
    assertThat(DeclaredLicenses.of(List.of("NOASSERTION", "NONE", " ")).isEmpty()).isTrue();
    assertThat(DeclaredLicenses.of(List.of()).expression()).isNull();
  }
}
