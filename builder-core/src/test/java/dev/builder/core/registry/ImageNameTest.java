package dev.builder.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.builder.core.BuilderException;
import dev.builder.core.image.Digest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageNameTest {
  private static final String HEX = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

  @Test
  void aBareNameIsAnOfficialDockerHubImageTaggedLatest() {
    ImageName name = ImageName.parse("eclipse-temurin");

    assertThat(name).isEqualTo(new ImageName("registry-1.docker.io", "library/eclipse-temurin", "latest", null));
    assertThat(name).hasToString("registry-1.docker.io/library/eclipse-temurin:latest");
  }

  @Test
  void aUserRepositoryOnDockerHubKeepsItsNamespace() {
    assertThat(ImageName.parse("bitnami/redis:7.2"))
        .isEqualTo(new ImageName("registry-1.docker.io", "bitnami/redis", "7.2", null));
  }

  @Test
  void aRegistryWithPortTakesTheFirstComponent() {
    ImageName name = ImageName.parse("localhost:5000/x:y");

    assertThat(name).isEqualTo(new ImageName("localhost:5000", "x", "y", null));
    assertThat(name.repositoryName()).isEqualTo("localhost:5000/x");
    assertThat(name.qualifier()).isEqualTo("y");
  }

  @Test
  void aDigestReferenceHasNoDefaultTag() {
    ImageName name = ImageName.parse("ghcr.io/acme/app@sha256:" + HEX);

    assertThat(name).isEqualTo(new ImageName("ghcr.io", "acme/app", null, Digest.parse("sha256:" + HEX)));
    assertThat(name.qualifier()).isEqualTo("sha256:" + HEX);
  }

  @Test
  void aTagAndADigestKeepBothAndTheDigestIsWhatIsRequested() {
    ImageName name = ImageName.parse("gcr.io/distroless/java21-debian12:nonroot@sha256:" + HEX);

    assertThat(name.tag()).isEqualTo("nonroot");
    assertThat(name.digest()).isEqualTo(Digest.parse("sha256:" + HEX));
    assertThat(name.qualifier()).isEqualTo("sha256:" + HEX);
    assertThat(name).hasToString("gcr.io/distroless/java21-debian12:nonroot@sha256:" + HEX);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"Orders-App:1.0", "localhost:5000/app:bad tag", "app@sha256:123", "/app", "app:"})
  void anInvalidReferenceIsExplainedWithAnExample(String reference) {
    assertThatThrownBy(() -> ImageName.parse(reference))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("'" + reference + "' is not a valid image reference")
        .hasMessageContaining("for example localhost:5000/orders-app:1.0");
  }

  @Test
  void withTagAndWithDigestChangeOnlyTheQualifier() {
    ImageName name = ImageName.parse("localhost:5000/app:1.0");

    assertThat(name.withTag("2.0")).hasToString("localhost:5000/app:2.0");
    assertThat(name.withDigest(Digest.parse("sha256:" + HEX))).hasToString("localhost:5000/app@sha256:" + HEX);
    assertThat(name.withQualifier("sha256:" + HEX).digest()).isEqualTo(Digest.parse("sha256:" + HEX));
    assertThat(name.withQualifier("3.0").tag()).isEqualTo("3.0");
    assertThatThrownBy(() -> name.withTag("-bad"))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("'-bad' is not a valid tag");
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost/app", "localhost:5000/app", "127.0.0.1:5000/app", "127.1.2.3/app"})
  void registriesOnThisMachineAreLoopback(String reference) {
    assertThat(ImageName.parse(reference).isLoopback()).isTrue();
  }

  @Test
  void theIpv6LoopbackAddressIsLoopback() {
    // built directly: ImageName.parse does not accept bracketed IPv6 hosts (jib's reference grammar lacks them)
    assertThat(new ImageName("[::1]:5000", "app", "1", null).isLoopback()).isTrue();
    assertThat(new ImageName("[::1]", "app", "1", null).isLoopback()).isTrue();
    assertThat(new ImageName("[2001:db8::1]:5000", "app", "1", null).isLoopback()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"example.com/app", "example.com:5000/app", "localhost.example.com/app",
      "127.0.0.1.nip.io/app", "eclipse-temurin"})
  void otherRegistriesAreNotLoopback(String reference) {
    assertThat(ImageName.parse(reference).isLoopback()).isFalse();
  }
}
