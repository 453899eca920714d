package dev.builder.core.assembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.builder.core.BuildListener;
import dev.builder.core.BuilderException;
import dev.builder.core.daemon.DaemonLocator;
import dev.builder.core.image.ConfigFile;
import dev.builder.core.image.ContainerConfig;
import dev.builder.core.image.Image;
import dev.builder.core.image.Platform;
import dev.builder.core.java.JavaApplication;
import dev.builder.core.layout.OciLayoutSink;
import dev.builder.core.policy.ImagePolicy;
import dev.builder.core.registry.CredentialSource;
import dev.builder.core.registry.Registries;
import dev.builder.core.signing.SignedBase;
import dev.builder.testing.BaseImageFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The policy's rules on what a build pulls, checked in a build where no registry is needed: a base that cannot carry
 * a signature under requireSignedBase, a JDK image the base rules do not allow. The signed and unsigned registry
 * cases are in PushSigningTest and SignedBaseIT.
 */
class BasePolicyBuildTest {
  private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path tmp;

  @Test
  void aBaseFromAFileFailsTheRuleBeforeAnyLayerIsBuilt() throws Exception {
    ImagePolicy policy = new ImagePolicy(List.of(), false, List.of(), List.of(), false, true, List.of(newKey()));
    try (Registries registries = new Registries(BuildListener.SILENT, CredentialSource.ANONYMOUS, false)) {
      assertThatThrownBy(() -> new ImageBuilder(registries, DaemonLocator.of(null, null))
          .build(request(policy, null)))
          .isInstanceOf(BuilderException.class)
          .hasMessageContaining("the base oci-layout://base is not in a registry, where signatures are kept, and"
              + " the requireSignedBase setting is set");
    }
    assertThat(tmp.resolve("project/target/builder/layers")).doesNotExist();
  }

  @Test
  void theBaseRulesHoldForTheJdkImageOfALinkedRuntimeBeforeItIsPulled() throws Exception {
    RuntimeSettings jlink = new RuntimeSettings(true, List.of(), "registry.evil.example/jdk:17");
    ImagePolicy allowed = new ImagePolicy(List.of("oci-layout://base", "registry.acme.example/**"), false, List.of(),
        List.of(), false);
    ImagePolicy pinned = new ImagePolicy(List.of(), true, List.of(), List.of(), false);
    try (Registries registries = new Registries(BuildListener.SILENT, CredentialSource.ANONYMOUS, false)) {
      ImageBuilder builder = new ImageBuilder(registries, DaemonLocator.of(null, null));
      // the evil registry's name does not resolve: a pull would fail otherwise, the policy fails first
      assertThatThrownBy(() -> builder.build(request(allowed, jlink)))
          .isInstanceOf(BuilderException.class)
          .hasMessageContaining("JDK image registry.evil.example/jdk:17 (jdkImage), for the Java runtime of"
              + " linux/amd64: not allowed: allowed are oci-layout://base, registry.acme.example/**")
          .hasMessageContaining("Set the jdkImage setting to an allowed JDK image");
      assertThatThrownBy(() -> builder.build(request(pinned, new RuntimeSettings(true, List.of(),
          "registry.acme.example/jdk:17")))).isInstanceOf(BuilderException.class)
          .hasMessageContaining("JDK image registry.acme.example/jdk:17 (jdkImage), for the Java runtime of"
              + " linux/amd64: not pinned by digest, and the requireBaseDigest setting is set");
    }
  }

  private BuildRequest request(ImagePolicy policy, RuntimeSettings runtime) throws Exception {
    ContainerConfig container = new ContainerConfig(null, List.of("JAVA_VERSION=17"), List.of(), List.of(), null,
        null, null, null, null);
    Image base = Image.of(new ConfigFile(Platform.LINUX_AMD64, Instant.EPOCH, container, List.of(), List.of()),
        List.of(BaseImageFixture.fileLayer("etc/base", "base")), Map.of());
    if (!Files.exists(tmp.resolve("project/base"))) {
      new OciLayoutSink(tmp.resolve("project/base")).write(base, List.of("latest"));
    }
    Path classes = Files.createDirectories(tmp.resolve("project/target/classes"));
    Files.writeString(classes.resolve("app.properties"), "greeting=hi\n");
    Path source = Files.createDirectories(tmp.resolve("src")).resolve("Main.java");
    Files.writeString(source, "package com.example; public class Main { public static void main(String[] a) {} }");
    if (!Files.exists(classes.resolve("com/example/Main.class"))) {
      assertThat(javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "17", "-d",
          classes.toString(), source.toString())).isZero();
    }
    // pinned as the layout's digest when the policy asks for pinned bases
    String from = "oci-layout://base" + (policy.requireBaseDigest() ? "@" + base.digest() : "");
    return new BuildRequest(from, Map.of(), 17, PlatformSelection.parse("linux/amd64"),
        tmp.resolve("project"), new JavaApplication(classes, List.of(), null, null), "com.example.Main",
        ContainerSettings.DEFAULTS, null, Map.of(), CREATED, tmp.resolve("project/target/builder"),
        tmp.resolve("cache"), policy, BuildListener.SILENT, runtime);
  }

  @Test
  void theRuleWithoutKeysSaysWhichSettingIsMissing() {
    try (Registries registries = new Registries(BuildListener.SILENT, CredentialSource.ANONYMOUS, false)) {
      assertThatThrownBy(() -> new SignedBase(registries).require("registry.acme.example/base/java:17", null,
          List.of()))
          .hasMessageContaining("the requireSignedBase setting is set, but no keys are given: list in the baseKeys"
              + " setting the PEM public keys");
    }
  }

  private static PublicKey newKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair().getPublic();
  }
}
