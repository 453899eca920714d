package dev.builder.core.inventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads dpkg's status format: paragraphs of {@code Field: value}, continuation lines indented. */
final class Dpkg {
  private Dpkg() {}

  static List<OsPackage> parse(String text, String distro) {
    List<OsPackage> packages = new ArrayList<>();
    for (String paragraph : text.split("\n\\s*\n")) {
      Map<String, String> fields = new LinkedHashMap<>();
      String last = null;
      for (String line : paragraph.split("\n")) {
        if ((line.startsWith(" ") || line.startsWith("\t")) && last != null) {
          continue; // a continuation line (long descriptions, conffiles): nothing builder lists
        }
        int colon = line.indexOf(':');
        if (colon > 0) {
          last = line.substring(0, colon);
          fields.put(last, line.substring(colon + 1).trim());
        }
      }
      String status = fields.get("Status");
      if (fields.containsKey("Package") && fields.containsKey("Version")
          && (status == null || status.endsWith(" installed"))) {
        packages.add(new OsPackage("deb", fields.get("Package"), fields.get("Version"), fields.get("Architecture"),
            distro, fields.get("Maintainer"), null));
      }
    }
    return packages;
  }
}
