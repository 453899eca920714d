package dev.builder.core.signing;

import dev.builder.core.BuilderException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;

/** Public keys as cosign writes them ({@code cosign.pub}, PEM {@code PUBLIC KEY}), and checking signatures. */
public final class PublicKeys {
  private PublicKeys() {}

  public static PublicKey read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new BuilderException("cannot read the public key " + file + ": " + e.getMessage()
          + "; name a PEM public key file such as the cosign.pub that cosign generate-key-pair writes");
    }
    byte[] der = Pem.body(text, "PUBLIC KEY").orElseThrow(() -> new BuilderException("the public key " + file
        + " holds no PEM block 'PUBLIC KEY'; write it with openssl pkey -pubout or cosign generate-key-pair"));
    try {
      return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new BuilderException("the public key " + file + " is not an EC public key: " + e.getMessage());
    }
  }

  /** True when {@code signature} (DER ECDSA over SHA-256) is {@code key}'s signature of {@code data}. */
  public static boolean verifies(PublicKey key, byte[] data, byte[] signature) {
    try {
      Signature check = Signature.getInstance("SHA256withECDSA");
      check.initVerify(key);
      check.update(data);
      return check.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false; // a malformed signature is one that does not verify
    }
  }

  /** The first 16 hex digits of the SHA-256 of the key's SubjectPublicKeyInfo: enough to tell keys apart in logs. */
  public static String fingerprint(PublicKey key) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
      return "sha256:" + HexFormat.of().formatHex(hash).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The PEM text of a public key, as {@code openssl pkey -pubout} writes it. */
  public static String pem(PublicKey key) {
    return Pem.encode("PUBLIC KEY", key.getEncoded());
  }
}
