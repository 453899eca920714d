package dev.builder.core.assembly;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the license names projects write in their POMs into SPDX identifiers. Names it does not know are kept only
 * if they already look like an SPDX id; a project that declares several licenses gets them joined with AND, the
 * reading that claims no more freedom than the POM gives.
 */
public final class SpdxLicenses {
  private static final Map<String, String> KNOWN =
      Map.ofEntries(
          Map.entry("apache license, version 2.0", "Apache-2.0"),
          Map.entry("apache license 2.0", "Apache-2.0"),
          Map.entry("apache 2.0", "Apache-2.0"),
          Map.entry("apache-2.0", "Apache-2.0"),
          Map.entry("the apache software license, version 2.0", "Apache-2.0"),
          Map.entry("the apache license, version 2.0", "Apache-2.0"),
          Map.entry("apache 2", "Apache-2.0"),
          Map.entry("mit license", "MIT"),
          Map.entry("the mit license", "MIT"),
          Map.entry("mit", "MIT"),
          Map.entry("bsd-3-clause", "BSD-3-Clause"),
          Map.entry("bsd 3-clause", "BSD-3-Clause"),
          Map.entry("the bsd 3-clause license", "BSD-3-Clause"),
          Map.entry("bsd-2-clause", "BSD-2-Clause"),
          Map.entry("eclipse public license - v 2.0", "EPL-2.0"),
          Map.entry("eclipse public license v2.0", "EPL-2.0"),
          Map.entry("epl-2.0", "EPL-2.0"),
          Map.entry("eclipse public license - v 1.0", "EPL-1.0"),
          Map.entry("gnu lesser general public license, version 2.1", "LGPL-2.1-only"),
          Map.entry("gpl-2.0-with-classpath-exception", "GPL-2.0-only WITH Classpath-exception-2.0"),
          Map.entry("mozilla public license 2.0", "MPL-2.0"));

  private static final java.util.Set<String> BARE_IDS =
      java.util.Set.of("MIT", "ISC", "Unlicense", "WTFPL", "Zlib", "BSL-1.0", "CC0-1.0", "MIT-0", "PostgreSQL");

  private SpdxLicenses() {}

  /** The SPDX expression for the given license names, or null when none can be named. */
  public static String expression(List<String> names) {
    List<String> ids = new ArrayList<>();
    for (String name : names) {
      String id = id(name);
      if (id != null && !ids.contains(id)) {
        ids.add(id);
      }
    }
    if (ids.isEmpty()) {
      return null;
    }
    return ids.size() == 1 ? ids.get(0) : String.join(" AND ", ids.stream().map(SpdxLicenses::group).toList());
  }

  /** The SPDX id for one license name, or null. */
  public static String id(String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    String key = name.trim().toLowerCase(Locale.ROOT);
    if (KNOWN.containsKey(key)) {
      return KNOWN.get(key);
    }
    String value = name.trim();
    for (String token : value.split(" (AND|OR|WITH) ")) {
      String id = token.replaceAll("^\\(|\\)$", "");
      // an SPDX id has a version or a known bare name; a lone word such as "Proprietary" or "GPL" is not one
      if (!id.matches("[A-Za-z0-9][A-Za-z0-9.+-]*") || !(id.matches(".*[0-9].*") || BARE_IDS.contains(id))) {
        return null;
      }
    }
    return value;
  }

  private static String group(String id) {
    return id.contains(" ") ? "(" + id + ")" : id;
  }
}
