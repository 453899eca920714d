package dev.builder.it;

import dev.builder.testing.OpenSsl;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builder.core.BuildListener;
import dev.builder.core.image.Descriptor;
import dev.builder.core.image.Digest;
import dev.builder.core.image.Index;
import dev.builder.core.image.Json;
import dev.builder.core.image.LayerCompression;
import dev.builder.core.image.Manifest;
import dev.builder.core.registry.CredentialSource;
import dev.builder.core.registry.ImageName;
import dev.builder.core.registry.Registries;
import dev.builder.core.registry.RepositoryClient;
import dev.builder.testing.RegistryExtension;
import dev.builder.testing.RegistryServer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Signed pushes, checked as cosign would check them but by an independent implementation: openssl verifies the
 * signatures over the exact payload and DSSE bytes read back from the registry, and rejects a tampered payload.
 */
@ExtendWith(RegistryExtension.class)
class SigningIT {
  private static final String SIGNATURE = "/annotations/dev.cosignproject.cosign~1signature";
  private static String base;

  @BeforeAll
  static void pushBase(RegistryServer registry) throws Exception {
    base = Fixtures.pushBase(registry);
  }

  @Test
  void signedPushVerifiesWithOpensslAndItsProvenanceListsTheImagesJars(RegistryServer registry) throws Exception {
    Path project = Maven.sample("spring-boot-web", "signing-key");
    Path keys = Files.createDirectories(project.resolveSibling("signing-key-keys"));
    Path key = keys.resolve("key.pem");
    Images.tool("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out",
        key.toString());
    Path pub = keys.resolve("pub.pem");
    Images.tool("openssl", "pkey", "-in", key.toString(), "-pubout", "-out", pub.toString());
    Maven maven = new Maven(project.getParent());
    String[] push = {"package", "builder:push", "-Dbuilder.repository=" + registry.host() + "/apps",
        "-Dbuilder.from=" + base, "-Dbuilder.signingKey=" + key};
    Maven.Result first = maven.run(project, push).succeeded();
    Digest image = Digest.parse(Images.imageJson(project).get("digest").asText());
    String keyLine = Files.readAllLines(key).get(1);
    assertThat(first.output()).contains("signed " + registry.host() + "/apps/spring-boot-web@" + image)
        .doesNotContain(keyLine);

    ImageName repository = ImageName.parse(registry.host() + "/apps/spring-boot-web");
    try (Registries registries = new Registries(BuildListener.SILENT, CredentialSource.ANONYMOUS, false)) {
      RepositoryClient client = registries.forPull(repository);

      // the signature, as cosign verify --key reads it
      JsonNode sig = Json.parse(client.pullManifest("sha256-" + image.hex() + ".sig").bytes(), "sig");
      assertThat(sig.get("layers")).hasSize(1);
      JsonNode sigLayer = sig.get("layers").get(0);
      assertThat(sigLayer.get("mediaType").asText()).isEqualTo("application/vnd.dev.cosign.simplesigning.v1+json");
      byte[] payload = blob(client, sigLayer.get("digest").asText());
      byte[] signature = Base64.getDecoder().decode(sigLayer.at(SIGNATURE).asText());
      JsonNode simple = Json.parse(payload, "payload");
      assertThat(simple.at("/critical/image/docker-manifest-digest").asText()).isEqualTo(image.toString());
      assertThat(simple.at("/critical/identity/docker-reference").asText()).isEqualTo(repository.repositoryName());
      assertThat(simple.at("/critical/type").asText()).isEqualTo("cosign container image signature");
      assertThat(OpenSsl.verifies(pub, payload, signature, keys)).isTrue();
      byte[] tampered = new String(payload, StandardCharsets.UTF_8).replace(image.hex(),
          Digest.of(new byte[1]).hex()).getBytes(StandardCharsets.UTF_8);
      assertThat(OpenSsl.verifies(pub, tampered, signature, keys)).as("a tampered payload").isFalse();

      // the attestations, as cosign verify-attestation reads them: provenance first, then the SBOM
      JsonNode att = Json.parse(client.pullManifest("sha256-" + image.hex() + ".att").bytes(), "att");
      assertThat(att.get("layers")).hasSize(2);
      assertThat(att.get("layers").findValuesAsText("mediaType"))
          .containsOnly("application/vnd.dsse.envelope.v1+json");
      assertThat(List.of(att.at("/layers/0/annotations/predicateType").asText(),
          att.at("/layers/1/annotations/predicateType").asText()))
          .containsExactly("https://slsa.dev/provenance/v1", "https://spdx.dev/Document");
      JsonNode envelope = Json.parse(blob(client, att.at("/layers/0/digest").asText()), "envelope");
      assertThat(envelope.get("payloadType").asText()).isEqualTo("application/vnd.in-toto+json");
      byte[] statementBytes = Base64.getDecoder().decode(envelope.get("payload").asText());
      byte[] dsseSignature = Base64.getDecoder().decode(envelope.at("/signatures/0/sig").asText());
      assertThat(OpenSsl.verifies(pub, pae(statementBytes), dsseSignature, keys)).isTrue();
      assertThat(OpenSsl.verifies(pub, pae((new String(statementBytes, StandardCharsets.UTF_8) + " ")
          .getBytes(StandardCharsets.UTF_8)), dsseSignature, keys)).as("a tampered statement").isFalse();

      JsonNode statement = Json.parse(statementBytes, "statement");
      assertThat(statement.get("_type").asText()).isEqualTo("https://in-toto.io/Statement/v1");
      assertThat(statement.at("/subject/0/name").asText()).isEqualTo(repository.repositoryName());
      assertThat(statement.at("/subject/0/digest/sha256").asText()).isEqualTo(image.hex());
      JsonNode definition = statement.at("/predicate/buildDefinition");
      assertThat(definition.get("buildType").asText()).isEqualTo("https://builder.dev/provenance/maven-image/v1");
      assertThat(definition.at("/externalParameters/project/artifactId").asText()).isEqualTo("spring-boot-web");
      assertThat(definition.at("/internalParameters/javaVersion").asText()).isNotEmpty();
      assertThat(definition.at("/internalParameters/mavenVersion").asText()).isNotEmpty();
      Map<String, String> statedJars = new TreeMap<>();
      boolean baseListed = false;
      for (JsonNode dependency : definition.get("resolvedDependencies")) {
        String name = dependency.path("name").asText();
        if (name.endsWith(".jar")) {
          assertThat(dependency.get("uri").asText()).startsWith("pkg:maven/");
          statedJars.put(name, dependency.at("/digest/sha256").asText());
        }
        baseListed |= dependency.at("/digest/sha256").asText().equals(Fixtures.digestOf(base).substring(7));
      }
      assertThat(baseListed).as("the base image with its digest").isTrue();
      // the application's jars; the base's own (such as the JDK's jrt-fs.jar) are covered by the base's digest
      Map<String, String> imageJars = new TreeMap<>(jarsInImage(client, image));
      imageJars.keySet().removeIf(path -> !path.startsWith("/app/"));
      assertThat(imageJars).hasSizeGreaterThan(20);
      assertThat(statedJars).isEqualTo(imageJars);

      JsonNode sbomEnvelope = Json.parse(blob(client, att.at("/layers/1/digest").asText()), "sbom envelope");
      byte[] sbomStatement = Base64.getDecoder().decode(sbomEnvelope.get("payload").asText());
      assertThat(OpenSsl.verifies(pub, pae(sbomStatement), Base64.getDecoder().decode(
          sbomEnvelope.at("/signatures/0/sig").asText()), keys)).isTrue();
      assertThat(Json.parse(sbomStatement, "sbom").at("/predicate/spdxVersion").asText()).isEqualTo("SPDX-2.3");

      Index referrers = Index.parse(client.pullManifest("sha256-" + image.hex()).bytes(), "referrers");
      assertThat(referrers.manifests()).extracting(Descriptor::artifactType).containsExactlyInAnyOrder(
          "application/spdx+json", "application/vnd.dev.cosign.artifact.sig.v1+json",
          "application/vnd.dsse.envelope.v1+json", "application/vnd.dsse.envelope.v1+json");

      // the same key again: the digest is the same and nothing is added
      Maven.Result again = maven.run(project, push).succeeded();
      assertThat(Images.imageJson(project).get("digest").asText()).isEqualTo(image.toString());
      assertThat(again.output()).contains("already signed");
      assertThat(Json.parse(client.pullManifest("sha256-" + image.hex() + ".sig").bytes(), "sig").get("layers"))
          .hasSize(1);
      assertThat(Json.parse(client.pullManifest("sha256-" + image.hex() + ".att").bytes(), "att").get("layers"))
          .hasSize(2);
    }

    // builder:verify checks this module's last push against the public key, and fails with another one
    Maven.Result verified = maven.run(project, "builder:verify", "-Dbuilder.verifyKeys=" + pub).succeeded();
    assertThat(verified.output()).contains("signature: verified with key sha256:")
        .contains("attestation https://slsa.dev/provenance/v1: verified with key")
        .contains("attestation https://spdx.dev/Document: verified with key");
    Path stranger = copyResource("cosign.pub", keys);
    Maven.Result refused = maven.run(project, "builder:verify", "-Dbuilder.verifyKeys=" + stranger).failed();
    assertThat(refused.output()).contains("is not signed by any of the keys " + stranger);
  }

  @Test
  void cosignKeyOpensWithItsPasswordFromSettingsAndAWrongOneFailsBeforeAnyPush(RegistryServer registry)
      throws Exception {
    Path project = Maven.sample("hello-http", "signing-cosign-key");
    Path keys = Files.createDirectories(project.resolveSibling("signing-cosign-keys"));
    Path key = copyResource("cosign.key", keys);
    Path pub = copyResource("cosign.pub", keys);
    String[] push = {"package", "builder:push", "-Dbuilder.repository=" + registry.host() + "/signed",
        "-Dbuilder.from=" + base, "-Dbuilder.signingKey=" + key};
    ImageName repository = ImageName.parse(registry.host() + "/signed/hello-http");

    Maven.Result wrong = new Maven(project.getParent()).run(project,
        Map.of("BUILDER_SIGNING_PASSWORD", "not-the-password-4711"), push).failed();
    assertThat(wrong.output()).contains("the signing key " + key + " does not open with the password from"
        + " BUILDER_SIGNING_PASSWORD").doesNotContain("not-the-password-4711");
    try (Registries registries = new Registries(BuildListener.SILENT, CredentialSource.ANONYMOUS, false)) {
      assertThat(registries.forPull(repository).findManifest("latest")).as("nothing pushed").isEmpty();
    }

    Maven.Result signed = new Maven(project.getParent())
        .withServers("<server><id>builder-signing</id><password>builder-test-password</password></server>")
        .run(project, push).succeeded();
    assertThat(signed.output()).doesNotContain("builder-test-password");
    Digest image = Digest.parse(Images.imageJson(project).get("digest").asText());
    try (Registries registries = new Registries(BuildListener.SILENT, CredentialSource.ANONYMOUS, false)) {
      RepositoryClient client = registries.forPull(repository);
      JsonNode sig = Json.parse(client.pullManifest("sha256-" + image.hex() + ".sig").bytes(), "sig");
      byte[] payload = blob(client, sig.at("/layers/0/digest").asText());
      assertThat(OpenSsl.verifies(pub, payload, Base64.getDecoder().decode(sig.at("/layers/0" + SIGNATURE).asText()),
          keys)).isTrue();
    }
  }

  @Test
  void withoutAKeyTheProvenanceIsAnUnsignedReferrerAndNoneSwitchesItOff(RegistryServer registry) throws Exception {
    Path project = Maven.sample("hello-http", "signing-none");
    Maven maven = new Maven(project.getParent());
    maven.run(project, "package", "builder:push", "-Dbuilder.repository=" + registry.host() + "/unsigned",
        "-Dbuilder.from=" + base, "-Dbuilder.sbom=none").succeeded();
    Digest image = Digest.parse(Images.imageJson(project).get("digest").asText());
    ImageName repository = ImageName.parse(registry.host() + "/unsigned/hello-http");
    try (Registries registries = new Registries(BuildListener.SILENT, CredentialSource.ANONYMOUS, false)) {
      RepositoryClient client = registries.forPull(repository);
      assertThat(client.findManifest("sha256-" + image.hex() + ".sig")).isEmpty();
      Index referrers = Index.parse(client.pullManifest("sha256-" + image.hex()).bytes(), "referrers");
      assertThat(referrers.manifests()).extracting(Descriptor::artifactType)
          .containsExactly("application/vnd.in-toto+json");
      JsonNode referrer = Json.parse(client.pullManifest(referrers.manifests().get(0).digest().toString()).bytes(),
          "referrer");
      JsonNode statement = Json.parse(blob(client, referrer.at("/layers/0/digest").asText()), "statement");
      assertThat(statement.get("predicateType").asText()).isEqualTo("https://slsa.dev/provenance/v1");
    }

    Path off = Maven.sample("hello-http", "signing-off");
    maven.run(off, "package", "builder:push", "-Dbuilder.repository=" + registry.host() + "/off",
        "-Dbuilder.from=" + base, "-Dbuilder.sbom=none", "-Dbuilder.provenance=none").succeeded();
    Digest offImage = Digest.parse(Images.imageJson(off).get("digest").asText());
    try (Registries registries = new Registries(BuildListener.SILENT, CredentialSource.ANONYMOUS, false)) {
      assertThat(registries.forPull(ImageName.parse(registry.host() + "/off/hello-http"))
          .findManifest("sha256-" + offImage.hex())).as("no referrers at all").isEmpty();
    }
  }

  /** Every jar in the image's layers, by its path, with the SHA-256 of its bytes. */
  private static Map<String, String> jarsInImage(RepositoryClient client, Digest image) throws Exception {
    Manifest manifest = Manifest.parse(client.pullManifest(image.toString()).bytes(), "image");
    Map<String, String> jars = new TreeMap<>();
    for (Descriptor layer : manifest.layers()) {
      ByteArrayOutputStream compressed = new ByteArrayOutputStream();
      client.pullBlob(layer.digest(), compressed);
      try (InputStream in = LayerCompression.ofMediaType(layer.mediaType())
              .decompress(new java.io.ByteArrayInputStream(compressed.toByteArray()));
          TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
        for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
          if (entry.isFile() && entry.getName().endsWith(".jar")) {
            String path = "/" + entry.getName().replaceFirst("^\\./", "").replaceFirst("^/", "");
            jars.put(path, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(tar.readAllBytes())));
          }
        }
      }
    }
    return jars;
  }

  private static byte[] pae(byte[] statement) {
    byte[] head = ("DSSEv1 28 application/vnd.in-toto+json " + statement.length + " ")
        .getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[head.length + statement.length];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(statement, 0, out, head.length, statement.length);
    return out;
  }


  private static byte[] blob(RepositoryClient client, String digest) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    client.pullBlob(Digest.parse(digest), out);
    return out.toByteArray();
  }

  private static Path copyResource(String name, Path dir) throws Exception {
    try (InputStream in = SigningIT.class.getResourceAsStream("/signing/" + name)) {
      Path file = dir.resolve(name);
      Files.deleteIfExists(file);
      Files.copy(in, file);
      return file;
    }
  }
}
