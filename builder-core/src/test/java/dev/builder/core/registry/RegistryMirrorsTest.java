package dev.builder.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.builder.core.BuilderException;
import dev.builder.core.registry.RegistryMirrors.Given;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryMirrorsTest {
  private static RegistryMirrors of(String registry, String... mirrors) {
    return RegistryMirrors.of(List.of(new Given(registry, List.of(mirrors))), "registryMirrors");
  }

  private static List<String> mirrorsOf(RegistryMirrors mirrors, String reference) {
    return mirrors.mirrorsOf(ImageName.parse(reference)).stream().map(ImageName::toString).toList();
  }

  @Test
  void dockerIoMatchesEveryNameOfDockerHub() {
    RegistryMirrors mirrors = of("docker.io", "mirror.acme.example", "Mirror2.Acme.example:5000");

    for (String reference : List.of("eclipse-temurin:21", "docker.io/library/eclipse-temurin:21",
        "index.docker.io/library/eclipse-temurin:21", "registry-1.docker.io/library/eclipse-temurin:21")) {
      assertThat(mirrorsOf(mirrors, reference)).as(reference).containsExactly(
          "mirror.acme.example/library/eclipse-temurin:21", "mirror2.acme.example:5000/library/eclipse-temurin:21");
    }
    assertThat(mirrorsOf(of("index.docker.io", "mirror.acme.example"), "eclipse-temurin:21")).hasSize(1);
    assertThat(mirrorsOf(mirrors, "quay.io/keycloak/keycloak:26")).isEmpty();
  }

  @Test
  void aMirrorPathGoesBeforeTheRepositoryAndADigestIsKept() {
    String digest = "sha256:" + "a".repeat(64);
    assertThat(mirrorsOf(of("Quay.io", "harbor.acme.example/quay-proxy"), "quay.io/keycloak/keycloak@" + digest))
        .containsExactly("harbor.acme.example/quay-proxy/keycloak/keycloak@" + digest);
  }

  @Test
  void theCommandLineFormListsRegistriesAndOverridesTheBuildFilePerRegistry() {
    RegistryMirrors parsed = RegistryMirrors.parse(" docker.io = m1.example , m2.example ; quay.io=m3.example:5000;",
        "builder.registryMirrors");
    assertThat(mirrorsOf(parsed, "alpine:3")).containsExactly("m1.example/library/alpine:3",
        "m2.example/library/alpine:3");
    assertThat(mirrorsOf(parsed, "quay.io/a/b:1")).containsExactly("m3.example:5000/a/b:1");

    RegistryMirrors merged = of("docker.io", "pom.example").overriddenBy(
        RegistryMirrors.parse("docker.io=cli.example", "builder.registryMirrors"));
    assertThat(mirrorsOf(merged, "alpine:3")).containsExactly("cli.example/library/alpine:3");
    assertThat(RegistryMirrors.parse("  ", "builder.registryMirrors").isEmpty()).isTrue();
    assertThat(of("docker.io", "a.example", "b.example:1/p").hosts()).containsExactlyInAnyOrder("a.example",
        "b.example:1");
  }

  @Test
  void valuesThatCannotWorkAreErrorsNamingTheSetting() {
    assertThatThrownBy(() -> of("docker.io", "https://mirror.acme.example"))
        .isInstanceOf(BuilderException.class)
        .hasMessageStartingWith("registryMirrors: the mirror 'https://mirror.acme.example' of docker.io has a scheme;"
            + " write it without one, such as mirror.acme.example");
    assertThatThrownBy(() -> of("docker.io", "mirror.acme.example/Hub"))
        .hasMessageStartingWith("registryMirrors: the mirror 'mirror.acme.example/Hub' of docker.io has the path"
            + " 'Hub', which cannot start a repository name");
    assertThat(mirrorsOf(of("docker.io", "mirror.acme.example/hub/"), "alpine:3"))
        .containsExactly("mirror.acme.example/hub/library/alpine:3");
    assertThatThrownBy(() -> of("docker.io", "mirror"))
        .hasMessageStartingWith("registryMirrors: the mirror 'mirror' of docker.io does not start with a registry"
            + " host; write host[:port]");
    assertThatThrownBy(() -> of("https://docker.io", "mirror.acme.example"))
        .hasMessageStartingWith("registryMirrors: 'https://docker.io' is not a registry; write its host and port");
    assertThatThrownBy(() -> of(null, "mirror.acme.example"))
        .hasMessageStartingWith("registryMirrors has a mirror entry with no registry");
    assertThatThrownBy(() -> of("docker.io"))
        .hasMessageStartingWith("registryMirrors names the registry docker.io but no mirror for it");
    assertThatThrownBy(() -> RegistryMirrors.of(List.of(new Given("docker.io", List.of("a.example")),
        new Given("index.docker.io", List.of("b.example"))), "registryMirrors"))
        .hasMessageStartingWith("registryMirrors lists the registry index.docker.io twice (docker.io,");
    assertThatThrownBy(() -> RegistryMirrors.parse("docker.io:mirror.example", "builder.registryMirrors"))
        .hasMessageStartingWith("builder.registryMirrors: 'docker.io:mirror.example' is not"
            + " REGISTRY=MIRROR[,MIRROR...]; write docker.io=");
  }
}
