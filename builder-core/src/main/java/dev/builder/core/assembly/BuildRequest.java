package dev.builder.core.assembly;

import dev.builder.core.BuildListener;
import dev.builder.core.image.Platform;
import dev.builder.core.java.JavaApplication;
import dev.builder.core.policy.ImagePolicy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a build needs, gathered by the caller (the Maven plugin) from its own configuration.
 *
 * @param base the base image reference, or null for {@link BaseImages#defaultFor(int)} (with a linked runtime:
 *     {@link BaseImages#defaultWithoutJavaFor(int)}; for a war: {@link BaseImages#defaultWarFor(int)})
 * @param platformBases a base image per platform, for bases published as one image per platform; the platforms not
 *     named here stand on {@code base}
 * @param platforms the platforms to build for; more than one gives an image index
 * @param projectDirectory relative {@code oci-layout://} and {@code tar://} paths are resolved against it
 * @param mainClass the configured main class, or null to find it
 * @param annotations annotations added to (and overriding) those taken from {@code project}
 * @param creationTime the time stamped on files, the config and the {@code created} annotation
 * @param workDirectory builder's folder in the build output, such as {@code target/builder}
 * @param cacheDirectory blobs shared between builds, such as base layers
 * @param policy what the image must satisfy; null for {@link ImagePolicy#DEFAULT}
 * @param runtime where the image's Java comes from; null for {@link RuntimeSettings#BASE}
 * @param image format, app root and file times; null for {@link ImageSettings#DEFAULTS}
 */
public record BuildRequest(
    String base,
    Map<Platform, String> platformBases,
    int javaRelease,
    PlatformSelection platforms,
    Path projectDirectory,
    JavaApplication application,
    String mainClass,
    ContainerSettings container,
    ProjectInfo project,
    Map<String, String> annotations,
    Instant creationTime,
    Path workDirectory,
    Path cacheDirectory,
    ImagePolicy policy,
    BuildListener listener,
    RuntimeSettings runtime,
    ImageSettings image) {

  /** The default app root; {@link ImageSettings#appRoot} is the one a build uses. */
  public static final String APP_ROOT = ImageSettings.DEFAULT_APP_ROOT;

  public BuildRequest {
    Objects.requireNonNull(platforms, "platforms");
    platformBases = platformBases == null ? Map.of() : java.util.Collections.unmodifiableMap(
        new java.util.LinkedHashMap<>(platformBases));
    Objects.requireNonNull(application, "application");
    Objects.requireNonNull(workDirectory, "workDirectory");
    Objects.requireNonNull(cacheDirectory, "cacheDirectory");
    container = container == null ? ContainerSettings.DEFAULTS : container;
    annotations = Map.copyOf(annotations == null ? Map.of() : annotations);
    creationTime = creationTime == null ? Instant.EPOCH : creationTime;
    policy = policy == null ? ImagePolicy.DEFAULT : policy;
    listener = listener == null ? BuildListener.SILENT : listener;
    runtime = runtime == null ? RuntimeSettings.BASE : runtime;
    image = image == null ? ImageSettings.DEFAULTS : image;
  }

  /** A request with the default image settings. */
  public BuildRequest(String base, Map<Platform, String> platformBases, int javaRelease, PlatformSelection platforms,
      Path projectDirectory, JavaApplication application, String mainClass, ContainerSettings container,
      ProjectInfo project, Map<String, String> annotations, Instant creationTime, Path workDirectory,
      Path cacheDirectory, ImagePolicy policy, BuildListener listener, RuntimeSettings runtime) {
    this(base, platformBases, javaRelease, platforms, projectDirectory, application, mainClass, container, project,
        annotations, creationTime, workDirectory, cacheDirectory, policy, listener, runtime, null);
  }

  /** A request for an image on the base's own Java. */
  public BuildRequest(String base, Map<Platform, String> platformBases, int javaRelease, PlatformSelection platforms,
      Path projectDirectory, JavaApplication application, String mainClass, ContainerSettings container,
      ProjectInfo project, Map<String, String> annotations, Instant creationTime, Path workDirectory,
      Path cacheDirectory, ImagePolicy policy, BuildListener listener) {
    this(base, platformBases, javaRelease, platforms, projectDirectory, application, mainClass, container, project,
        annotations, creationTime, workDirectory, cacheDirectory, policy, listener, null, null);
  }

  public String baseOrDefault() {
    if (base == null || base.isBlank()) {
      if (application.isWebapp()) {
        return BaseImages.defaultWarFor(javaRelease);
      }
      return runtime.jlink() ? BaseImages.defaultWithoutJavaFor(javaRelease) : BaseImages.defaultFor(javaRelease);
    }
    return base.trim();
  }

  /** The base image {@code platform} stands on: its own from {@code platformBases}, else {@link #baseOrDefault}. */
  public String baseFor(Platform platform) {
    for (Map.Entry<Platform, String> entry : platformBases.entrySet()) {
      if (entry.getKey().sameAs(platform)) {
        return entry.getValue().trim();
      }
    }
    return baseOrDefault();
  }
}
