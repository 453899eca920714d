package dev.builder.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.builder.core.BuilderException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DigestTest {
  private static final String ABC_HEX = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

  @Test
  void parsesAndPrintsASha256Digest() {
    Digest digest = Digest.parse("sha256:" + ABC_HEX);

    assertThat(digest.algorithm()).isEqualTo("sha256");
    assertThat(digest.hex()).isEqualTo(ABC_HEX);
    assertThat(digest).hasToString("sha256:" + ABC_HEX);
  }

  @Test
  void digestsBytesAndStreamsAlike() throws Exception {
    byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);

    assertThat(Digest.of(abc)).isEqualTo(Digest.parse("sha256:" + ABC_HEX));
    assertThat(Digest.of(new ByteArrayInputStream(abc))).isEqualTo(Digest.of(abc));
  }

  @Test
  void countingStreamDigestsAndCountsWhatPassesThrough() throws Exception {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    Digest.Counting counting = new Digest.Counting(sink);
    counting.write('a');
    counting.write("bc".getBytes(StandardCharsets.US_ASCII), 0, 2);

    assertThat(sink.toString(StandardCharsets.US_ASCII)).isEqualTo("abc");
    assertThat(counting.size()).isEqualTo(3);
    assertThat(counting.digest()).hasToString("sha256:" + ABC_HEX);
  }

  @Test
  void rejectsAValueWithoutAlgorithm() {
    assertThatThrownBy(() -> Digest.parse(ABC_HEX))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("'" + ABC_HEX + "' is not a digest")
        .hasMessageContaining("sha256: followed by 64 lowercase hex digits");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sha512:" + ABC_HEX,
        "SHA256:" + ABC_HEX,
        "sha256:" + "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD",
        "sha256:ba7816bf",
        "sha256:" + ABC_HEX + "00",
        "sha256:" + "zz7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        "sha256:"
      })
  void rejectsAnythingButSha256With64LowercaseHexDigits(String value) {
    assertThatThrownBy(() -> Digest.parse(value))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("'" + value + "' is not a sha256 digest")
        .hasMessageContaining("64 lowercase hex digits");
  }

  @Test
  void ordersByTextSoSortedDigestsAreStable() {
    Digest low = Digest.parse("sha256:" + "0".repeat(64));
    Digest high = Digest.parse("sha256:" + "f".repeat(64));

    assertThat(low).isLessThan(high);
  }
}
