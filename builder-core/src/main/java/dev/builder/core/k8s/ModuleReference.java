package dev.builder.core.k8s;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A module named in Kubernetes YAML: {@code builder://ARTIFACT_ID}, {@code builder://GROUP_ID:ARTIFACT_ID}, or
 * {@code builder://.} for the module whose folder holds the YAML. {@code groupId} is null when not written.
 */
public record ModuleReference(String groupId, String artifactId) {
  public static final String SCHEME = "builder://";
  private static final String ID = "[A-Za-z0-9_.-]+";
  private static final Pattern FORM = Pattern.compile("(?:(" + ID + "):)?(" + ID + ")");

  /** The module a whole scalar names, empty when it does not start with {@code builder://}. */
  static Optional<ModuleReference> parse(String scalar) {
    if (!scalar.startsWith(SCHEME)) {
      return Optional.empty();
    }
    String rest = scalar.substring(SCHEME.length());
    Matcher m = FORM.matcher(rest);
    if (!m.matches() || (m.group(1) != null && m.group(2).equals("."))) {
      throw new IllegalArgumentException("'" + scalar + "' is not a module reference; write " + SCHEME
          + "ARTIFACT_ID, " + SCHEME + "GROUP_ID:ARTIFACT_ID or " + SCHEME + ".");
    }
    return Optional.of(new ModuleReference(m.group(1), m.group(2)));
  }

  /** True for {@code builder://.}, the module that holds the YAML. */
  public boolean isCurrentModule() {
    return groupId == null && artifactId.equals(".");
  }

  /** True when this names the module {@code groupId:artifactId} (any group when none is written). */
  public boolean names(String groupId, String artifactId) {
    return this.artifactId.equals(artifactId) && (this.groupId == null || this.groupId.equals(groupId));
  }

  @Override
  public String toString() {
    return SCHEME + (groupId == null ? "" : groupId + ":") + artifactId;
  }
}
