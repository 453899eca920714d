package dev.builder.core.signing;

/** The Salsa20 core and XSalsa20's key derivation (HSalsa20), shared by scrypt and NaCl's secretbox. */
final class Salsa20 {
  private static final int[] SIGMA = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574}; // "expand 32-byte k"

  private Salsa20() {}

  /** Salsa20/rounds of {@code in}, added to its input, into {@code out} (which may be {@code in}). */
  static void core(int[] in, int[] out, int rounds) {
    int[] x = in.clone();
    rounds(x, rounds);
    for (int i = 0; i < 16; i++) {
      out[i] = x[i] + in[i];
    }
  }

  private static void rounds(int[] x, int rounds) {
    for (int i = 0; i < rounds; i += 2) {
      x[4] ^= Integer.rotateLeft(x[0] + x[12], 7);
      x[8] ^= Integer.rotateLeft(x[4] + x[0], 9);
      x[12] ^= Integer.rotateLeft(x[8] + x[4], 13);
      x[0] ^= Integer.rotateLeft(x[12] + x[8], 18);
      x[9] ^= Integer.rotateLeft(x[5] + x[1], 7);
      x[13] ^= Integer.rotateLeft(x[9] + x[5], 9);
      x[1] ^= Integer.rotateLeft(x[13] + x[9], 13);
      x[5] ^= Integer.rotateLeft(x[1] + x[13], 18);
      x[14] ^= Integer.rotateLeft(x[10] + x[6], 7);
      x[2] ^= Integer.rotateLeft(x[14] + x[10], 9);
      x[6] ^= Integer.rotateLeft(x[2] + x[14], 13);
      x[10] ^= Integer.rotateLeft(x[6] + x[2], 18);
      x[3] ^= Integer.rotateLeft(x[15] + x[11], 7);
      x[7] ^= Integer.rotateLeft(x[3] + x[15], 9);
      x[11] ^= Integer.rotateLeft(x[7] + x[3], 13);
      x[15] ^= Integer.rotateLeft(x[11] + x[7], 18);
      x[1] ^= Integer.rotateLeft(x[0] + x[3], 7);
      x[2] ^= Integer.rotateLeft(x[1] + x[0], 9);
      x[3] ^= Integer.rotateLeft(x[2] + x[1], 13);
      x[0] ^= Integer.rotateLeft(x[3] + x[2], 18);
      x[6] ^= Integer.rotateLeft(x[5] + x[4], 7);
      x[7] ^= Integer.rotateLeft(x[6] + x[5], 9);
      x[4] ^= Integer.rotateLeft(x[7] + x[6], 13);
      x[5] ^= Integer.rotateLeft(x[4] + x[7], 18);
      x[11] ^= Integer.rotateLeft(x[10] + x[9], 7);
      x[8] ^= Integer.rotateLeft(x[11] + x[10], 9);
      x[9] ^= Integer.rotateLeft(x[8] + x[11], 13);
      x[10] ^= Integer.rotateLeft(x[9] + x[8], 18);
      x[12] ^= Integer.rotateLeft(x[15] + x[14], 7);
      x[13] ^= Integer.rotateLeft(x[12] + x[15], 9);
      x[14] ^= Integer.rotateLeft(x[13] + x[12], 13);
      x[15] ^= Integer.rotateLeft(x[14] + x[13], 18);
    }
  }

  /** XSalsa20's key stream of {@code length} bytes for a 32-byte key and a 24-byte nonce. */
  static byte[] xsalsa20Stream(byte[] key, byte[] nonce, int length) {
    // HSalsa20 turns the key and the nonce's first 16 bytes into a subkey; Salsa20 runs on it with the last 8
    int[] h = state(words(key, 0, 8), words(nonce, 0, 4));
    rounds(h, 20);
    int[] subkey = {h[0], h[5], h[10], h[15], h[6], h[7], h[8], h[9]};
    int[] tail = words(nonce, 16, 2);
    byte[] out = new byte[length];
    int[] block = new int[16];
    for (long counter = 0; counter * 64 < length; counter++) {
      int[] input = state(subkey, new int[] {tail[0], tail[1], (int) counter, (int) (counter >>> 32)});
      core(input, block, 20);
      for (int i = 0; i < 64 && counter * 64 + i < length; i++) {
        out[(int) (counter * 64 + i)] = (byte) (block[i / 4] >>> (8 * (i % 4)));
      }
    }
    return out;
  }

  private static int[] state(int[] key, int[] input) {
    return new int[] {SIGMA[0], key[0], key[1], key[2], key[3], SIGMA[1], input[0], input[1], input[2], input[3],
        SIGMA[2], key[4], key[5], key[6], key[7], SIGMA[3]};
  }

  private static int[] words(byte[] bytes, int offset, int count) {
    int[] words = new int[count];
    for (int i = 0; i < count; i++) {
      words[i] = Scrypt.littleEndian(bytes, offset + 4 * i);
    }
    return words;
  }
}
