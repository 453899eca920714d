package dev.builder.maven;

import dev.builder.core.BuilderException;
import dev.builder.core.registry.ImageName;
import java.util.Locale;
import java.util.Optional;

/**
 * The image's name as the user configured it: {@code <image>}, else the repository and the artifactId. An artifactId
 * may hold capitals that image names may not, so it is lowercased, in the root locale: under a Turkish default
 * locale {@code HelloIT} would become {@code hellıt}, no valid name. A name that is still invalid is reported with
 * where its parts came from, not as a name the user never wrote.
 */
final class ImageNaming {
  private ImageNaming() {}

  /** The artifactId as an image name's last part. */
  static String fromArtifactId(String artifactId) {
    return artifactId.toLowerCase(Locale.ROOT);
  }

  /**
   * The image name without tag: {@code image}, else {@code repository/artifactId}, else empty.
   *
   * @param repositorySource where the repository was set, for messages: {@code <repository>} or an environment variable
   */
  static Optional<ImageName> target(String image, String repository, String repositorySource, String artifactId) {
    if (!blank(image)) {
      return Optional.of(untagged(image.trim(), ImageName.parse(image.trim())));
    }
    if (blank(repository)) {
      return Optional.empty();
    }
    String name = repository.trim().replaceAll("/+$", "") + "/" + fromArtifactId(artifactId);
    try {
      return Optional.of(untagged(name, ImageName.parse(name)));
    } catch (BuilderException e) {
      throw new BuilderException("the image name '" + name + "', made of the repository '" + repository.trim()
          + "' (" + repositorySource + ") and the artifactId " + artifactId + ", is not a valid image reference:"
          + " write the repository as registry/path in lowercase, for example localhost:5000/apps, or set <image> to"
          + " the whole name.");
    }
  }

  /** The image's name in the local daemon when no {@code <image>} is set: the artifactId. */
  static String local(String artifactId) {
    String name = fromArtifactId(artifactId);
    try {
      ImageName.parse(name);
    } catch (BuilderException e) {
      throw new BuilderException("the artifactId " + artifactId + " gives no valid image name ('" + name + "'):"
          + " image names start and end with a letter or digit. Set <image> to name the image.");
    }
    return name;
  }

  private static ImageName untagged(String name, ImageName parsed) {
    if (parsed.digest() != null || (name.lastIndexOf(':') > name.lastIndexOf('/'))) {
      throw new BuilderException("image name '" + name + "' must not carry a tag or digest; set tags with <tags> or"
          + " -Dbuilder.tags");
    }
    return parsed;
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
