package dev.builder.core.signing;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/** Signs with a private key held in memory: ECDSA P-256 with SHA-256, the DER signature cosign writes. */
public final class KeySigner implements Signer {
  private final PrivateKey privateKey;
  private final PublicKey publicKey;

  KeySigner(PrivateKey privateKey, PublicKey publicKey) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
  }

  @Override
  public byte[] sign(byte[] data) {
    try {
      Signature signature = Signature.getInstance("SHA256withECDSA");
      signature.initSign(privateKey);
      signature.update(data);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      // the key was checked when it was read: this is the JDK failing, and its message holds no key material
      throw new IllegalStateException("signing failed: " + e.getClass().getSimpleName(), e);
    }
  }

  @Override
  public PublicKey publicKey() {
    return publicKey;
  }

  @Override
  public String toString() {
    return "KeySigner[" + keyName() + "]"; // never the private key
  }
}
