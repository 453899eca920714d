package dev.builder.core.inventory;

import java.util.LinkedHashMap;
import java.util.Map;

/** Shell-style {@code KEY="value"} files: os-release, a Java runtime's release. */
final class KeyValues {
  private KeyValues() {}

  static Map<String, String> parse(String text) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (eq <= 0 || line.startsWith("#")) {
        continue;
      }
      String value = line.substring(eq + 1).trim();
      if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
          || value.startsWith("'") && value.endsWith("'"))) {
        value = value.substring(1, value.length() - 1);
      }
      map.put(line.substring(0, eq).trim(), value);
    }
    return map;
  }
}
