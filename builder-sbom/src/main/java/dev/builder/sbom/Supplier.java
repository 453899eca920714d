package dev.builder.sbom;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A supplier as components carry it, {@code Name} or {@code Name <email>} (the form of Debian's Maintainer field),
 * split for formats that keep the two apart.
 *
 * @param email null when there is none
 */
record Supplier(String name, String email) {
  private static final Pattern WITH_EMAIL = Pattern.compile("\\s*(.*?)\\s*<([^<>\\s]+@[^<>\\s]+)>\\s*");

  /** The supplier in {@code value}, or null when {@code value} is null or blank. */
  static Supplier parse(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    Matcher m = WITH_EMAIL.matcher(value);
    if (m.matches() && !m.group(1).isEmpty()) {
      return new Supplier(m.group(1), m.group(2));
    }
    return new Supplier(value.trim(), null);
  }

  /**
   * SPDX 2.3's agent syntax. A component's supplier may be an organization or a POM's developers; the model does not
   * say which, and SPDX needs one, so it is written as an organization: what NTIA asks for is the name.
   */
  String spdx() {
    return "Organization: " + name + (email == null ? "" : " (" + email + ")");
  }
}
