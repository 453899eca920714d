package dev.builder.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builder.testing.RegistryExtension;
import dev.builder.testing.RegistryServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A company parent POM declares which bases are allowed, that they be pinned, which labels every image carries, and
 * that the base's Java can run the bytecode. A service that drifts fails with a message that says what and where.
 */
@Tag("maven")
@Tag("registry")
@Tag("root")
@ExtendWith(RegistryExtension.class)
class GovernanceIT {
  private static String registry;
  private static String pinned;
  private static String oldJava;

  @BeforeAll
  static void pushBases(RegistryServer server) throws Exception {
    registry = server.host();
    String base = Fixtures.pushBase(server);
    pinned = registry + "/base/java@" + Fixtures.digestOf(base);
    String old = Fixtures.pushOldJavaBase(server);
    oldJava = registry + "/base/old-java@" + Fixtures.digestOf(old);
  }

  @Test
  void aCompliantServiceBuilds() throws Exception {
    Maven.Result result = build("compliant", "-Dapp.from=" + pinned, "-Dbuilder.labels=team=orders").succeeded();
    assertThat(result.output()).contains("builder: built service@sha256:");
  }

  static Stream<Arguments> driftingServices() {
    return Stream.of(
        Arguments.of("forbidden-base", List.of("-Dapp.from=REGISTRY/other/java@sha256:" + "a".repeat(64),
            "-Dbuilder.labels=team=orders"), "is not allowed: allowed are REGISTRY/base/*"),
        Arguments.of("unpinned-base", List.of("-Dapp.from=REGISTRY/base/java:latest", "-Dbuilder.labels=team=orders"),
            "base image REGISTRY/base/java:latest is not pinned by digest"),
        Arguments.of("missing-label", List.of("-Dapp.from=PINNED"), "the image lacks the required label(s) team"),
        Arguments.of("old-java", List.of("-Dapp.from=OLDJAVA", "-Dbuilder.labels=team=orders"),
            "has Java 11.0.22 but the project compiles to Java 17 bytecode"),
        Arguments.of("loosening", List.of("-Dapp.from=REGISTRY/base/java:latest", "-Dapp.requireBaseDigest=false",
            "-Dbuilder.labels=team=orders"), "this module loosens requireBaseDigest that its parent com.acme:acme-parent"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("driftingServices")
  void aDriftingServiceFailsNamingTheRule(String name, List<String> args, String message) throws Exception {
    String[] filled = args.stream().map(GovernanceIT::fill).toArray(String[]::new);
    Maven.Result result = build(name, filled).failed();
    assertThat(result.output()).contains(fill(message));
  }

  private static Maven.Result build(String name, String... args) throws Exception {
    Path project = Maven.sample("governed-reactor", "governed-" + name);
    List<String> all = new ArrayList<>(List.of("package", "builder:build", "-Dregistry=" + registry));
    all.addAll(List.of(args));
    return new Maven(project.getParent()).run(project, all.toArray(String[]::new));
  }

  private static String fill(String text) {
    return text.replace("REGISTRY", registry).replace("PINNED", pinned).replace("OLDJAVA", oldJava);
  }
}
