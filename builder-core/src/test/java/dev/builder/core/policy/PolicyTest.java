package dev.builder.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.builder.core.BuilderException;
import dev.builder.core.image.ConfigFile;
import dev.builder.core.image.ContainerConfig;
import dev.builder.core.image.Image;
import dev.builder.core.image.ImageSource.ResolvedImage;
import dev.builder.core.image.Platform;
import dev.builder.core.inventory.ImageInventory;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PolicyTest {
  private static final String DIGEST = "sha256:" + "a".repeat(64);

  @Test
  void globsMatchRepositoriesWithAnyTagAndDockerHubInBothSpellings() {
    assertThat(BaseImagePattern.matches("registry.acme.example/base/*", "registry.acme.example/base/java:17")).isTrue();
    assertThat(BaseImagePattern.matches("registry.acme.example/base/*", "registry.acme.example/base/java@" + DIGEST))
        .isTrue();
    assertThat(BaseImagePattern.matches("registry.acme.example/base/*", "registry.acme.example/base/x/y:1")).isFalse();
    assertThat(BaseImagePattern.matches("registry.acme.example/**", "registry.acme.example/base/x/y:1")).isTrue();
    assertThat(BaseImagePattern.matches("registry.acme.example/base/*", "registry.evil.example/base/java")).isFalse();
    assertThat(BaseImagePattern.matches("docker.io/library/eclipse-temurin", "eclipse-temurin:21")).isTrue();
    assertThat(BaseImagePattern.matches("eclipse-temurin", "docker.io/library/eclipse-temurin:21")).isTrue();
    assertThat(BaseImagePattern.matches("gcr.io/distroless/java17-debian12:nonroot",
        "gcr.io/distroless/java17-debian12:latest")).isFalse();
    assertThat(BaseImagePattern.matches("oci-layout://target/base", "oci-layout://target/base:latest")).isTrue();
  }

  @Test
  void aForbiddenBaseNamesTheBaseAndThePatterns() {
    ImagePolicy policy = new ImagePolicy(List.of("registry.acme.example/base/*"), false, List.of(), List.of(), true);
    assertThatThrownBy(() -> PolicyCheck.checkBase(policy, "docker.io/library/ubuntu:24.04"))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("base image docker.io/library/ubuntu:24.04 is not allowed")
        .hasMessageContaining("registry.acme.example/base/*");
    assertThatCode(() -> PolicyCheck.checkBase(policy, "registry.acme.example/base/java:17")).doesNotThrowAnyException();
  }

  @Test
  void requireBaseDigestRefusesTagsAndTarballs() {
    ImagePolicy policy = new ImagePolicy(List.of(), true, List.of(), List.of(), true);
    assertThatThrownBy(() -> PolicyCheck.checkBase(policy, "registry.acme.example/base/java:17"))
        .hasMessageContaining("is not pinned by digest");
    assertThatThrownBy(() -> PolicyCheck.checkBase(policy, "tar://base.tar")).hasMessageContaining("not pinned");
    assertThatCode(() -> PolicyCheck.checkBase(policy, "registry.acme.example/base/java@" + DIGEST))
        .doesNotThrowAnyException();
    assertThatCode(() -> PolicyCheck.checkBase(policy, "oci-layout://base@" + DIGEST)).doesNotThrowAnyException();
  }

  @Test
  void missingLabelsAndAnnotationsAreNamed() {
    ImagePolicy policy = new ImagePolicy(List.of(), false, List.of("team", "tier"), List.of("org.opencontainers.image.source"), false);
    Image image = image(Map.of("team", "orders"), Map.of(), null);
    assertThatThrownBy(() -> PolicyCheck.checkImage(policy, image, base(image), 17))
        .hasMessageContaining("lacks the required label(s) tier")
        .hasMessageContaining("Set them in the labels setting.");
    Image labelled = image(Map.of("team", "orders", "tier", "1"), Map.of(), null);
    assertThatThrownBy(() -> PolicyCheck.checkImage(policy, labelled, base(labelled), 17))
        .hasMessageContaining("required annotation(s) org.opencontainers.image.source");
  }

  @Test
  void aBaseWithOlderJavaThanTheBytecodeFailsNamingBoth() {
    ImagePolicy policy = ImagePolicy.DEFAULT;
    Image base = image(Map.of(), Map.of(), "JAVA_VERSION=jdk-11.0.22+7");
    assertThatThrownBy(() -> PolicyCheck.checkImage(policy, base, base(base), 17))
        .hasMessageContaining("has Java 11.0.22+7 but the project compiles to Java 17 bytecode");
    assertThatCode(() -> PolicyCheck.checkImage(policy, base, base(base), 11)).doesNotThrowAnyException();
    ImagePolicy off = new ImagePolicy(List.of(), false, List.of(), List.of(), false);
    assertThatCode(() -> PolicyCheck.checkImage(off, base, base(base), 17)).doesNotThrowAnyException();
  }

  @Test
  void aBaseWithNoJavaFailsWhenTheImageRunsJava() {
    Function<Image, ImageInventory> nothingFound = i -> new ImageInventory(List.of(), Optional.empty(), "debian-12");
    Image noJava = image(List.of("java", "-cp", "/app/classes", "com.example.App"), List.of("PATH=/bin"));

    assertThatThrownBy(() -> PolicyCheck.checkImage(ImagePolicy.DEFAULT, noJava, base(noJava), 17, nothingFound))
        .isInstanceOf(BuilderException.class)
        .hasMessage("base image registry.acme.example/base/java:17 has no Java runtime (no JAVA_VERSION or JAVA_HOME"
            + " variable, no Java release file), but the image's entrypoint runs java. Choose a base with Java 17 or"
            + " newer, or set the entrypoint setting to start something else; if the base's Java has no release"
            + " file, set the checkJavaVersion setting to false.");
    assertThatThrownBy(() -> PolicyCheck.checkImage(ImagePolicy.DEFAULT, noJava, base(noJava), 0, nothingFound))
        .as("a module with no classes of its own still runs java")
        .hasMessageContaining("has no Java runtime");
  }

  @Test
  void aBaseWithNoJavaIsFineForAnEntrypointOfTheUsersOwnOrWhenTheCheckIsOff() {
    Function<Image, ImageInventory> nothingFound = i -> new ImageInventory(List.of(), Optional.empty(), "debian-12");
    Image script = image(List.of("/app/start.sh"), List.of());
    Image javaHome = image(List.of("java", "-jar", "/app/app.jar"), List.of("JAVA_HOME=/opt/jre"));
    Image noJava = image(List.of("/usr/bin/java", "-jar", "/app/app.jar"), List.of());
    ImagePolicy off = new ImagePolicy(List.of(), false, List.of(), List.of(), false);

    assertThatCode(() -> PolicyCheck.checkImage(ImagePolicy.DEFAULT, script, base(script), 17, nothingFound))
        .doesNotThrowAnyException();
    assertThatCode(() -> PolicyCheck.checkImage(ImagePolicy.DEFAULT, javaHome, base(javaHome), 17, nothingFound))
        .doesNotThrowAnyException();
    assertThatCode(() -> PolicyCheck.checkImage(off, noJava, base(noJava), 17, nothingFound))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> PolicyCheck.checkImage(ImagePolicy.DEFAULT, noJava, base(noJava), 17, nothingFound))
        .hasMessageContaining("but the image's entrypoint runs /usr/bin/java");
  }

  @Test
  void aModuleMayTightenButNotLoosenUnlessTheParentAllowsIt() {
    ImagePolicy parent = new ImagePolicy(List.of("a/*", "b/*"), true, List.of("team"), List.of(), true);
    ImagePolicy tighter = new ImagePolicy(List.of("a/*"), true, List.of("team", "tier"), List.of(), true);
    assertThatCode(() -> PolicyInheritance.check(parent, tighter, Set.of(), "com.acme:parent"))
        .doesNotThrowAnyException();
    ImagePolicy looser = new ImagePolicy(List.of("a/*", "c/*"), false, List.of(), List.of(), true);
    assertThatThrownBy(() -> PolicyInheritance.check(parent, looser, Set.of(), "com.acme:parent"))
        .hasMessageContaining("loosens allowedBaseImages, requireBaseDigest, requiredLabels")
        .hasMessageContaining("com.acme:parent")
        .hasMessageContaining("the allowOverrides setting");
    assertThatCode(() -> PolicyInheritance.check(parent, looser,
        Set.of("allowedBaseImages", "requireBaseDigest", "requiredLabels"), "com.acme:parent"))
        .doesNotThrowAnyException();
  }

  @Test
  void aModuleCannotDropTheParentsSignedBaseRuleNorTrustAKeyTheParentDidNotList() throws Exception {
    PublicKey company = newKey();
    PublicKey team = newKey();
    ImagePolicy parent = signedBase(true, company);
    // the same key read again from its own file (another object) is the parent's key
    PublicKey companyReadAgain = KeyFactory.getInstance("EC")
        .generatePublic(new X509EncodedKeySpec(company.getEncoded()));
    assertThatCode(() -> PolicyInheritance.check(parent, signedBase(true, companyReadAgain), Set.of(), "com.acme:parent"))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> PolicyInheritance.check(parent, signedBase(false), Set.of(), "com.acme:parent"))
        .hasMessageContaining("loosens requireSignedBase that its parent com.acme:parent sets");
    assertThatThrownBy(() -> PolicyInheritance.check(parent, signedBase(true, company, team), Set.of(),
        "com.acme:parent"))
        .hasMessageContaining("loosens baseKeys that its parent com.acme:parent sets");
    assertThatCode(() -> PolicyInheritance.check(parent, signedBase(true, team), Set.of("baseKeys"),
        "com.acme:parent")).doesNotThrowAnyException();
    assertThatCode(() -> PolicyInheritance.check(parent, signedBase(false), Set.of("requireSignedBase"),
        "com.acme:parent")).doesNotThrowAnyException();
    // a module may require signed bases where its parent does not, with keys of its own
    assertThatCode(() -> PolicyInheritance.check(signedBase(false), signedBase(true, team), Set.of(),
        "com.acme:parent")).doesNotThrowAnyException();
    assertThat(PolicyInheritance.SETTINGS).contains("requireSignedBase", "baseKeys");
  }

  private static ImagePolicy signedBase(boolean required, PublicKey... keys) {
    return new ImagePolicy(List.of(), false, List.of(), List.of(), true, required, List.of(keys));
  }

  private static PublicKey newKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair().getPublic();
  }

  private static ResolvedImage base(Image image) {
    return new ResolvedImage(image, "registry.acme.example/base/java:17", image.digest());
  }

  private static Image image(List<String> entrypoint, List<String> env) {
    ContainerConfig container = new ContainerConfig(null, env, entrypoint, List.of(), null, null, null, null, null);
    ConfigFile config = new ConfigFile(Platform.LINUX_AMD64, Instant.EPOCH, container, List.of(), List.of());
    return Image.of(config, List.of(), Map.of());
  }

  private static Image image(Map<String, String> labels, Map<String, String> annotations, String env) {
    ContainerConfig container = new ContainerConfig(null, env == null ? List.of() : List.of(env), List.of(), List.of(),
        null, null, null, new TreeMap<>(labels), null);
    ConfigFile config = new ConfigFile(Platform.LINUX_AMD64, Instant.EPOCH, container, List.of(), List.of());
    return Image.of(config, List.of(), annotations);
  }

}
