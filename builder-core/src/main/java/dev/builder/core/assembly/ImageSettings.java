package dev.builder.core.assembly;

import dev.builder.core.BuilderException;
import dev.builder.core.image.ImageFormat;
import java.time.Instant;

/**
 * How the image is written, where the defaults do not suit (mostly what a Jib POM says): its media type family, where
 * the application lies in it, and the time its files carry.
 *
 * @param format OCI (the default) or Docker's manifest types
 * @param appRoot the folder of the application's classes, resources and jars; {@code /app} by default
 * @param filesModificationTime the time on the application's files; null for the request's creation time
 * @param packaged the project's jar in the image instead of its classes and resources (Jib's
 *     {@code containerizingMode packaged})
 */
public record ImageSettings(ImageFormat format, String appRoot, Instant filesModificationTime, boolean packaged) {
  public static final String DEFAULT_APP_ROOT = "/app";
  public static final ImageSettings DEFAULTS = new ImageSettings(ImageFormat.OCI, DEFAULT_APP_ROOT, null, false);

  public ImageSettings {
    format = format == null ? ImageFormat.OCI : format;
    appRoot = appRoot == null || appRoot.isBlank() ? DEFAULT_APP_ROOT : appRoot.trim();
    if (!appRoot.startsWith("/") || appRoot.equals("/")) {
      throw new BuilderException("appRoot is '" + appRoot + "': it must be an absolute folder in the image other"
          + " than /, such as /app or /opt/service");
    }
    while (appRoot.endsWith("/")) {
      appRoot = appRoot.substring(0, appRoot.length() - 1);
    }
  }

  public ImageSettings(ImageFormat format, String appRoot, Instant filesModificationTime) {
    this(format, appRoot, filesModificationTime, false);
  }

  /** {@code exploded} (the default: classes and resources) or {@code packaged} (the jar), as Jib's. */
  public static boolean packaged(String containerizingMode) {
    if (containerizingMode == null || containerizingMode.isBlank()) {
      return false;
    }
    return switch (containerizingMode.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "exploded" -> false;
      case "packaged" -> true;
      default -> throw new BuilderException("containerizingMode '" + containerizingMode + "' is unknown: write"
          + " exploded (classes and resources, the default) or packaged (the project's jar)");
    };
  }

  /** The time on the application's files: the one set here, else {@code creationTime}. */
  public Instant filesTime(Instant creationTime) {
    return filesModificationTime == null ? creationTime : filesModificationTime;
  }
}
