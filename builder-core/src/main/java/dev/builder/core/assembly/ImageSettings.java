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
 */
public record ImageSettings(ImageFormat format, String appRoot, Instant filesModificationTime) {
  public static final String DEFAULT_APP_ROOT = "/app";
  public static final ImageSettings DEFAULTS = new ImageSettings(ImageFormat.OCI, DEFAULT_APP_ROOT, null);

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

  /** The time on the application's files: the one set here, else {@code creationTime}. */
  public Instant filesTime(Instant creationTime) {
    return filesModificationTime == null ? creationTime : filesModificationTime;
  }
}
