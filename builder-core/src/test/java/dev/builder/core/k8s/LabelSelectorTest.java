package dev.builder.core.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.builder.core.BuilderException;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LabelSelectorTest {
  private static final Map<String, String> ORDERS = Map.of("app", "orders", "tier", "api", "example.com/team", "shop");

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "''                           | true",
      "app=orders                   | true",
      "app==orders                  | true",
      "app = orders                 | true",
      "app=report                   | false",
      "app!=report                  | true",
      "app!=orders                  | false",
      "missing!=x                   | true",
      "app=orders,tier=api          | true",
      "app=orders,tier=db           | false",
      "app in (report, orders)      | true",
      "app in (report)              | false",
      "app notin (report)           | true",
      "app notin (orders,report)    | false",
      "missing notin (x)            | true",
      "missing in (x)               | false",
      "tier                         | true",
      "missing                      | false",
      "!missing                     | true",
      "!tier                        | false",
      "example.com/team=shop        | true",
      "app in (orders, report),tier | true",
  })
  void matchesAsKubectlDoes(String selector, boolean matches) {
    assertThat(LabelSelector.parse(selector).matches(ORDERS)).isEqualTo(matches);
  }

  @ParameterizedTest
  @ValueSource(strings = {"app=orders=x", "app in orders", "=x", "app=(x)", "app in (a b)", "a b"})
  void refusesWhatIsNotARequirement(String selector) {
    assertThatThrownBy(() -> LabelSelector.parse(selector))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("label selector '" + selector + "': ")
        .hasMessageEndingWith("is not a requirement; write key=value, key!=value, key in (a,b), key notin (a,b),"
            + " key or !key, separated by commas");
  }
}
