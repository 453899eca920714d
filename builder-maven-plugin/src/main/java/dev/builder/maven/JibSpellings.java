package dev.builder.maven;

import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * The two Jib properties builder reads, for a project moving from jib-maven-plugin: {@code jib.from.image} where
 * builder's base is not set, and {@code jib.to.image} where builder's image is not (its tag, if any, where builder's
 * tags are not). Each read is said in one line with builder's own spelling; every other {@code jib.*} property is
 * left alone, as jib-maven-plugin may still run in the same build.
 */
final class JibSpellings {
  /** The values after adoption. */
  record Values(String from, String image, List<String> tags) {}

  private JibSpellings() {}

  /** User properties ({@code -D}) before the POM's, as Maven gives {@code -D} the last word. */
  static Values adopt(Values given, Properties user, Properties project, Consumer<String> log) {
    String from = given.from();
    String image = given.image();
    List<String> tags = given.tags();
    if (blank(from)) {
      Optional<String> jib = value("jib.from.image", user, project);
      if (jib.isPresent()) {
        from = jib.get();
        log.accept("builder: base image " + from + " taken from jib.from.image; builder's spelling is <from> or"
            + " -Dbuilder.from");
      }
    }
    if (blank(image)) {
      Optional<String> jib = value("jib.to.image", user, project);
      if (jib.isPresent()) {
        String reference = jib.get();
        String tag = tagOf(reference);
        image = tag == null ? reference : reference.substring(0, reference.length() - tag.length() - 1);
        boolean useTag = tag != null && (tags == null || tags.isEmpty());
        if (useTag) {
          tags = List.of(tag);
        }
        log.accept("builder: image " + image + (useTag ? " (tag " + tag + ")" : "") + " taken from jib.to.image;"
            + " builder's spelling is <image> or -Dbuilder.image" + (useTag ? ", with <tags> or -Dbuilder.tags" : ""));
      }
    }
    return new Values(from, image, tags);
  }

  private static Optional<String> value(String key, Properties user, Properties project) {
    for (Properties properties : new Properties[] {user, project}) {
      String value = properties == null ? null : properties.getProperty(key);
      if (!blank(value)) {
        return Optional.of(value.trim());
      }
    }
    return Optional.empty();
  }

  /** The tag of {@code registry/repository:tag}, not mistaking a registry's port for one; null when there is none. */
  private static String tagOf(String reference) {
    if (reference.contains("@")) {
      return null; // a digest: the reference is checked, and refused, as builder's own image name would be
    }
    int colon = reference.lastIndexOf(':');
    return colon > reference.lastIndexOf('/') ? reference.substring(colon + 1) : null;
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
