package dev.builder.core.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpdxLicensesTest {

  @Test
  void mapsTheNamesPomsUseToSpdxIds() {
    assertThat(SpdxLicenses.id("The Apache Software License, Version 2.0")).isEqualTo("Apache-2.0");
    assertThat(SpdxLicenses.id("  apache license, version 2.0 ")).isEqualTo("Apache-2.0");
    assertThat(SpdxLicenses.id("The MIT License")).isEqualTo("MIT");
    assertThat(SpdxLicenses.id("Eclipse Public License - v 2.0")).isEqualTo("EPL-2.0");
  }

  @Test
  void oneLicenseIsItsId() {
    assertThat(SpdxLicenses.expression(List.of("The Apache Software License, Version 2.0"))).isEqualTo("Apache-2.0");
  }

  @Test
  void twoLicensesAreJoinedWithAnd() {
    assertThat(SpdxLicenses.expression(List.of("MIT License", "Apache License, Version 2.0")))
        .isEqualTo("MIT AND Apache-2.0");
  }

  @Test
  void theSameLicenseUnderTwoNamesCountsOnce() {
    assertThat(SpdxLicenses.expression(List.of("Apache 2.0", "The Apache License, Version 2.0")))
        .isEqualTo("Apache-2.0");
  }

  @Test
  void aCompoundIdIsParenthesizedInAnExpression() {
    assertThat(SpdxLicenses.expression(List.of("MIT", "GPL-2.0-with-classpath-exception")))
        .isEqualTo("MIT AND (GPL-2.0-only WITH Classpath-exception-2.0)");
  }

  @Test
  void anIdThatLooksLikeSpdxIsKept() {
    assertThat(SpdxLicenses.expression(List.of("BSD-4-Clause"))).isEqualTo("BSD-4-Clause");
  }

  @Test
  void unknownProseIsNotALicenseId() {
    assertThat(SpdxLicenses.id("Proprietary license, see LICENSE.txt")).isNull();
    assertThat(SpdxLicenses.expression(List.of("Proprietary license, see LICENSE.txt"))).isNull();
    assertThat(SpdxLicenses.expression(List.of("Our own terms", "MIT"))).isEqualTo("MIT");
    assertThat(SpdxLicenses.expression(List.of())).isNull();
    assertThat(SpdxLicenses.id("  ")).isNull();
  }

  @Test
  void aLoneWordIsNotAnIdButAnSpdxExpressionIsKept() {
    assertThat(SpdxLicenses.id("Proprietary")).isNull();
    assertThat(SpdxLicenses.id("GPL")).isNull();
    assertThat(SpdxLicenses.id("Apache-2.0 OR MIT")).isEqualTo("Apache-2.0 OR MIT");
    assertThat(SpdxLicenses.expression(List.of("Apache-2.0 OR MIT", "BSD-3-Clause")))
        .isEqualTo("(Apache-2.0 OR MIT) AND BSD-3-Clause");
  }
}
