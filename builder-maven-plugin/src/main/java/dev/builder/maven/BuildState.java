package dev.builder.maven;

import dev.builder.core.build.BuiltImage;
import dev.builder.core.registry.Registries;
import dev.builder.sbom.Sbom;
import java.util.List;
import java.util.Optional;
import org.apache.maven.project.MavenProject;

/**
 * The image built for a project in this Maven session, kept in the project's context so that {@code push} pushes
 * what {@code build} built instead of building again. The registry connections stay open with it: the base layers
 * it refers to may still be read or mounted from them.
 */
record BuildState(Registries registries, BuiltImage built, String name, List<String> tags, Optional<Sbom> sbom) {
  private static final String KEY = BuildState.class.getName();

  static Optional<BuildState> of(MavenProject project) {
    return Optional.ofNullable((BuildState) project.getContextValue(KEY));
  }

  BuildState withSbom(Sbom written) {
    return new BuildState(registries, built, name, tags, Optional.of(written));
  }

  void storeIn(MavenProject project) {
    project.setContextValue(KEY, this);
  }
}
