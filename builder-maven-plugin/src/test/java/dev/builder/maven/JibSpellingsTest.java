package dev.builder.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class JibSpellingsTest {
  private final List<String> log = new ArrayList<>();

  private static Properties properties(String... keyValues) {
    Properties properties = new Properties();
    for (int i = 0; i < keyValues.length; i += 2) {
      properties.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return properties;
  }

  @Test
  void jibsImagesAreTakenWhereBuildersAreNotSetAndSaidInOneLineEach() {
    JibSpellings.Values values = JibSpellings.adopt(new JibSpellings.Values(null, null, null),
        properties("jib.to.image", "localhost:5000/shop/orders:2.1"),
        properties("jib.from.image", "eclipse-temurin:21-jre", "jib.to.image", "ignored/for:the-user-property"),
        log::add);

    assertThat(values.from()).isEqualTo("eclipse-temurin:21-jre");
    assertThat(values.image()).isEqualTo("localhost:5000/shop/orders");
    assertThat(values.tags()).containsExactly("2.1");
    assertThat(log).hasSize(2);
    assertThat(log.get(0)).contains("jib.from.image").contains("-Dbuilder.from");
    assertThat(log.get(1)).contains("jib.to.image").contains("-Dbuilder.image").contains("tag 2.1");
  }

  @Test
  void buildersOwnSettingsWinAndNothingIsSaid() {
    JibSpellings.Values values = JibSpellings.adopt(new JibSpellings.Values("base:1", "r/app", List.of("x")),
        properties("jib.to.image", "other/app:9", "jib.from.image", "other:1"), new Properties(), log::add);

    assertThat(values).isEqualTo(new JibSpellings.Values("base:1", "r/app", List.of("x")));
    assertThat(log).isEmpty();
  }

  @Test
  void aPortIsNoTagAndBuildersTagsStay() {
    JibSpellings.Values values = JibSpellings.adopt(new JibSpellings.Values(null, null, List.of("1.0")),
        properties("jib.to.image", "localhost:5000/orders"), new Properties(), log::add);

    assertThat(values.image()).isEqualTo("localhost:5000/orders");
    assertThat(values.tags()).containsExactly("1.0");
  }
}
