package dev.builder.maven;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builder.core.BuilderException;
import dev.builder.core.image.Descriptor;
import dev.builder.core.image.Digest;
import dev.builder.core.image.Index;
import dev.builder.core.image.Json;
import dev.builder.core.image.MediaTypes;
import dev.builder.core.registry.ImageName;
import dev.builder.core.registry.Registries;
import dev.builder.core.registry.RepositoryClient.RawManifest;
import dev.builder.core.signing.PublicKeys;
import dev.builder.core.signing.SignatureVerifier;
import dev.builder.core.signing.SignatureVerifier.Found;
import dev.builder.core.signing.SignatureVerifier.Report;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Checks that an image is signed by one of {@code verifyKeys}, as {@code cosign verify --key} does, and lists its
 * attestations: the reference given, else this module's last push ({@code target/builder/image.json}). For an index,
 * the index and every image in it must be signed. Fails when one is not.
 */
@Mojo(name = "verify", threadSafe = true, configurator = SecretMaskingConfigurator.HINT)
public class VerifyMojo extends AbstractBuilderMojo {
  /** The image to check, such as {@code ghcr.io/acme/orders:1.0} or {@code ...@sha256:...}. */
  @Parameter(property = "builder.verify.reference")
  protected String reference;

  /** PEM public keys (such as cosign.pub) of which one must verify the signature. */
  @Parameter(property = "builder.verifyKeys")
  protected List<File> verifyKeys;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (reference == null && skipped()) {
      return;
    }
    run(() -> {
      List<PublicKey> keys = keys();
      ImageName name = ImageName.parse(reference != null ? reference.trim() : lastPush());
      MavenBuildListener listener = new MavenBuildListener(getLog());
      try (Registries registries = requests().registries(listener)) {
        RawManifest top = registries.forPull(name).pullManifest(name.qualifier());
        List<Digest> digests = new ArrayList<>(List.of(top.digest()));
        if (MediaTypes.OCI_INDEX.equals(top.mediaType()) || MediaTypes.DOCKER_MANIFEST_LIST.equals(top.mediaType())) {
          Index.parse(top.bytes(), name.toString()).manifests().stream().map(Descriptor::digest).forEach(digests::add);
        }
        SignatureVerifier verifier = new SignatureVerifier(registries);
        List<String> unsigned = new ArrayList<>();
        for (Digest digest : digests) {
          Report report = verifier.verify(name, digest, keys);
          print(name, report);
          if (!report.signed()) {
            unsigned.add(digest.toString());
          }
        }
        if (!unsigned.isEmpty()) {
          throw new BuilderException(name.repositoryName() + " is not signed by any of the keys " + keyFiles()
              + " at " + String.join(", ", unsigned) + ". Push it with -Dbuilder.signingKey=KEY, or check that"
              + " verifyKeys holds the public key of the key it was signed with");
        }
      }
    });
  }

  private void print(ImageName name, Report report) {
    getLog().info("builder: " + name.repositoryName() + "@" + report.digest() + ":");
    if (report.signatures().isEmpty()) {
      getLog().info("  no signature (no tag sha256-" + report.digest().hex() + ".sig)");
    }
    for (Found s : report.signatures()) {
      getLog().info("  signature: " + line(s));
    }
    for (Found a : report.attestations()) {
      getLog().info("  attestation " + a.what() + ": " + line(a));
    }
  }

  private static String line(Found found) {
    return found.verified() ? "verified with key " + found.key()
        : "does not count: " + found.problem() + (found.key() == null ? "" : " (key " + found.key() + ")");
  }

  private List<PublicKey> keys() {
    if (verifyKeys == null || verifyKeys.isEmpty()) {
      throw new BuilderException("builder:verify needs the public keys to check against: set <verifyKeys> or"
          + " -Dbuilder.verifyKeys=cosign.pub");
    }
    return verifyKeys.stream().map(f -> PublicKeys.read(f.toPath())).toList();
  }

  private String keyFiles() {
    return String.join(", ", verifyKeys.stream().map(File::getPath).toList());
  }

  /** The reference of this module's last push, from image.json. */
  private String lastPush() {
    Path file = workDirectory.toPath().resolve("image.json");
    JsonNode json;
    try {
      json = Json.parse(Files.readAllBytes(file), file.toString());
    } catch (IOException e) {
      throw new BuilderException("no image to verify: " + file + " is missing; run builder:push first, or name the"
          + " image with -Dbuilder.verify.reference=NAME@sha256:...");
    }
    if (!json.path("pushed").asBoolean(false)) {
      throw new BuilderException("the image in " + file + " was built but not pushed; run builder:push first, or name"
          + " the image with -Dbuilder.verify.reference=NAME@sha256:...");
    }
    return json.path("reference").asText();
  }
}
