package dev.builder.sbom;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SPDX identifiers made from component ids. SPDX allows only letters, digits, {@code .} and {@code -} after
 * {@code SPDXRef-}. A purl loses its {@code pkg:} and its qualifiers, so {@code pkg:maven/org.slf4j/slf4j-api@2.0.9}
 * becomes {@code SPDXRef-maven-org.slf4j-slf4j-api-2.0.9}; an image keeps its name and architecture and loses its
 * digest, so {@code pkg:oci/orders@sha256%3A0123...?arch=amd64&tag=1} becomes {@code SPDXRef-oci-orders-amd64}.
 *
 * <p>No identifier depends on a digest, on purpose: the library that writes SPDX sorts packages and relationships by
 * identifier, so a digest in one would let the order of a document change with the bytes of a class. Without it, the
 * SBOMs of two builds that differ only in the image's digest differ only where the digest is written out, which is
 * what lets {@link Sbom#withDigests} remake one from the other. Where two components would get the same identifier
 * (the same package for two architectures, say), each gets a short hash of its id without digests appended, and
 * where even that is shared, its place among them.
 */
final class SpdxIds {
  private static final Pattern ARCH = Pattern.compile("[?&]arch=([^&#]+)");
  private static final Pattern DIGEST = Pattern.compile("(sha256|sha512)(:|%3A)[0-9a-f]+");
  private SpdxIds() {}

  /** The SPDX identifier of every component of {@code doc}, the image included, by component id. */
  static Map<String, String> of(SbomDocument doc) {
    List<Component> all = new ArrayList<>();
    all.add(doc.image());
    all.addAll(doc.components());
    Map<String, Integer> uses = new HashMap<>();
    uses.put("DOCUMENT", 1);
    for (Component c : all) {
      uses.merge(readable(c.id()), 1, Integer::sum);
    }
    Map<String, String> ids = new LinkedHashMap<>();
    Map<String, Integer> seen = new HashMap<>();
    for (Component c : all) {
      String plain = readable(c.id());
      String id = uses.get(plain) > 1 ? plain + "-" + hash8(withoutDigests(c.id())) : plain;
      int place = seen.merge(id, 1, Integer::sum);
      ids.put(c.id(), "SPDXRef-" + (place > 1 ? id + "-" + place : id));
    }
    return ids;
  }

  private static String withoutDigests(String id) {
    return DIGEST.matcher(id).replaceAll("");
  }

  /** The part of a component id worth reading, sanitized. */
  static String readable(String id) {
    String s = id;
    if (s.startsWith("pkg:oci/")) {
      Matcher arch = ARCH.matcher(s);
      String name = s.substring("pkg:oci/".length()).replaceAll("[@?#].*", "");
      return sanitize("oci-" + URLDecoder.decode(name, StandardCharsets.UTF_8) + (arch.find() ? "-" + arch.group(1) : ""));
    }
    if (s.startsWith("pkg:")) {
      s = s.substring(4).replaceAll("[?#].*", "");
      s = URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
    return sanitize(s.replaceAll("(sha256|sha512):([0-9a-f]{12})[0-9a-f]+", "$1-$2"));
  }

  /** {@code value} with every run of characters SPDX ids do not allow replaced by one {@code -}. */
  static String sanitize(String value) {
    String s = value.replaceAll("[^A-Za-z0-9.-]+", "-").replaceAll("^-+|-+$", "");
    return s.isEmpty() ? "x" : s;
  }

  /** {@link #sanitize}, with a short hash of {@code value} appended when sanitizing lost something. */
  static String sanitizeUniquely(String value) {
    String s = sanitize(value);
    return s.equals(value) ? s : s + "-" + hash8(value);
  }

  static String hash8(String value) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
