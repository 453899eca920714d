package dev.builder.core.assembly;

import dev.builder.core.BuildListener;
import dev.builder.core.BuilderException;
import dev.builder.core.image.ImageSource;
import dev.builder.core.image.ImageSource.ResolvedImage;
import dev.builder.core.image.Platform;
import dev.builder.core.java.JdkImageJmods;
import dev.builder.core.java.Jmods;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Where a linked runtime's modules come from, for each platform: the JDK image the user named, for every platform;
 * else the build JDK's own where they are of the platform; else the default JDK image of the project's release,
 * pulled like a base (the same registries, mirrors, credentials, {@code oci-layout://} and {@code tar://}), so that
 * an arm64 image gets an arm64 runtime from an amd64 machine.
 */
final class JdkModules {
  private final RuntimeSettings settings;
  private final int release;
  private final Function<String, ImageSource> open;
  private final Path cacheDirectory;
  private final BuildListener log;

  /** {@code open} opens an image by the name the user wrote, as a base is opened. */
  JdkModules(RuntimeSettings settings, int release, Function<String, ImageSource> open, Path cacheDirectory,
      BuildListener log) {
    this.settings = settings;
    this.release = release;
    this.open = open;
    this.cacheDirectory = cacheDirectory;
    this.log = log;
  }

  /** The jmods to link the runtime for {@code platform} from. */
  Jmods of(Platform platform) {
    String name = settings.jdkImage();
    if (name == null) {
      Jmods own = Jmods.buildJdk();
      boolean ownPlatform = own.platform().os().equals(platform.os())
          && own.platform().architecture().equals(platform.architecture());
      if (ownPlatform && own.present()) {
        return own;
      }
      name = RuntimeSettings.defaultJdkImage(release);
      log.info((ownPlatform ? "the build JDK has no jmods" : "the build JDK is for " + own.platform())
          + ": the Java runtime for " + platform + " is linked from the modules of JDK image " + name
          + " (jdkImage)");
    }
    ResolvedImage jdk;
    try {
      jdk = open.apply(name).resolve(platform);
    } catch (BuilderException e) {
      throw new BuilderException("JDK image " + name + " (jdkImage), for the Java runtime of " + platform + ": "
          + e.getMessage(), e);
    }
    Platform own = jdk.image().config().platform();
    if (!own.os().equals(platform.os()) || !own.architecture().equals(platform.architecture())) {
      throw new BuilderException("JDK image " + name + " (jdkImage) is for " + own + ", so its modules cannot make"
          + " the Java runtime for " + platform + ": name a JDK image that has an image for " + platform
          + " (an index of several platforms, such as " + RuntimeSettings.defaultJdkImage(release) + ")");
    }
    // by its portable name: where the modules came from goes into the SBOM, the build machine's folders do not
    Jmods jmods = JdkImageJmods.of(jdk.image(), jdk.name(), platform, cacheDirectory);
    log.debug("java modules for " + platform + ": " + jmods.origin() + ", Java " + jmods.version());
    return jmods;
  }
}
