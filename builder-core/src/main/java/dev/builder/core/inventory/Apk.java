package dev.builder.core.inventory;

import java.util.ArrayList;
import java.util.List;

/** Reads apk's installed database: paragraphs of one-letter {@code K:value} lines. */
final class Apk {
  private Apk() {}

  static List<OsPackage> parse(String text, String distro) {
    List<OsPackage> packages = new ArrayList<>();
    for (String paragraph : text.split("\n\\s*\n")) {
      String name = null;
      String version = null;
      String arch = null;
      String license = null;
      String maintainer = null;
      for (String line : paragraph.split("\n")) {
        if (line.length() < 2 || line.charAt(1) != ':') {
          continue;
        }
        String value = line.substring(2).trim();
        switch (line.charAt(0)) {
          case 'P' -> name = value;
          case 'V' -> version = value;
          case 'A' -> arch = value;
          case 'L' -> license = value;
          case 'm' -> maintainer = value;
          default -> { }
        }
      }
      if (name != null && version != null) {
        packages.add(new OsPackage("apk", name, version, arch, distro, maintainer, license));
      }
    }
    return packages;
  }
}
