package dev.builder.sbom;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import dev.builder.core.BuilderException;
import dev.builder.sbom.Component.HashAlgorithm;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What every writer checks of an {@link SbomDocument} before turning it into a format: the things no format's
 * validator would name clearly (a relationship to a component that is not there, two components with one id, a hash
 * that is not hex) or would not catch at all (a malformed purl: neither CycloneDX's nor SPDX 3's schema checks purls).
 * Problems are collected and reported together.
 */
final class DocumentCheck {
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128}");
  private static final Pattern HEX = Pattern.compile("[0-9a-f]+");

  private DocumentCheck() {}

  /** Returns normally when {@code doc} can be written; otherwise throws naming every problem. */
  static void check(SbomDocument doc) {
    List<String> problems = new ArrayList<>();
    if (!DIGEST.matcher(doc.imageDigest()).matches()) {
      problems.add("image digest '" + doc.imageDigest() + "' is not sha256:<64 hex> or sha512:<128 hex>");
    }
    if (blank(doc.toolName()) || blank(doc.toolVersion())) {
      problems.add("the tool's name and version are required (the SBOM's author)");
    }
    if (doc.image().kind() != Component.Kind.CONTAINER) {
      problems.add("the image '" + doc.image().id() + "' is of kind " + doc.image().kind() + ", not CONTAINER");
    }
    Set<String> ids = new HashSet<>();
    List<Component> all = new ArrayList<>();
    all.add(doc.image());
    all.addAll(doc.components());
    for (Component c : all) {
      if (!ids.add(c.id())) {
        problems.add("two components have the id '" + c.id() + "'");
      }
      if (blank(c.id()) || blank(c.name())) {
        problems.add("component '" + c.id() + "' has no id or no name");
      }
      checkHashes(c, problems);
      if (c.purl() != null) {
        try {
          new PackageURL(c.purl());
        } catch (MalformedPackageURLException e) {
          problems.add("component '" + c.id() + "' has a purl that is not a package URL: '" + c.purl() + "' ("
              + e.getMessage() + ")");
        }
      }
    }
    for (Relationship r : doc.relationships()) {
      if (r.type() == null || r.from() == null || r.to() == null) {
        problems.add("relationship " + r + " is incomplete");
        continue;
      }
      for (String end : List.of(r.from(), r.to())) {
        if (!ids.contains(end)) {
          problems.add("relationship '" + r.from() + " " + r.type() + " " + r.to() + "' names no component '"
              + end + "'");
        }
      }
      if (r.from().equals(r.to())) {
        problems.add("relationship '" + r.from() + " " + r.type() + "' points at itself");
      }
    }
    if (!problems.isEmpty()) {
      throw new BuilderException("The SBOM of " + doc.name() + " was not written, because builder described the "
          + "image inconsistently: " + String.join("; ", problems) + ". This is a bug in builder; please report it.");
    }
  }

  private static void checkHashes(Component c, List<String> problems) {
    for (Map.Entry<HashAlgorithm, String> hash : c.hashes().entrySet()) {
      int length = switch (hash.getKey()) {
        case SHA1 -> 40;
        case SHA256 -> 64;
        case SHA512 -> 128;
      };
      String value = hash.getValue();
      if (value == null || value.length() != length || !HEX.matcher(value).matches()) {
        problems.add("component '" + c.id() + "' has a " + hash.getKey() + " that is not " + length
            + " lower-case hex digits: '" + value + "'");
      }
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
