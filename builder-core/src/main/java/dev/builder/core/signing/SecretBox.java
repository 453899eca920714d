package dev.builder.core.signing;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;

/**
 * NaCl's secretbox (XSalsa20 and Poly1305), which cosign's encrypted keys are sealed with: a box is the 16-byte
 * Poly1305 tag followed by the ciphertext.
 */
final class SecretBox {
  private static final BigInteger P = BigInteger.ONE.shiftLeft(130).subtract(BigInteger.valueOf(5));
  private static final BigInteger CLAMP = new BigInteger("0ffffffc0ffffffc0ffffffc0fffffff", 16);

  private SecretBox() {}

  static byte[] seal(byte[] message, byte[] nonce, byte[] key) {
    byte[] stream = Salsa20.xsalsa20Stream(key, nonce, 32 + message.length);
    byte[] box = new byte[16 + message.length];
    for (int i = 0; i < message.length; i++) {
      box[16 + i] = (byte) (message[i] ^ stream[32 + i]);
    }
    byte[] tag = poly1305(Arrays.copyOf(stream, 32), Arrays.copyOfRange(box, 16, box.length));
    System.arraycopy(tag, 0, box, 0, 16);
    return box;
  }

  /** The message, or empty when the box was not sealed with this key and nonce (or was changed since). */
  static Optional<byte[]> open(byte[] box, byte[] nonce, byte[] key) {
    if (box.length < 16) {
      return Optional.empty();
    }
    byte[] stream = Salsa20.xsalsa20Stream(key, nonce, 32 + box.length - 16);
    byte[] ciphertext = Arrays.copyOfRange(box, 16, box.length);
    if (!MessageDigest.isEqual(poly1305(Arrays.copyOf(stream, 32), ciphertext), Arrays.copyOf(box, 16))) {
      return Optional.empty();
    }
    byte[] message = new byte[ciphertext.length];
    for (int i = 0; i < message.length; i++) {
      message[i] = (byte) (ciphertext[i] ^ stream[32 + i]);
    }
    return Optional.of(message);
  }

  /** Poly1305 (RFC 8439, section 2.5) with a one-time 32-byte key; big integers keep it short and plainly right. */
  static byte[] poly1305(byte[] key, byte[] message) {
    BigInteger r = littleEndian(Arrays.copyOf(key, 16)).and(CLAMP);
    BigInteger s = littleEndian(Arrays.copyOfRange(key, 16, 32));
    BigInteger accumulator = BigInteger.ZERO;
    for (int i = 0; i < message.length; i += 16) {
      byte[] block = Arrays.copyOfRange(message, i, Math.min(i + 16, message.length));
      BigInteger n = littleEndian(block).setBit(8 * block.length);
      accumulator = accumulator.add(n).multiply(r).mod(P);
    }
    byte[] sum = accumulator.add(s).toByteArray();
    byte[] tag = new byte[16];
    for (int i = 0; i < 16 && i < sum.length; i++) {
      tag[i] = sum[sum.length - 1 - i];
    }
    return tag;
  }

  private static BigInteger littleEndian(byte[] bytes) {
    byte[] big = new byte[bytes.length + 1];
    for (int i = 0; i < bytes.length; i++) {
      big[bytes.length - i] = bytes[i];
    }
    return new BigInteger(big);
  }
}
