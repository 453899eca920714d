package dev.builder.core.signing;

import java.security.PublicKey;

/**
 * Signs bytes the way cosign does: an ECDSA (or other) signature, DER-encoded, over the SHA-256 of the bytes. One
 * implementation holds a key; a keyless one (a Fulcio certificate for an OIDC identity) can implement this later.
 */
public interface Signer {
  byte[] sign(byte[] data);

  /** The key that verifies this signer's signatures. */
  PublicKey publicKey();

  /** A short, public name of the key for messages: the start of the SHA-256 of its encoded public key. */
  default String keyName() {
    return PublicKeys.fingerprint(publicKey());
  }
}
