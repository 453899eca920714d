package dev.builder.core.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SourceUrlTest {
  private static String sourceAnnotation(String scm) {
    return new ProjectInfo("app", null, "1.0", null, scm, null, List.of(), null).annotations()
        .get("org.opencontainers.image.source");
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', nullValues = "NONE", textBlock = """
      https://github.com/example/shop                                   ; https://github.com/example/shop
      scm:git:https://ci-bot:glpat-SECRET@gitlab.example.com/shop.git   ; https://gitlab.example.com/shop.git
      scm:git:https://x-access-token:ghs_SECRET@github.com/example/shop ; https://github.com/example/shop
      https://gitlab.example.com/shop?private_token=SECRET#frag         ; https://gitlab.example.com/shop
      https://TOKEN@git.example.com:8443/shop                           ; https://git.example.com:8443/shop
      scm:git:git@github.com:example/shop.git                           ; https://github.com/example/shop
      git@github.com:example/shop.git                                   ; https://github.com/example/shop
      scm:git:ssh://git@github.com:22/example/shop.git                  ; https://github.com/example/shop
      scm:svn:svn+ssh://builder@svn.example.com/repos/shop/trunk        ; svn+ssh://svn.example.com/repos/shop/trunk
      scm:svn:https://user:pass@svn.example.com/repos/shop              ; https://svn.example.com/repos/shop
      scm:hg|https://hg.example.com/shop                                ; https://hg.example.com/shop
      scm:git:file:///home/ci/shop.git                                  ; NONE
      scm:cvs:pserver:anoncvs:SECRET@cvs.example.com:/cvsroot:shop      ; NONE
      not a url                                                         ; NONE
      scm:git                                                           ; NONE
      """)
  void theSourceIsAPlainUrlWithoutSecrets(String scm, String expected) {
    assertThat(sourceAnnotation(scm)).isEqualTo(expected);
  }
}
