package dev.builder.core.signing;

import dev.builder.testing.OpenSsl;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builder.core.BuildListener;
import dev.builder.core.TestImages;
import dev.builder.core.assembly.BuiltImage;
import dev.builder.core.assembly.BuiltImages;
import dev.builder.core.image.ConfigFile;
import dev.builder.core.image.Digest;
import dev.builder.core.image.Image;
import dev.builder.core.image.ImageIndex;
import dev.builder.core.image.Platform;
import dev.builder.core.image.ImageSource.ResolvedImage;
import dev.builder.core.image.Index;
import dev.builder.core.image.Json;
import dev.builder.core.registry.CredentialSource;
import dev.builder.core.registry.ImageName;
import dev.builder.core.registry.Registries;
import dev.builder.core.registry.RegistrySink;
import dev.builder.core.registry.RepositoryClient;
import dev.builder.testing.RegistryExtension;
import dev.builder.testing.RegistryServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signing and attesting a pushed image in the real distribution registry, checked by openssl over the exact bytes
 * cosign verifies, and by the structure cosign reads.
 */
@ExtendWith(RegistryExtension.class)
@Tag("registry")
@Tag("openssl")
class PushSigningTest {
  @TempDir Path tmp;

  @Test
  void signsAttestsAndAddsNothingTheSecondTime(RegistryServer registry) throws Exception {
    ImageName name = ImageName.parse(registry.host() + "/signed/app");
    Path keyDir = Files.createDirectories(tmp.resolve("key"));
    KeySigner signer = SigningKeys.read(OpenSsl.newKey(keyDir), Optional::empty);
    Path pub = keyDir.resolve("pub.pem");
    try (Registries registries = new Registries(BuildListener.SILENT, CredentialSource.ANONYMOUS, false)) {
      Image image = TestImages.small(tmp, "signed\n");
      Path jar = Files.write(tmp.resolve("lib-1.0.jar"), "not really a jar".getBytes(StandardCharsets.UTF_8));
      BuiltImages built = BuiltImages.single(new BuiltImage(image,
          new ResolvedImage(image, "registry.acme.example/base/java:17", image.digest()), "acme.Main", List.of(),
          Map.of(jar, "/app/libs/lib-1.0.jar")));
      new RegistrySink(registries, BuildListener.SILENT).push(image, name, List.of("1.0"));
      ProvenanceFacts facts = new ProvenanceFacts("acme", "app", "1.0", "scm:git:https://ci-bot:s3cr3t-token@git.acme.example/app.git",
          "0123456789abcdef0123456789abcdef01234567", Map.of("from", "registry.acme.example/base/java:17"),
          "builder-maven-plugin", "0.1", "3.9.11", "17", Map.of(jar, "pkg:maven/acme/lib@1.0"),
          Map.of("GITHUB_ACTIONS", "true", "GITHUB_REPOSITORY", "acme/app", "GITHUB_RUN_ID", "42"));
      byte[] spdx = "{\"spdxVersion\":\"SPDX-2.3\"}".getBytes(StandardCharsets.UTF_8);
      List<PushSigning.SbomDocument> sboms = List.of(
          new PushSigning.SbomDocument(image.descriptor(), spdx, "application/spdx+json"));
      PushSigning signing = new PushSigning(registries, BuildListener.SILENT);

      signing.afterPush(name, List.of("1.0"), built, Optional.of(signer), Optional.of(facts), sboms);
      signing.afterPush(name, List.of("1.0"), built, Optional.of(signer), Optional.of(facts), sboms);

      RepositoryClient client = registries.forPull(name);
      String sigTag = "sha256-" + image.digest().hex() + ".sig";
      JsonNode sig = Json.parse(client.pullManifest(sigTag).bytes(), "sig");
      assertThat(sig.get("layers")).as("the same key and payload again add nothing").hasSize(1);
      JsonNode layer = sig.get("layers").get(0);
      assertThat(layer.get("mediaType").asText()).isEqualTo("application/vnd.dev.cosign.simplesigning.v1+json");
      byte[] payload = blob(client, layer.get("digest").asText());
      byte[] signature = Base64.getDecoder().decode(layer.at("/annotations/dev.cosignproject.cosign~1signature")
          .asText());
      assertThat(OpenSsl.verifies(pub, payload, signature, tmp)).isTrue();
      assertThat(Json.parse(payload, "payload").at("/critical/image/docker-manifest-digest").asText())
          .isEqualTo(image.digest().toString());
      byte[] tampered = new String(payload, StandardCharsets.UTF_8).replace(image.digest().hex(),
          Digest.of(new byte[1]).hex()).getBytes(StandardCharsets.UTF_8);
      assertThat(OpenSsl.verifies(pub, tampered, signature, tmp)).as("a tampered payload").isFalse();

      JsonNode att = Json.parse(client.pullManifest("sha256-" + image.digest().hex() + ".att").bytes(), "att");
      assertThat(att.get("layers")).hasSize(2);
      assertThat(att.get("layers").findValuesAsText("mediaType")).containsOnly("application/vnd.dsse.envelope.v1+json");
      assertThat(att.get("layers").get(0).at("/annotations/predicateType").asText())
          .isEqualTo("https://slsa.dev/provenance/v1");
      assertThat(att.get("layers").get(1).at("/annotations/predicateType").asText())
          .isEqualTo("https://spdx.dev/Document");
      Dsse.Envelope provenance = Dsse.parse(blob(client, att.get("layers").get(0).get("digest").asText()), "att");
      assertThat(OpenSsl.verifies(pub, Dsse.pae(provenance.payloadType(), provenance.payload()),
          provenance.signatures().get(0), tmp)).isTrue();
      JsonNode statement = Json.parse(provenance.payload(), "statement");
      assertThat(statement.at("/subject/0/digest/sha256").asText()).isEqualTo(image.digest().hex());
      assertThat(statement.at("/predicate/buildDefinition/buildType").asText()).isEqualTo(Provenance.BUILD_TYPE);
      assertThat(statement.at("/predicate/runDetails/metadata/invocationId").asText())
          .isEqualTo("https://github.com/acme/app/actions/runs/42/attempts/1");
      assertThat(statement.at("/predicate/buildDefinition/resolvedDependencies").toString())
          .contains("pkg:maven/acme/lib@1.0").contains(Digest.of(Files.readAllBytes(jar)).hex())
          .contains("registry.acme.example/base/java:17@" + image.digest()).contains("gitCommit");
      assertThat(statement.at("/predicate/buildDefinition/externalParameters/source/repository").asText())
          .isEqualTo("https://git.acme.example/app.git");
      assertThat(new String(provenance.payload(), StandardCharsets.UTF_8)).doesNotContain("s3cr3t-token");
      Dsse.Envelope sbom = Dsse.parse(blob(client, att.get("layers").get(1).get("digest").asText()), "att");
      assertThat(Json.parse(sbom.payload(), "sbom statement").at("/predicate/spdxVersion").asText())
          .isEqualTo("SPDX-2.3");

      Index referrers = Index.parse(client.pullManifest("sha256-" + image.digest().hex()).bytes(), "referrers");
      assertThat(referrers.manifests()).extracting(d -> d.artifactType()).containsExactly(
          PushSigning.SIGNATURE_ARTIFACT_TYPE, Dsse.MEDIA_TYPE, Dsse.MEDIA_TYPE);

      // a second key adds its signature next to the first, as cosign sign does
      Path otherDir = Files.createDirectories(tmp.resolve("other"));
      KeySigner other = SigningKeys.read(OpenSsl.newKey(otherDir), Optional::empty);
      signing.afterPush(name, List.of("1.0"), built, Optional.of(other), Optional.empty(), List.of());
      assertThat(Json.parse(client.pullManifest(sigTag).bytes(), "sig").get("layers")).hasSize(2);

      SignatureVerifier verifier = new SignatureVerifier(registries);
      SignatureVerifier.Report report = verifier.verify(name, image.digest(), List.of(signer.publicKey()));
      assertThat(report.signed()).isTrue();
      assertThat(report.signatures()).extracting(SignatureVerifier.Found::verified).containsExactly(true, false);
      assertThat(report.attestations()).extracting(SignatureVerifier.Found::what)
          .containsExactly("https://slsa.dev/provenance/v1", "https://spdx.dev/Document");
      assertThat(report.attestations()).allMatch(SignatureVerifier.Found::verified);
      KeySigner stranger = SigningKeys.read(OpenSsl.newKey(Files.createDirectories(tmp.resolve("stranger"))),
          Optional::empty);
      assertThat(verifier.verify(name, image.digest(), List.of(stranger.publicKey())).signed()).isFalse();
    }
  }

  @Test
  void signsTheIndexAndEveryPlatformsImage(RegistryServer registry) throws Exception {
    ImageName name = ImageName.parse(registry.host() + "/signed/multi");
    Path keyDir = Files.createDirectories(tmp.resolve("key"));
    KeySigner signer = SigningKeys.read(OpenSsl.newKey(keyDir), Optional::empty);
    try (Registries registries = new Registries(BuildListener.SILENT, CredentialSource.ANONYMOUS, false)) {
      Image amd64 = TestImages.small(tmp.resolve("amd64"), "multi\n");
      ConfigFile armConfig = new ConfigFile(new Platform("linux", "arm64", "v8"), amd64.config().created(),
          amd64.config().config(), List.of(), amd64.config().history());
      Image arm64 = Image.of(armConfig, amd64.layers(), Map.of());
      ImageIndex index = ImageIndex.of(List.of(amd64, arm64), Map.of());
      BuiltImages built = new BuiltImages(List.of(
          new BuiltImage(amd64, new ResolvedImage(amd64, "base:1", amd64.digest()), "acme.Main", List.of(), Map.of()),
          new BuiltImage(arm64, new ResolvedImage(arm64, "base:1", arm64.digest()), "acme.Main", List.of(), Map.of())),
          Optional.of(index));
      new RegistrySink(registries, BuildListener.SILENT).push(index, name, List.of("1.0"));
      ProvenanceFacts facts = new ProvenanceFacts("acme", "app", "1.0", null, null, Map.of(), "builder-maven-plugin",
          "0.1", null, "17", Map.of(), Map.of());
      new PushSigning(registries, BuildListener.SILENT).afterPush(name, List.of("1.0"), built, Optional.of(signer),
          Optional.of(facts), List.of());

      // requireSignedBase accepts an image whose index (what its tag names) is signed, and refuses other keys
      new SignedBase(registries).require(name.withTag("1.0").toString(), arm64.digest(),
          List.of(signer.publicKey()));
      KeySigner stranger = SigningKeys.read(OpenSsl.newKey(Files.createDirectories(tmp.resolve("stranger"))),
          Optional::empty);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SignedBase(registries).require(
          name.withTag("1.0").toString(), arm64.digest(), List.of(stranger.publicKey())))
          .isInstanceOf(dev.builder.core.BuilderException.class)
          .hasMessageContaining("has no signature that a key in the baseKeys setting verifies");

      SignatureVerifier verifier = new SignatureVerifier(registries);
      for (Digest digest : List.of(index.digest(), amd64.digest(), arm64.digest())) {
        SignatureVerifier.Report report = verifier.verify(name, digest, List.of(signer.publicKey()));
        assertThat(report.signed()).as("signed: %s", digest).isTrue();
        assertThat(report.attestations()).as("provenance of %s", digest).singleElement()
            .satisfies(a -> assertThat(a.verified()).isTrue());
      }
    }
  }

  @Test
  void withoutAKeyTheProvenanceIsAnUnsignedReferrer(RegistryServer registry) throws Exception {
    ImageName name = ImageName.parse(registry.host() + "/unsigned/app");
    try (Registries registries = new Registries(BuildListener.SILENT, CredentialSource.ANONYMOUS, false)) {
      Image image = TestImages.small(tmp, "unsigned\n");
      BuiltImages built = BuiltImages.single(new BuiltImage(image,
          new ResolvedImage(image, "base:1", image.digest()), "acme.Main", List.of(), Map.of()));
      new RegistrySink(registries, BuildListener.SILENT).push(image, name, List.of("1.0"));
      ProvenanceFacts facts = new ProvenanceFacts("acme", "app", "1.0", null, null, Map.of(), "builder-maven-plugin",
          "0.1", null, "17", Map.of(), Map.of());
      new PushSigning(registries, BuildListener.SILENT).afterPush(name, List.of("1.0"), built, Optional.empty(),
          Optional.of(facts), List.of());

      RepositoryClient client = registries.forPull(name);
      assertThat(client.findManifest("sha256-" + image.digest().hex() + ".sig")).isEmpty();
      assertThat(client.findManifest("sha256-" + image.digest().hex() + ".att")).isEmpty();
      Index referrers = Index.parse(client.pullManifest("sha256-" + image.digest().hex()).bytes(), "referrers");
      assertThat(referrers.manifests()).extracting(d -> d.artifactType()).containsExactly(Dsse.IN_TOTO);
      JsonNode referrer = Json.parse(client.pullManifest(referrers.manifests().get(0).digest().toString()).bytes(),
          "referrer");
      JsonNode statement = Json.parse(blob(client, referrer.at("/layers/0/digest").asText()), "statement");
      assertThat(statement.get("_type").asText()).isEqualTo("https://in-toto.io/Statement/v1");
      assertThat(statement.at("/predicate/runDetails/builder/id").asText()).isEqualTo(CiRun.LOCAL);
    }
  }

  private static byte[] blob(RepositoryClient client, String digest) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    client.pullBlob(Digest.parse(digest), out);
    return out.toByteArray();
  }
}
