package dev.builder.core.signing;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * scrypt (RFC 7914), the password hash that cosign's encrypted keys use. The JDK has none, and BouncyCastle would
 * add megabytes to the plugin jar for these few lines.
 */
final class Scrypt {
  private Scrypt() {}

  static byte[] derive(byte[] password, byte[] salt, int n, int r, int p, int length) {
    if (n < 2 || (n & (n - 1)) != 0 || r < 1 || p < 1 || (long) r * p >= 1 << 30 || (long) n * r > 1 << 24) {
      throw new IllegalArgumentException("scrypt parameters N=" + n + " r=" + r + " p=" + p + " are out of range");
    }
    byte[] b = pbkdf2(password, salt, p * 128 * r);
    int[] x = new int[32 * r];
    int[] v = new int[32 * r * n];
    int[] t = new int[32 * r];
    for (int i = 0; i < p; i++) {
      romix(b, i * 128 * r, r, n, x, v, t);
    }
    return pbkdf2(password, b, length);
  }

  private static void romix(byte[] b, int offset, int r, int n, int[] x, int[] v, int[] t) {
    int words = 32 * r;
    for (int i = 0; i < words; i++) {
      x[i] = littleEndian(b, offset + 4 * i);
    }
    for (int i = 0; i < n; i++) {
      System.arraycopy(x, 0, v, i * words, words);
      blockMix(x, t, r);
    }
    for (int i = 0; i < n; i++) {
      int j = x[(2 * r - 1) * 16] & (n - 1);
      for (int k = 0; k < words; k++) {
        x[k] ^= v[j * words + k];
      }
      blockMix(x, t, r);
    }
    for (int i = 0; i < words; i++) {
      int w = x[i];
      b[offset + 4 * i] = (byte) w;
      b[offset + 4 * i + 1] = (byte) (w >>> 8);
      b[offset + 4 * i + 2] = (byte) (w >>> 16);
      b[offset + 4 * i + 3] = (byte) (w >>> 24);
    }
  }

  /** scryptBlockMix: the even blocks go to the first half, the odd ones to the second. */
  private static void blockMix(int[] b, int[] y, int r) {
    int[] x = new int[16];
    System.arraycopy(b, (2 * r - 1) * 16, x, 0, 16);
    for (int i = 0; i < 2 * r; i++) {
      for (int k = 0; k < 16; k++) {
        x[k] ^= b[i * 16 + k];
      }
      Salsa20.core(x, x, 8);
      int to = (i % 2 == 0 ? i / 2 : r + i / 2) * 16;
      System.arraycopy(x, 0, y, to, 16);
    }
    System.arraycopy(y, 0, b, 0, 32 * r);
  }

  private static byte[] pbkdf2(byte[] password, byte[] salt, int length) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      // an empty password is a valid scrypt input but not a valid SecretKeySpec; HMAC pads its key with zeros, so
      // one zero byte is the same key
      mac.init(new SecretKeySpec(password.length == 0 ? new byte[1] : password, "HmacSHA256"));
      byte[] out = new byte[length];
      byte[] block = new byte[salt.length + 4];
      System.arraycopy(salt, 0, block, 0, salt.length);
      for (int i = 1, done = 0; done < length; i++) {
        block[salt.length] = (byte) (i >>> 24);
        block[salt.length + 1] = (byte) (i >>> 16);
        block[salt.length + 2] = (byte) (i >>> 8);
        block[salt.length + 3] = (byte) i;
        byte[] u = mac.doFinal(block); // one iteration: scrypt's PBKDF2 has c = 1
        int take = Math.min(u.length, length - done);
        System.arraycopy(u, 0, out, done, take);
        done += take;
      }
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no HmacSHA256", e);
    }
  }

  static int littleEndian(byte[] b, int i) {
    return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16 | (b[i + 3] & 0xff) << 24;
  }
}
