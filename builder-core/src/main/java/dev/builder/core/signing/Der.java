package dev.builder.core.signing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The little ASN.1 DER that reading EC keys needs: walking TLVs, and wrapping bytes in one. */
final class Der {
  private Der() {}

  record Tlv(int tag, byte[] content) {}

  /** The TLVs that follow one another in {@code bytes}. */
  static List<Tlv> read(byte[] bytes) {
    List<Tlv> list = new ArrayList<>();
    int i = 0;
    while (i < bytes.length) {
      int tag = bytes[i++] & 0xff;
      int length = bytes[i++] & 0xff;
      if (length > 0x80) {
        int count = length - 0x80;
        length = 0;
        for (int k = 0; k < count; k++) {
          length = (length << 8) | (bytes[i++] & 0xff);
        }
      }
      if (length < 0 || i + length > bytes.length) {
        throw new IllegalArgumentException("truncated DER");
      }
      list.add(new Tlv(tag, Arrays.copyOfRange(bytes, i, i + length)));
      i += length;
    }
    return list;
  }

  /**
   * The uncompressed public point in a PKCS#8 EC key: PrivateKeyInfo's privateKey OCTET STRING holds a SEC1
   * ECPrivateKey, whose optional {@code [1]} holds the point as a BIT STRING.
   */
  static Optional<byte[]> ecPublicPoint(byte[] pkcs8) {
    try {
      List<Tlv> info = read(read(pkcs8).get(0).content());
      Tlv octets = info.stream().filter(t -> t.tag() == 0x04).findFirst().orElseThrow();
      List<Tlv> sec1 = read(read(octets.content()).get(0).content());
      for (Tlv field : sec1) {
        if (field.tag() == 0xa1) {
          byte[] bits = read(field.content()).get(0).content();
          byte[] point = Arrays.copyOfRange(bits, 1, bits.length); // the first byte counts unused bits: 0
          return point.length == 65 && point[0] == 4 ? Optional.of(point) : Optional.empty();
        }
      }
      return Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  static byte[] encode(int tag, byte[] content) {
    int n = content.length;
    byte[] length = n < 0x80 ? new byte[] {(byte) n}
        : n < 0x100 ? new byte[] {(byte) 0x81, (byte) n}
        : new byte[] {(byte) 0x82, (byte) (n >>> 8), (byte) n};
    byte[] out = new byte[1 + length.length + n];
    out[0] = (byte) tag;
    System.arraycopy(length, 0, out, 1, length.length);
    System.arraycopy(content, 0, out, 1 + length.length, n);
    return out;
  }
}
