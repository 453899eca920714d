package dev.builder.core.signing;

import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PEM blocks: {@code -----BEGIN TYPE-----}, base64, {@code -----END TYPE-----}. */
final class Pem {
  private static final Pattern BLOCK = Pattern.compile(
      "-----BEGIN ([A-Z0-9 ]+)-----\\s*(?:[A-Za-z-]+:[^\\n]*\\n\\s*)*([A-Za-z0-9+/=\\s]*?)-----END \\1-----");

  private Pem() {}

  /** The type of the first PEM block, if there is one. */
  static Optional<String> firstType(String text) {
    Matcher m = BLOCK.matcher(text);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  static Optional<byte[]> body(String text, String type) {
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      if (m.group(1).equals(type)) {
        try {
          return Optional.of(Base64.getMimeDecoder().decode(m.group(2)));
        } catch (IllegalArgumentException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  static String encode(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
