package dev.builder.core.assembly;

import dev.builder.core.BuilderException;
import dev.builder.core.image.Platform;
import java.util.ArrayList;
import java.util.List;

/**
 * The platforms a build is asked for: a list such as {@code linux/amd64,linux/arm64}, or {@code all}, every platform
 * the base image has.
 */
public record PlatformSelection(List<Platform> listed, boolean all) {
  public static final String ALL = "all";
  public static final PlatformSelection LINUX_AMD64 = new PlatformSelection(List.of(Platform.LINUX_AMD64), false);

  public PlatformSelection {
    listed = List.copyOf(listed);
    if (!all && listed.isEmpty()) {
      throw new BuilderException("no platform given; write platforms as os/architecture[/variant], for example"
          + " linux/amd64,linux/arm64, or all");
    }
    for (int i = 0; i < listed.size(); i++) {
      for (int j = 0; j < i; j++) {
        if (listed.get(i).sameAs(listed.get(j))) {
          throw new BuilderException("platform " + listed.get(i) + " is listed twice (as " + listed.get(j) + " and "
              + listed.get(i) + "); list each platform once");
        }
      }
    }
  }

  /** Parses {@code all} or a comma-separated list of {@code os/architecture[/variant]}. */
  public static PlatformSelection parse(String value) {
    if (value == null || value.isBlank()) {
      return LINUX_AMD64;
    }
    if (value.trim().equalsIgnoreCase(ALL)) {
      return new PlatformSelection(List.of(), true);
    }
    List<Platform> platforms = new ArrayList<>();
    for (String part : value.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      if (part.trim().equalsIgnoreCase(ALL)) {
        throw new BuilderException("platforms '" + value + "': all means every platform of the base image and"
            + " stands alone; write all, or a list of platforms");
      }
      platforms.add(Platform.parse(part));
    }
    return new PlatformSelection(platforms, false);
  }

  @Override
  public String toString() {
    return all ? ALL : String.join(",", listed.stream().map(Platform::toString).toList());
  }
}
