package dev.builder.core.signing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builder.core.BuilderException;
import dev.builder.core.image.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Reads a private signing key: PEM PKCS#8 ({@code PRIVATE KEY}, as {@code openssl genpkey} writes it), SEC1
 * ({@code EC PRIVATE KEY}), or the password-sealed key that {@code cosign generate-key-pair} writes
 * ({@code ENCRYPTED SIGSTORE PRIVATE KEY}, formerly {@code ENCRYPTED COSIGN PRIVATE KEY}: JSON naming scrypt's
 * parameters and salt and secretbox's nonce, around a sealed PKCS#8 key). Messages name the file and never its
 * content or the password.
 */
public final class SigningKeys {
  private static final List<String> ENCRYPTED = List.of("ENCRYPTED SIGSTORE PRIVATE KEY",
      "ENCRYPTED COSIGN PRIVATE KEY");
  /** SubjectPublicKeyInfo of a P-256 key, up to the 65-byte uncompressed point. */
  private static final byte[] P256_SPKI_PREFIX =
      HexFormat.of().parseHex("3059301306072a8648ce3d020106082a8648ce3d030107034200");
  /** PrivateKeyInfo of a P-256 key, up to the SEC1 ECPrivateKey (whose length is appended). */
  private static final byte[] P256_PKCS8_PREFIX =
      HexFormat.of().parseHex("020100301306072a8648ce3d020106082a8648ce3d030107");

  private SigningKeys() {}

  /** Where the password of an encrypted key comes from; asked only for an encrypted key. */
  public interface Password {
    /** The password and a name of where it came from (for messages), or empty when none is set. */
    Optional<Named> get();

    record Named(String value, String source) {
      @Override
      public String toString() {
        return "password from " + source; // never the value
      }
    }
  }

  public static KeySigner read(Path file, Password password) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new BuilderException("cannot read the signing key " + file + " (" + e.getClass().getSimpleName()
          + "); set builder.signingKey to a PEM private key file");
    } catch (RuntimeException e) {
      throw notPem(file);
    }
    String type = Pem.firstType(text).orElseThrow(() -> notPem(file));
    byte[] der = Pem.body(text, type).orElseThrow(() -> notPem(file));
    try {
      if (ENCRYPTED.contains(type)) {
        Password.Named named = password.get().orElseThrow(() -> new BuilderException("the signing key " + file
            + " is encrypted and no password is set: set the environment variable BUILDER_SIGNING_PASSWORD (or"
            + " COSIGN_PASSWORD), or a <server> with the id builder-signing and the password in settings.xml"));
        return fromPkcs8(file, decrypt(file, der, named));
      }
      if (type.equals("PRIVATE KEY")) {
        return fromPkcs8(file, der);
      }
      if (type.equals("EC PRIVATE KEY")) {
        return fromPkcs8(file, sec1ToPkcs8(der));
      }
    } finally {
      Arrays.fill(der, (byte) 0);
    }
    throw new BuilderException("the signing key " + file + " is a PEM '" + type + "', which builder does not read:"
        + " give a PKCS#8 EC P-256 key (openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256) or a key"
        + " from cosign generate-key-pair");
  }

  private static BuilderException notPem(Path file) {
    return new BuilderException("the signing key " + file + " is not a PEM private key: give a PKCS#8 EC P-256 key"
        + " (openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256) or a key from cosign generate-key-pair");
  }

  /** Opens cosign's sealed key: scrypt turns the password into a secretbox key. */
  private static byte[] decrypt(Path file, byte[] json, Password.Named password) {
    JsonNode node;
    try {
      node = Json.tree(json);
    } catch (IOException e) {
      throw unreadable(file, "its content is not the JSON cosign writes");
    }
    JsonNode kdf = node.path("kdf");
    JsonNode params = kdf.path("params");
    JsonNode cipher = node.path("cipher");
    if (!"scrypt".equals(kdf.path("name").asText()) || !"nacl/secretbox".equals(cipher.path("name").asText())) {
      throw unreadable(file, "it is sealed with " + kdf.path("name").asText("?") + " and "
          + cipher.path("name").asText("?") + ", and builder opens scrypt and nacl/secretbox, as cosign writes");
    }
    byte[] salt = base64(file, kdf, "salt");
    byte[] nonce = base64(file, cipher, "nonce");
    byte[] sealed = base64(file, node, "ciphertext");
    int n = params.path("N").asInt();
    int r = params.path("r").asInt();
    int p = params.path("p").asInt();
    if (nonce.length != 24 || n < 2 || n > 1 << 20 || r < 1 || r > 32 || p < 1 || p > 16) {
      throw unreadable(file, "its scrypt parameters or nonce are out of range");
    }
    byte[] key;
    try {
      key = Scrypt.derive(password.value().getBytes(StandardCharsets.UTF_8), salt, n, r, p, 32);
    } catch (IllegalArgumentException e) {
      throw unreadable(file, "its scrypt parameters are out of range");
    }
    try {
      return SecretBox.open(sealed, nonce, key).orElseThrow(() -> new BuilderException("the signing key " + file
          + " does not open with the " + password + ": the password is wrong or the file was changed"));
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  private static byte[] base64(Path file, JsonNode node, String field) {
    try {
      return Base64.getDecoder().decode(node.path(field).asText(""));
    } catch (IllegalArgumentException e) {
      throw unreadable(file, "its " + field + " is not base64");
    }
  }

  private static BuilderException unreadable(Path file, String why) {
    return new BuilderException("the signing key " + file + " cannot be opened: " + why);
  }

  private static KeySigner fromPkcs8(Path file, byte[] pkcs8) {
    Optional<byte[]> point = Der.ecPublicPoint(pkcs8);
    PrivateKey privateKey;
    try {
      privateKey = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException e) {
      throw new BuilderException("the signing key " + file + " is not an EC private key: builder signs with ECDSA"
          + " P-256 keys, as cosign generate-key-pair and openssl genpkey -algorithm EC -pkeyopt"
          + " ec_paramgen_curve:P-256 write them");
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
    if (((ECPrivateKey) privateKey).getParams().getCurve().getField().getFieldSize() != 256) {
      throw new BuilderException("the signing key " + file + " is an EC key on another curve than P-256: make one"
          + " with openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256");
    }
    KeySigner signer = new KeySigner(privateKey, publicKey(file, point));
    byte[] probe = "builder".getBytes(StandardCharsets.US_ASCII);
    if (!PublicKeys.verifies(signer.publicKey(), probe, signer.sign(probe))) {
      throw new BuilderException("the signing key " + file + " holds a public key that is not its own: the file was"
          + " changed; make the key again");
    }
    return signer;
  }

  /**
   * The public key that the private key's encoding carries (openssl, cosign and Go all write it): the JDK cannot
   * compute it from the private scalar without elliptic curve arithmetic of our own.
   */
  private static PublicKey publicKey(Path file, Optional<byte[]> encoded) {
    byte[] point = encoded.orElseThrow(() -> new BuilderException("the signing key "
        + file + " holds no public key: write it again with openssl pkey -in " + file.getFileName() + " -out KEY,"
        + " which adds it"));
    byte[] spki = new byte[P256_SPKI_PREFIX.length + point.length];
    System.arraycopy(P256_SPKI_PREFIX, 0, spki, 0, P256_SPKI_PREFIX.length);
    System.arraycopy(point, 0, spki, P256_SPKI_PREFIX.length, point.length);
    try {
      return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki));
    } catch (GeneralSecurityException e) {
      throw new BuilderException("the signing key " + file + " holds a public key that is not a P-256 point");
    }
  }

  /** Wraps a SEC1 ECPrivateKey (which names its curve) into PKCS#8 for P-256, the one curve builder signs with. */
  private static byte[] sec1ToPkcs8(byte[] sec1) {
    byte[] octets = Der.encode(0x04, sec1);
    byte[] inner = new byte[P256_PKCS8_PREFIX.length + octets.length];
    System.arraycopy(P256_PKCS8_PREFIX, 0, inner, 0, P256_PKCS8_PREFIX.length);
    System.arraycopy(octets, 0, inner, P256_PKCS8_PREFIX.length, octets.length);
    return Der.encode(0x30, inner);
  }
}
