package dev.builder.core.assembly;

import dev.builder.core.Setting;
import dev.builder.core.BuilderException;
import dev.builder.core.cache.BlobCache;
import dev.builder.core.daemon.DaemonLocator;
import dev.builder.core.daemon.DaemonSource;
import dev.builder.core.image.ImageSource;
import dev.builder.core.layout.OciLayoutSource;
import dev.builder.core.registry.ImageName;
import dev.builder.core.registry.Registries;
import dev.builder.core.registry.RegistrySource;
import dev.builder.core.tarball.TarballSource;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a base image is read from, by the way it is written: {@code oci-layout://DIR[:REF|@DIGEST]} for an OCI image
 * layout, {@code tar://FILE} for a tarball, {@code docker://NAME} for an image a Docker-API daemon holds (Jib's
 * spelling), anything else a registry reference.
 */
public final class BaseImages {
  public static final String OCI_LAYOUT = "oci-layout://";
  public static final String TARBALL = "tar://";
  public static final String DAEMON = "docker://";

  private BaseImages() {}

  /**
   * The default base: Google's distroless Java runtime for the project's Java release, running as the non-root user
   * 65532. It has no shell and no package manager: nothing in it that the application does not need.
   */
  public static String defaultFor(int javaRelease) {
    if (javaRelease <= 17) {
      return "gcr.io/distroless/java17-debian12:nonroot";
    }
    if (javaRelease <= 21) {
      return "gcr.io/distroless/java21-debian12:nonroot";
    }
    return "gcr.io/distroless/java25-debian13:nonroot";
  }

  /**
   * The default base of a war: the Docker official Jetty image (as Jib's) for the project's Java release, whose
   * entrypoint starts Jetty with {@code /var/lib/jetty} as its base folder, deploying {@code webapps/ROOT} at
   * {@code /}. Jetty 12 serves Jakarta EE 10 webapps ({@code jakarta.servlet} 6).
   */
  public static String defaultWarFor(int javaRelease) {
    return javaRelease <= 17 ? "jetty:12-jre17" : "jetty:12-jre21";
  }

  /** Where a war lies in {@link #defaultWarFor}'s image: Jetty's root webapp, served at {@code /}. */
  public static final String WAR_APP_ROOT = "/var/lib/jetty/webapps/ROOT";

  /**
   * The default base for a runtime that builder links: Google's distroless base, with glibc, CA certificates and the
   * non-root user 65532 but no Java, of the Debian release that the Java base of {@link #defaultFor} has.
   */
  public static String defaultWithoutJavaFor(int javaRelease) {
    return javaRelease <= 21 ? "gcr.io/distroless/base-debian12:nonroot" : "gcr.io/distroless/base-debian13:nonroot";
  }

  public static ImageSource open(String spec, Path baseDirectory, Registries registries, BlobCache cache, Path cacheDir,
      DaemonLocator daemons) {
    if (spec == null || spec.isBlank()) {
      throw new BuilderException("no base image given; set " + Setting.FROM.mention());
    }
    String value = spec.trim();
    if (value.startsWith(OCI_LAYOUT)) {
      String rest = value.substring(OCI_LAYOUT.length());
      String ref = null;
      int at = rest.lastIndexOf('@');
      int colon = rest.lastIndexOf(':');
      if (at > 0) {
        ref = rest.substring(at + 1);
        rest = rest.substring(0, at);
      } else if (colon > 0 && rest.indexOf('/', colon) < 0) {
        ref = rest.substring(colon + 1);
        rest = rest.substring(0, colon);
      }
      return new OciLayoutSource(baseDirectory.resolve(rest).normalize(), ref, value);
    }
    if (value.startsWith(TARBALL)) {
      return new TarballSource(baseDirectory.resolve(value.substring(TARBALL.length())).normalize(), cacheDir, value);
    }
    if (value.startsWith(DAEMON)) {
      return new DaemonSource(daemons, value.substring(DAEMON.length()), cacheDir, value);
    }
    if (value.contains("://")) {
      throw new BuilderException("base image " + value + ": unknown scheme; write a registry reference,"
          + " oci-layout://DIR, tar://FILE or docker://NAME");
    }
    return new RegistrySource(registries, cache, ImageName.parse(value));
  }

  /**
   * The name a daemon may know the base by, to learn which of its layers the daemon already has: the name of a
   * {@code docker://} base, or a registry reference the daemon may have pulled; empty for files on disk.
   */
  public static Optional<String> nameInDaemon(String spec) {
    String value = spec == null ? "" : spec.trim();
    if (value.startsWith(DAEMON)) {
      return Optional.of(value.substring(DAEMON.length()));
    }
    return value.isEmpty() || value.contains("://") ? Optional.empty() : Optional.of(value);
  }
}
