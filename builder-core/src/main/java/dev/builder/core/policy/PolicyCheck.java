package dev.builder.core.policy;

import dev.builder.core.Setting;
import dev.builder.core.BuilderException;
import dev.builder.core.image.Image;
import dev.builder.core.image.ImageSource.ResolvedImage;
import dev.builder.core.inventory.ImageInventory;
import dev.builder.core.inventory.JavaRuntime;
import dev.builder.core.registry.ImageName;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Checks a build against an {@link ImagePolicy}; each failure names what is wrong and where to fix it. */
public final class PolicyCheck {
  private PolicyCheck() {}

  /** Before anything is read: the base image's name. */
  public static void checkBase(ImagePolicy policy, String base) {
    if (!policy.allowedBaseImages().isEmpty()
        && policy.allowedBaseImages().stream().noneMatch(p -> BaseImagePattern.matches(p, base))) {
      throw new BuilderException("base image " + base + " is not allowed: allowed are "
          + String.join(", ", policy.allowedBaseImages()) + " (" + Setting.ALLOWED_BASE_IMAGES.mention() + "). Choose an allowed base in "
          + Setting.FROM.mention() + ", or ask whoever owns the parent POM to allow it.");
    }
    if (policy.requireBaseDigest() && !pinned(base)) {
      throw new BuilderException("base image " + base + " is not pinned by digest, and " + Setting.REQUIRE_BASE_DIGEST.mention()
          + " is set: tags"
          + " move. Write it as NAME@sha256:... (skopeo inspect docker://NAME shows the digest).");
    }
  }

  /**
   * Before a JDK image is read: it is pulled as a base is and its modules become the image's Java, so the base
   * image rules on names apply to it too. The message goes after the JDK image's name, which the caller gives.
   */
  public static void checkJdkImage(ImagePolicy policy, String jdkImage) {
    if (!policy.allowedBaseImages().isEmpty()
        && policy.allowedBaseImages().stream().noneMatch(p -> BaseImagePattern.matches(p, jdkImage))) {
      throw new BuilderException("not allowed: allowed are " + String.join(", ", policy.allowedBaseImages()) + " ("
          + Setting.ALLOWED_BASE_IMAGES.mention() + ", which hold for the JDK image as for the base). Set "
          + Setting.JDK_IMAGE.mention() + " to an allowed JDK image, or ask whoever owns the parent POM to allow it.");
    }
    if (policy.requireBaseDigest() && !pinned(jdkImage)) {
      throw new BuilderException("not pinned by digest, and " + Setting.REQUIRE_BASE_DIGEST.mention() + " is set,"
          + " which holds for the JDK image as for the base: tags move. Set " + Setting.JDK_IMAGE.mention()
          + " to NAME@sha256:... (skopeo inspect docker://NAME shows the digest).");
    }
  }

  /** After the build: what the image must carry, and a Java that can run the bytecode. */
  public static void checkImage(ImagePolicy policy, Image image, ResolvedImage base, int bytecodeRelease) {
    checkImage(policy, image, base, bytecodeRelease, ImageInventory::of);
  }

  /** As above; {@code inventories} lists the base when its config does not say its Java (a cache, say). */
  public static void checkImage(ImagePolicy policy, Image image, ResolvedImage base, int bytecodeRelease,
      Function<Image, ImageInventory> inventories) {
    List<String> missingLabels = policy.requiredLabels().stream()
        .filter(k -> !image.config().config().labels().containsKey(k)).toList();
    if (!missingLabels.isEmpty()) {
      throw new BuilderException("the image lacks the required label(s) " + String.join(", ", missingLabels)
          + " (" + Setting.REQUIRED_LABELS.mention() + "). Set them in " + Setting.LABELS.mention() + ".");
    }
    List<String> missingAnnotations = policy.requiredAnnotations().stream()
        .filter(k -> !image.manifest().annotations().containsKey(k)).toList();
    if (!missingAnnotations.isEmpty()) {
      throw new BuilderException("the image lacks the required annotation(s) " + String.join(", ", missingAnnotations)
          + " (" + Setting.REQUIRED_ANNOTATIONS.mention() + "). Set them in " + Setting.ANNOTATIONS.mention()
          + ", or fill the project element they come from (name, description, url, scm, licenses, organization).");
    }
    boolean runsJava = runsJava(image);
    if (policy.checkJavaVersion() && (bytecodeRelease > 0 || runsJava)) {
      Optional<JavaRuntime> found = javaOf(base, inventories);
      if (found.isEmpty() && runsJava && !hasJavaHome(base)) {
        throw new BuilderException("base image " + base.name() + " has no Java runtime (no JAVA_VERSION or JAVA_HOME"
            + " variable, no Java release file), but the image's entrypoint runs " + image.config().config()
            .entrypoint().get(0) + ". Choose a base with Java" + (bytecodeRelease > 0 ? " " + bytecodeRelease
            + " or newer" : "") + ", or set " + Setting.ENTRYPOINT.mention() + " to start something else; if the base's Java has"
            + " no release file, set " + Setting.CHECK_JAVA_VERSION.mention() + " to false.");
      }
      found.ifPresent(java -> {
        if (bytecodeRelease > 0 && java.featureVersion() > 0 && java.featureVersion() < bytecodeRelease) {
          throw new BuilderException("base image " + base.name() + " has Java " + java.version() + " but the project"
              + " compiles to Java " + bytecodeRelease + " bytecode, which it cannot run. Choose a base with Java "
              + bytecodeRelease + " or newer, or compile to an older release (maven.compiler.release).");
        }
      });
    }
  }

  /**
   * Whether the image starts with {@code java}, as builder's own entrypoint does: it then needs a Java runtime. An
   * entrypoint of the user's own (a script, a native binary) may need none, and is not second-guessed.
   */
  private static boolean runsJava(Image image) {
    List<String> entrypoint = image.config().config().entrypoint();
    return !entrypoint.isEmpty() && (entrypoint.get(0).equals("java") || entrypoint.get(0).endsWith("/java"));
  }

  /** A base that names its Java's folder but has no release file there still has a Java, of unknown version. */
  private static boolean hasJavaHome(ResolvedImage base) {
    String home = base.image().config().config().envValue("JAVA_HOME");
    return home != null && !home.isBlank();
  }

  /** The base's Java: its JAVA_VERSION variable when set (no layer is read), else its release file. */
  static Optional<JavaRuntime> javaOf(ResolvedImage base, Function<Image, ImageInventory> inventories) {
    String env = base.image().config().config().envValue("JAVA_VERSION");
    if (env != null && !env.isBlank()) {
      return Optional.of(new JavaRuntime(null, env.replaceFirst("^jdk-?", ""), null));
    }
    return inventories.apply(base.image()).javaRuntime();
  }

  private static boolean pinned(String base) {
    if (base.startsWith("oci-layout://")) {
      return base.contains("@sha256:");
    }
    if (base.contains("://")) {
      return false;
    }
    try {
      return ImageName.parse(base).digest() != null;
    } catch (BuilderException invalid) {
      return false;
    }
  }
}
