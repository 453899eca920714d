package dev.builder.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builder.core.BuildListener;
import dev.builder.core.assembly.BuiltImage;
import dev.builder.core.assembly.BuiltImages;
import dev.builder.core.image.ImageSource.ResolvedImage;
import dev.builder.core.image.Platform;
import dev.builder.core.layout.OciLayoutSource;
import dev.builder.core.registry.CredentialSource;
import dev.builder.core.registry.ImageName;
import dev.builder.core.registry.Registries;
import dev.builder.core.registry.RegistrySink;
import dev.builder.core.signing.KeySigner;
import dev.builder.core.signing.PushSigning;
import dev.builder.core.signing.SigningKeys;
import dev.builder.testing.BaseImageFixture;
import dev.builder.testing.RegistryExtension;
import dev.builder.testing.RegistryServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A company parent POM requires bases signed by its platform team's key ({@code requireSignedBase}, {@code baseKeys}
 * relative to the parent's folder). The base is signed here as {@code cosign sign --key} does, by builder's own core,
 * with a key openssl made; the same image in another repository carries no signature there.
 */
@Tag("maven")
@Tag("registry")
@Tag("root")
@Tag("openssl")
@ExtendWith(RegistryExtension.class)
class SignedBaseIT {
  private static String registry;
  private static String scheme;
  private static Path keys;
  private static String signed;
  private static String unsigned;

  @BeforeAll
  static void pushSignedAndUnsignedBases(RegistryServer server) throws Exception {
    registry = server.host();
    scheme = server.scheme();
    keys = Files.createDirectories(Path.of(System.getProperty("it.work")).resolve("signed-base-keys"));
    Path key = keys.resolve("acme-base.key");
    Files.deleteIfExists(key);
    Images.tool("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out",
        key.toString());
    Images.tool("openssl", "pkey", "-in", key.toString(), "-pubout", "-out", keys.resolve("acme-base.pub").toString());
    KeySigner signer = SigningKeys.read(key, Optional::empty);

    ResolvedImage base = new OciLayoutSource(Fixtures.baseLayout(), BaseImageFixture.TAG, "fixture base")
        .resolve(Platform.LINUX_AMD64);
    ImageName signedName = ImageName.parse(registry + "/base/java");
    ImageName unsignedName = ImageName.parse(registry + "/base/unsigned");
    try (Registries registries = new Registries(BuildListener.SILENT, CredentialSource.ANONYMOUS, false)) {
      RegistrySink sink = new RegistrySink(registries, BuildListener.SILENT);
      sink.push(base.image(), signedName, List.of(BaseImageFixture.TAG));
      sink.push(base.image(), unsignedName, List.of(BaseImageFixture.TAG));
      BuiltImages asBuilt = BuiltImages.single(new BuiltImage(base.image(), base, null, List.of(), Map.of()));
      new PushSigning(registries, BuildListener.SILENT).afterPush(signedName, List.of(BaseImageFixture.TAG), asBuilt,
          Optional.of(signer), Optional.empty(), List.of());
    }
    signed = signedName.repositoryName() + ":" + BaseImageFixture.TAG;
    unsigned = unsignedName.repositoryName() + ":" + BaseImageFixture.TAG;
  }

  @Test
  void aServiceOnTheSignedBaseBuildsAndPushes() throws Exception {
    Maven.Result result = push("signed", "-Dapp.from=" + signed).succeeded();
    assertThat(result.output()).contains("base image " + signed + " (sha256:")
        .contains("is signed by one of the 1 trusted key(s)")
        .contains("builder: pushed " + registry + "/signed-apps/service");
    assertThat(project("signed").resolve("service/target/builder/layers")).isDirectory();
    assertThat(catalog()).contains("signed-apps/service");
  }

  @Test
  void aServiceOnAnUnsignedBaseFailsBeforeAnyLayerAndPushesNothing() throws Exception {
    Maven.Result result = push("unsigned", "-Dapp.from=" + unsigned).failed();
    assertThat(result.output()).contains("the base image " + unsigned + " (sha256:")
        .contains("has no signature that a key in <baseKeys> (-Dbuilder.baseKeys) verifies, and <requireSignedBase>"
            + " (-Dbuilder.requireSignedBase) is set")
        .doesNotContain("builder: pushed");
    assertThat(project("unsigned").resolve("service/target/builder/layers")).as("no layer was built").doesNotExist();
    assertThat(catalog()).doesNotContain("unsigned-apps");
  }

  @Test
  void aServiceCannotSwitchTheRuleOff() throws Exception {
    Maven.Result result = push("off", "-Dapp.from=" + unsigned, "-Dapp.requireSignedBase=false").failed();
    assertThat(result.output())
        .contains("this module loosens requireSignedBase that its parent com.acme:acme-parent sets");
    assertThat(catalog()).doesNotContain("off-apps");
  }

  private static Path project(String name) {
    return Path.of(System.getProperty("it.work"), "signed-base-" + name);
  }

  private static Maven.Result push(String name, String... args) throws Exception {
    Path project = Maven.sample("signed-base-reactor", "signed-base-" + name);
    Files.createDirectories(project.resolve("keys"));
    Files.copy(keys.resolve("acme-base.pub"), project.resolve("keys/acme-base.pub"));
    List<String> all = new java.util.ArrayList<>(List.of("package", "builder:push", "-Dbuilder.repository="
        + registry + "/" + name + "-apps"));
    all.addAll(List.of(args));
    return new Maven(project.getParent()).run(project, all.toArray(String[]::new));
  }

  private static String catalog() throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(scheme + "://" + registry + "/v2/_catalog")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }
}
