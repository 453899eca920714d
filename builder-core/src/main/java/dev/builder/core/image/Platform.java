package dev.builder.core.image;

import dev.builder.core.BuilderException;

/** An operating system and CPU, as an image config and an index entry name them: {@code linux/arm64/v8}. */
public record Platform(String os, String architecture, String variant) {

  public static final Platform LINUX_AMD64 = new Platform("linux", "amd64", null);

  public Platform {
    if (os == null || os.isBlank() || architecture == null || architecture.isBlank()) {
      throw new BuilderException("a platform needs an os and an architecture, like linux/amd64");
    }
    if (variant != null && variant.isBlank()) {
      variant = null;
    }
  }

  /** Parses {@code os/arch[/variant]}, the spelling of docker, ko and Jib. */
  public static Platform parse(String value) {
    String[] parts = value.trim().split("/", -1);
    if (parts.length < 2 || parts.length > 3 || parts[0].isBlank() || parts[1].isBlank()) {
      throw new BuilderException(
          "'" + value + "' is not a platform; write os/architecture[/variant], for example linux/amd64 or linux/arm/v7");
    }
    return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
  }

  /**
   * True when both name the same platform, a missing variant read as the architecture's usual one: {@code linux/arm64}
   * is {@code linux/arm64/v8}.
   */
  public boolean sameAs(Platform other) {
    return os.equals(other.os) && architecture.equals(other.architecture)
        && java.util.Objects.equals(normalVariant(architecture, variant), normalVariant(other.architecture,
            other.variant));
  }

  /**
   * The variant an architecture means when none is written, as containerd reads it: arm64 is v8 and arm is v7, so
   * {@code linux/arm64} and {@code linux/arm64/v8} name the same platform.
   */
  static String normalVariant(String architecture, String variant) {
    if (variant != null) {
      return variant;
    }
    return switch (architecture) {
      case "arm64" -> "v8";
      case "arm" -> "v7";
      default -> null;
    };
  }

  @Override
  public String toString() {
    return os + "/" + architecture + (variant == null ? "" : "/" + variant);
  }
}
