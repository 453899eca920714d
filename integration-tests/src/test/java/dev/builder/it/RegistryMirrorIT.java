package dev.builder.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builder.core.BuildListener;
import dev.builder.core.cache.BlobCache;
import dev.builder.core.image.ImageSource.ResolvedImage;
import dev.builder.core.image.Platform;
import dev.builder.core.layout.OciLayoutSource;
import dev.builder.core.registry.CredentialSource;
import dev.builder.core.registry.ImageName;
import dev.builder.core.registry.Registries;
import dev.builder.core.registry.RegistrySource;
import dev.builder.testing.RegistryExtension;
import dev.builder.testing.RegistryServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Real Maven builds whose base is named on a registry where nothing listens, and served by its mirrors: the target
 * registry (from the extension), which lacks the base, then a mirror registry that holds it. The pushed image must
 * still name the base by its real name.
 */
@Tag("maven")
@Tag("registry")
@Tag("root")
@ExtendWith(RegistryExtension.class)
class RegistryMirrorIT {
  private static RegistryServer mirror;
  private static String absent;
  private static String base;
  private static String baseDigest;

  @BeforeAll
  static void start() throws Exception {
    mirror = RegistryServer.start();
    baseDigest = Fixtures.digestOf(Fixtures.pushBase(mirror)); // mirror/base/java:latest
    try (ServerSocket socket = new ServerSocket(0)) {
      absent = "127.0.0.1:" + socket.getLocalPort();
    }
    base = absent + "/base/java:latest";
  }

  @AfterAll
  static void stop() {
    if (mirror != null) {
      mirror.close();
    }
  }

  @Test
  void thePomsMirrorsServeTheBaseAndThePushedImageKeepsTheBasesRealName(RegistryServer target) throws Exception {
    Path project = Maven.sample("mirrored-base", "mirror-pom");
    Maven.Result result = new Maven(project.getParent())
        .run(project, Map.of("BASE_REGISTRY", absent, "FIRST_MIRROR", target.host(), "SECOND_MIRROR", mirror.host()),
            "package", "builder:push", "-Dbuilder.from=" + base, "-Dbuilder.repository=" + target.host() + "/apps")
        .succeeded();

    assertThat(result.output()).contains("base image " + base + ": pulling from mirror " + mirror.host() + " (mirror "
        + target.host() + " does not have it (HTTP 404");
    ResolvedImage pushed;
    try (Registries registries = new Registries(BuildListener.SILENT, CredentialSource.ANONYMOUS, false)) {
      pushed = new RegistrySource(registries, new BlobCache(project.resolve("target/check-cache")),
          ImageName.parse(target.host() + "/apps/mirrored-app:1.0.0")).resolve(Platform.LINUX_AMD64);
    }
    assertThat(pushed.digest().toString()).isEqualTo(Images.imageJson(project).get("digest").asText());
    assertThat(pushed.image().manifest().annotations())
        .containsEntry("org.opencontainers.image.base.name", base)
        .containsEntry("org.opencontainers.image.base.digest", baseDigest);
    // the SBOM's base component names the real registry too, never the mirror
    String basePurl = Files.readString(project.resolve("target/builder/sbom.spdx.json")).lines()
        .filter(l -> l.contains("pkg:oci/java@")).findFirst().orElseThrow();
    assertThat(basePurl).contains(baseDigest.substring("sha256:".length())).contains(port(absent))
        .doesNotContain(port(mirror.host()));
  }

  @Test
  void theCommandLinesMirrorsServeTheBaseWithNothingInThePom() throws Exception {
    Path project = Maven.sample("hello-http", "mirror-property");
    Maven.Result result = new Maven(project.getParent())
        .run(project, "package", "builder:build", "-Dbuilder.from=" + base,
            "-Dbuilder.registryMirrors=" + absent + "=" + mirror.host())
        .succeeded();

    assertThat(result.output()).contains("base image " + base + ": pulling from mirror " + mirror.host());
    assertThat(new OciLayoutSource(project.resolve("target/builder/image"), null, "built")
        .resolve(Platform.LINUX_AMD64).image().manifest().annotations())
        .containsEntry("org.opencontainers.image.base.name", base)
        .containsEntry("org.opencontainers.image.base.digest", baseDigest);
  }

  @Test
  void mirrorsThatCannotWorkAreErrorsNamingWhereTheyWereWritten() throws Exception {
    Path project = Maven.sample("hello-http", "mirror-scheme");
    Maven.Result result = new Maven(project.getParent())
        .run(project, "package", "builder:build", "-Dbuilder.from=" + base,
            "-Dbuilder.registryMirrors=docker.io=https://mirror.acme.example")
        .failed();
    assertThat(result.output()).contains("builder: builder.registryMirrors: the mirror 'https://mirror.acme.example'"
        + " of docker.io has a scheme; write it without one, such as mirror.acme.example");
    assertThat(project.resolve("target/builder/image")).doesNotExist();

    Path pom = Maven.sample("mirrored-base", "mirror-path");
    result = new Maven(pom.getParent())
        .run(pom, Map.of("BASE_REGISTRY", absent, "FIRST_MIRROR", mirror.host(), "SECOND_MIRROR",
            "mirror.acme.example/Hub"), "package", "builder:build", "-Dbuilder.from=" + base)
        .failed();
    assertThat(result.output()).contains("builder: <registryMirrors>: the mirror 'mirror.acme.example/Hub' of "
        + absent + " has the path 'Hub', which cannot start a repository name");
    assertThat(pom.resolve("target/builder/image")).doesNotExist();
  }

  private static String port(String host) {
    return host.substring(host.lastIndexOf(':') + 1);
  }
}
