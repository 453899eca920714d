package dev.builder.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.builder.core.BuilderException;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Under a Turkish default locale, where lowercasing I gives a dotless ı, as on a build machine set up in Turkey. */
class ImageNamingTest {
  private static final String REPOSITORY = "<repository> or -Dbuilder.repository";
  private Locale before;

  @BeforeEach
  void turkish() {
    before = Locale.getDefault();
    Locale.setDefault(Locale.forLanguageTag("tr-TR"));
  }

  @AfterEach
  void restore() {
    Locale.setDefault(before);
  }

  @Test
  void anArtifactIdWithCapitalsGivesItsLowercaseNameWithARepository() {
    assertThat(ImageNaming.target(null, "localhost:5000/apps/", REPOSITORY, "HelloIT"))
        .hasValueSatisfying(n -> assertThat(n.repositoryName()).isEqualTo("localhost:5000/apps/helloit"));
  }

  @Test
  void anArtifactIdWithCapitalsGivesItsLowercaseNameWithoutOne() {
    assertThat(ImageNaming.target(null, null, REPOSITORY, "HelloIT")).isEmpty();
    assertThat(ImageNaming.local("HelloIT")).isEqualTo("helloit");
    assertThat(ImageNaming.fromArtifactId("INVOICE-Service")).isEqualTo("invoice-service");
  }

  @Test
  void anInvalidNameSaysWhichPartsItWasMadeOf() {
    assertThatThrownBy(() -> ImageNaming.target(null, "Registry.Example/Apps", REPOSITORY, "HelloIT"))
        .isInstanceOf(BuilderException.class)
        .hasMessage("the image name 'Registry.Example/Apps/helloit', made of the repository 'Registry.Example/Apps'"
            + " (<repository> or -Dbuilder.repository) and the artifactId HelloIT, is not a valid image reference:"
            + " write the repository as registry/path in lowercase, for example localhost:5000/apps, or set <image>"
            + " to the whole name.");
    assertThatThrownBy(() -> ImageNaming.local("service_"))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("the artifactId service_ gives no valid image name ('service_')")
        .hasMessageContaining("Set <image> to name the image.");
  }

  @Test
  void aConfiguredImageIsTakenAsWrittenAndMayCarryNoTag() {
    assertThat(ImageNaming.target("localhost:5000/team/orders", "ignored", REPOSITORY, "HelloIT").map(Object::toString))
        .isEqualTo(Optional.of("localhost:5000/team/orders:latest"));
    assertThatThrownBy(() -> ImageNaming.target("localhost:5000/team/orders:1", null, REPOSITORY, "x"))
        .hasMessageContaining("must not carry a tag or digest");
  }
}
