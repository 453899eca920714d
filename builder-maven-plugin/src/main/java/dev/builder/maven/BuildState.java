package dev.builder.maven;

import dev.builder.core.assembly.BuiltImages;
import dev.builder.core.registry.Registries;
import java.util.List;
import org.apache.maven.project.MavenProject;

/**
 * The image (or index) built for a project in this Maven session, kept in the project's context so that {@code push}
 * pushes what {@code build} built instead of building again, with the SBOMs written for it so far. The registry
 * connections stay open with it: the base layers it refers to may still be read or mounted from them.
 */
record BuildState(Registries registries, BuiltImages built, String name, List<String> tags, List<ImageSbom> sboms) {
  private static final String KEY = BuildState.class.getName();

  BuildState {
    tags = List.copyOf(tags);
    sboms = List.copyOf(sboms);
  }

  static java.util.Optional<BuildState> of(MavenProject project) {
    return java.util.Optional.ofNullable((BuildState) project.getContextValue(KEY));
  }

  BuildState withSboms(List<ImageSbom> written) {
    return new BuildState(registries, built, name, tags, written);
  }

  void storeIn(MavenProject project) {
    project.setContextValue(KEY, this);
  }
}
