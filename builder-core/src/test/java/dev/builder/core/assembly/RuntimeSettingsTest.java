package dev.builder.core.assembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.builder.core.BuilderException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuntimeSettingsTest {

  @Test
  void baseUnlessJlinkIsAskedForWithTheModulesCleanedUp() {
    assertThat(RuntimeSettings.of(null, null).jlink()).isFalse();
    assertThat(RuntimeSettings.of(" Base ", List.of()).jlink()).isFalse();
    RuntimeSettings jlink = RuntimeSettings.of("jlink", Arrays.asList(" java.sql", "", "java.sql", "jdk.localedata"));
    assertThat(jlink.jlink()).isTrue();
    assertThat(jlink.jlinkModules()).containsExactly("java.sql", "jdk.localedata");
  }

  @Test
  void anUnknownRuntimeNamesBoth() {
    assertThatThrownBy(() -> RuntimeSettings.of("slim", List.of()))
        .isInstanceOf(BuilderException.class)
        .hasMessage("runtime slim is unknown: write base (the base image's Java) or jlink (a runtime linked from the"
            + " build JDK, cut to the modules the application uses)");
  }

  @Test
  void aJlinkRuntimeStandsOnDistrolessBaseByDefault() {
    assertThat(BaseImages.defaultWithoutJavaFor(17)).isEqualTo("gcr.io/distroless/base-debian12:nonroot");
    assertThat(BaseImages.defaultWithoutJavaFor(21)).isEqualTo("gcr.io/distroless/base-debian12:nonroot");
    assertThat(BaseImages.defaultWithoutJavaFor(25)).isEqualTo("gcr.io/distroless/base-debian13:nonroot");
  }
}
