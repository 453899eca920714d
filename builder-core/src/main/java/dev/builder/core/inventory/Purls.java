package dev.builder.core.inventory;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Percent-encoding as the package-URL spec and its reference libraries do: all but A-Z a-z 0-9 . - _ ~. */
public final class Purls {
  private Purls() {}

  public static String encode(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
          || c == '_' || c == '~') {
        out.append(c);
      } else {
        out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
      }
    }
    return out.toString();
  }
}
