package dev.builder.core.signing;

import dev.builder.testing.OpenSsl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.builder.core.BuilderException;
import dev.builder.core.ExternalTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading signing keys that openssl and cosign write, and the errors for those builder cannot use. */
@Tag("openssl")
class SigningKeysTest {
  private static final SigningKeys.Password NONE = Optional::empty;
  private static final String TEST_PASSWORD = "builder-test-password";

  @TempDir Path tmp;

  @Test
  void signsWithAnOpensslKeyWhatOpensslVerifies() throws Exception {
    Path key = OpenSsl.newKey(tmp);
    KeySigner signer = SigningKeys.read(key, NONE);
    byte[] data = "{\"critical\":{}}".getBytes(StandardCharsets.UTF_8);
    byte[] signature = signer.sign(data);
    assertThat(OpenSsl.verifies(tmp.resolve("pub.pem"), data, signature, tmp)).isTrue();
    assertThat(OpenSsl.verifies(tmp.resolve("pub.pem"), "{\"critical\":{ }}".getBytes(StandardCharsets.UTF_8),
        signature, tmp)).as("a changed payload").isFalse();
    assertThat(PublicKeys.read(tmp.resolve("pub.pem"))).isEqualTo(signer.publicKey());
    assertThat(signer.toString()).doesNotContain(Files.readString(key).lines().skip(1).findFirst().orElseThrow());
  }

  @Test
  void readsSec1KeysAsOpensslEcparamWritesThem() throws Exception {
    Path key = tmp.resolve("sec1.pem");
    ExternalTools.run("openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", key.toString());
    ExternalTools.run("openssl", "ec", "-in", key.toString(), "-pubout", "-out", tmp.resolve("pub.pem").toString());
    byte[] data = "payload".getBytes(StandardCharsets.UTF_8);
    assertThat(OpenSsl.verifies(tmp.resolve("pub.pem"), data, SigningKeys.read(key, NONE).sign(data), tmp)).isTrue();
  }

  @Test
  void opensCosignsEncryptedKeyWithItsPassword() throws Exception {
    // sealed as cosign generate-key-pair seals (scrypt N=32768, r=8, p=1; nacl/secretbox) by Python's hashlib and
    // PyNaCl, not by builder's code
    Path key = copy("cosign.key");
    KeySigner signer = SigningKeys.read(key, () -> Optional.of(new SigningKeys.Password.Named(TEST_PASSWORD,
        "BUILDER_SIGNING_PASSWORD")));
    byte[] data = "payload".getBytes(StandardCharsets.UTF_8);
    assertThat(OpenSsl.verifies(copy("cosign.pub"), data, signer.sign(data), tmp)).isTrue();
  }

  @Test
  void aWrongPasswordNamesWhereItCameFromNotWhatItIs() throws Exception {
    Path key = copy("cosign.key");
    assertThatThrownBy(() -> SigningKeys.read(key, () -> Optional.of(new SigningKeys.Password.Named("hunter2-wrong",
        "COSIGN_PASSWORD"))))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining(key.toString()).hasMessageContaining("password from COSIGN_PASSWORD")
        .hasMessageContaining("wrong").hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> SigningKeys.read(key, NONE)).isInstanceOf(BuilderException.class)
        .hasMessageContaining("BUILDER_SIGNING_PASSWORD").hasMessageContaining("builder-signing");
  }

  @Test
  void filesThatAreNoUsableKeyFailWithoutShowingTheirContent() throws Exception {
    Path missing = tmp.resolve("missing.pem");
    assertThatThrownBy(() -> SigningKeys.read(missing, NONE)).isInstanceOf(BuilderException.class)
        .hasMessageContaining("cannot read the signing key " + missing);
    Path text = Files.writeString(tmp.resolve("notes.txt"), "secret-looking text\n");
    assertThatThrownBy(() -> SigningKeys.read(text, NONE)).isInstanceOf(BuilderException.class)
        .hasMessageContaining("is not a PEM private key").hasMessageNotContaining("secret-looking");
    Path rsa = tmp.resolve("rsa.pem");
    ExternalTools.run("openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out",
        rsa.toString());
    assertThatThrownBy(() -> SigningKeys.read(rsa, NONE)).isInstanceOf(BuilderException.class)
        .hasMessageContaining("is not an EC private key");
    Path p384 = tmp.resolve("p384.pem");
    ExternalTools.run("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out",
        p384.toString());
    assertThatThrownBy(() -> SigningKeys.read(p384, NONE)).isInstanceOf(BuilderException.class)
        .hasMessageContaining("P-256");
  }

  private Path copy(String resource) throws Exception {
    try (var in = getClass().getResourceAsStream("/signing/" + resource)) {
      Path file = tmp.resolve(resource);
      Files.copy(in, file);
      return file;
    }
  }
}
