package dev.builder.core.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModuleReferenceTest {

  @Test
  void readsTheThreeForms() {
    assertThat(ModuleReference.parse("builder://orders-api")).contains(new ModuleReference(null, "orders-api"));
    assertThat(ModuleReference.parse("builder://com.example:orders_api.v2"))
        .contains(new ModuleReference("com.example", "orders_api.v2"));
    assertThat(ModuleReference.parse("builder://.")).hasValueSatisfying(m -> {
      assertThat(m.isCurrentModule()).isTrue();
      assertThat(m).hasToString("builder://.");
    });
    assertThat(ModuleReference.parse("ghcr.io/acme/orders:1")).isEmpty();
    assertThat(ModuleReference.parse("ko://example.com/cmd")).isEmpty();
  }

  @Test
  void namesAModuleByArtifactIdAloneOrWithItsGroup() {
    assertThat(new ModuleReference(null, "api").names("any.group", "api")).isTrue();
    assertThat(new ModuleReference("g", "api").names("g", "api")).isTrue();
    assertThat(new ModuleReference("g", "api").names("h", "api")).isFalse();
    assertThat(new ModuleReference(null, "api").names("g", "web")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"builder://", "builder://a:b:c", "builder://a b", "builder://g:.", "builder://:a",
      "builder://a/b"})
  void refusesMalformedReferences(String text) {
    assertThatThrownBy(() -> ModuleReference.parse(text))
        .hasMessage("'" + text + "' is not a module reference; write builder://ARTIFACT_ID,"
            + " builder://GROUP_ID:ARTIFACT_ID or builder://.");
  }
}
