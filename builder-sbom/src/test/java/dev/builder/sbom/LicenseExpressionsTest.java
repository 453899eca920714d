package dev.builder.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spdx.library.LicenseInfoFactory;
import org.spdx.library.ListedLicenses;
import org.spdx.library.ModelCopyManager;
import org.spdx.library.model.v2.license.AnyLicenseInfo;
import org.spdx.library.model.v2.license.InvalidLicenseExpression;
import org.spdx.storage.simple.InMemSpdxStore;

/** builder's reading of licence expressions, held against the SPDX library's parser on what POMs declare. */
class LicenseExpressionsTest {
  private static final SpdxLicenseList LIST = SpdxLicenseList.get();

  @ParameterizedTest
  @ValueSource(strings = {
      "MIT", "mit", "Apache-2.0 OR MIT", "apache-2.0 or mit", "MIT and Apache-2.0", "(MIT)", "((MIT))",
      "((MIT OR Apache-2.0) AND BSD-3-Clause)", "GPL-2.0-only WITH Classpath-exception-2.0",
      "GPL-2.0-only with classpath-exception-2.0", "GPL-2.0+", "Apache-2.0+", "MIT+", "GPL-2.0-or-later+",
      "MIT  OR   Apache-2.0", "MIT OR Apache-2.0 AND BSD-2-Clause", "( MIT OR Apache-2.0 ) AND BSD-2-Clause",
      "EPL-2.0 OR GPL-2.0-only WITH Classpath-exception-2.0",
      "LGPL-2.1 OR GPL-2.0-only WITH Classpath-exception-2.0 AND MIT", "Apache-2.0 WITH LLVM-exception",
      "(EPL-2.0 OR GPL-2.0-only WITH Classpath-exception-2.0) AND MIT", "CDDL-1.1 OR GPL-2.0-only",
      "MIT AND", "MIT OR", "OR MIT", "AND", "MIT OR OR Apache-2.0", "MIT WITH", "WITH", "MIT WITH MIT",
      "Classpath-exception-2.0", "MIT OR (Apache-2.0", "MIT)", "(MIT OR Apache-2.0)AND BSD-2-Clause", "()",
      "MIT/Apache-2.0", "MIT OR NONE", "Foo OR MIT", "The Apache Software License, Version 2.0",
      "Apache License 2.0", "Apache License, Version 2.0", "Eclipse Public License - v 2.0", "BSD", "GPL",
      "EPL 2.0", "CDDL + GPLv2 with classpath exception", "Public Domain", "CC0", "The MIT License",
      "GNU Lesser General Public License", "Bouncy Castle Licence", "+", "MIT++", "MIT WITH Classpath-exception-2.0+"})
  void acceptsWhatTheSpdxLibraryAcceptsAndReadsItAlike(String declared) {
    Optional<String> ours = LicenseExpressions.canonical(declared, LIST);
    AnyLicenseInfo library = parse(declared);

    assertThat(ours.isPresent()).as("builder reads '%s' as valid", declared)
        .isEqualTo(!(library instanceof InvalidLicenseExpression));
    ours.ifPresent(canonical -> assertThat(parse(canonical).toString()).isEqualTo(library.toString()));
  }

  @Test
  void writesIdsInTheListsCaseAndOperatorsInCapitals() {
    assertThat(LicenseExpressions.canonical("apache-2.0 or ( mit and bsd-3-clause )", LIST))
        .hasValue("Apache-2.0 OR (MIT AND BSD-3-Clause)");
    assertThat(LicenseExpressions.canonical("gpl-2.0-only with classpath-exception-2.0", LIST))
        .hasValue("GPL-2.0-only WITH Classpath-exception-2.0");
  }

  @Test
  void theListIsTheOneInTheSpdxLibrarysJar() {
    SpdxLibrary.start();

    assertThat(LIST.version()).isEqualTo(ListedLicenses.getListedLicenses().getLicenseListVersion());
    assertThat(LIST.licenses()).hasSize(ListedLicenses.getListedLicenses().getSpdxListedLicenseIds().size());
    assertThat(LIST.exceptions()).hasSize(ListedLicenses.getListedLicenses().getSpdxListedExceptionIds().size());
  }

  private static AnyLicenseInfo parse(String expression) {
    SpdxLibrary.start();
    try {
      return LicenseInfoFactory.parseSPDXLicenseStringCompatV2(expression, new InMemSpdxStore(),
          "https://builder.dev/spdx/test", new ModelCopyManager());
    } catch (Exception e) {
      throw new AssertionError("the library throws on '" + expression + "'", e);
    }
  }
}
