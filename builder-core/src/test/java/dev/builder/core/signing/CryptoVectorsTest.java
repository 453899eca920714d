package dev.builder.core.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * scrypt, Poly1305 and secretbox against published test vectors (RFC 7914, RFC 8439) and against libsodium's output
 * (through PyNaCl): these primitives open cosign's keys, so one wrong bit makes every key "wrong password".
 */
class CryptoVectorsTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void scryptGivesRfc7914Vectors() {
    assertThat(HEX.formatHex(Scrypt.derive(new byte[0], new byte[0], 16, 1, 1, 64))).isEqualTo(
        "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442"
            + "fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906");
    assertThat(HEX.formatHex(Scrypt.derive(bytes("password"), bytes("NaCl"), 1024, 8, 16, 64))).isEqualTo(
        "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
            + "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640");
    assertThat(HEX.formatHex(Scrypt.derive(bytes("pleaseletmein"), bytes("SodiumChloride"), 16384, 8, 1, 64)))
        .isEqualTo("7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2"
            + "d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887");
  }

  @Test
  void poly1305GivesRfc8439Vector() {
    byte[] key = HEX.parseHex("85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b");
    assertThat(HEX.formatHex(SecretBox.poly1305(key, bytes("Cryptographic Forum Research Group"))))
        .isEqualTo("a8061dc1305136c6c22b8baf0c0127a9");
  }

  @Test
  void secretBoxSealsAsLibsodiumAndOpensOnlyWithTheRightKey() {
    byte[] key = HEX.parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    byte[] nonce = HEX.parseHex("6465666768696a6b6c6d6e6f707172737475767778797a7b");
    byte[] message = bytes("builder's secretbox vector, longer than one 64-byte Salsa20 block, made with PyNaCl"
        + " (libsodium).");
    String libsodium = "ab4fcb521475dc186db0cf6d9edf74e360ccf0a55ed3bccec3dd50f154f6c66c5cc5408792c3286fc97e6eb466"
        + "e4a7efcd1dd46c2756f5c49a7872423627f007b8e4cb3841e7552c62d36324b9def10728a76c00a9582daacee66b9a609394dd"
        + "35d4e1278f931260e1f4ed4e0d8bcce8";
    byte[] box = SecretBox.seal(message, nonce, key);
    assertThat(HEX.formatHex(box)).isEqualTo(libsodium);
    assertThat(SecretBox.open(box, nonce, key)).hasValueSatisfying(m -> assertThat(m).isEqualTo(message));

    byte[] otherKey = key.clone();
    otherKey[0] ^= 1;
    assertThat(SecretBox.open(box, nonce, otherKey)).isEmpty();
    byte[] changed = box.clone();
    changed[40] ^= 1;
    assertThat(SecretBox.open(changed, nonce, key)).isEmpty();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
