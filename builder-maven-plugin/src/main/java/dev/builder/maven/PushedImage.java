package dev.builder.maven;

import dev.builder.core.image.Digest;
import dev.builder.core.registry.ImageName;
import java.util.List;
import java.util.Optional;
import org.apache.maven.project.MavenProject;

/**
 * The image pushed for a project in this Maven session, kept in the project's context so that a later goal
 * (another push, or resolve naming this module from Kubernetes YAML) uses it instead of pushing again.
 */
record PushedImage(ImageName name, Digest digest, List<String> tags) {
  private static final String KEY = PushedImage.class.getName();

  static Optional<PushedImage> of(MavenProject project) {
    return Optional.ofNullable((PushedImage) project.getContextValue(KEY));
  }

  void storeIn(MavenProject project) {
    project.setContextValue(KEY, this);
  }

  /** {@code name@sha256:...}: exactly what was pushed, whatever later happens to the tags. */
  String byDigest() {
    return name.repositoryName() + "@" + digest;
  }

  /** {@code name:tag} with the first tag (the project version unless tags are set). */
  String byTag() {
    return name.repositoryName() + ":" + tags.get(0);
  }
}
