package dev.builder.maven;

import dev.builder.core.BuilderException;
import java.util.List;
import org.apache.maven.model.Plugin;
import org.apache.maven.project.MavenProject;

/**
 * Modules that start some other way than {@code java -cp CLASSPATH MainClass}, which is how builder's image starts
 * (a war's is its base's servlet container, see {@link WarWebapp}): a Quarkus application needs Quarkus's own
 * launcher. builder refuses them with what to do, rather than push an image that cannot start.
 */
final class LaunchConventions {
  private static final List<String> QUARKUS_PLUGINS =
      List.of("io.quarkus:quarkus-maven-plugin", "io.quarkus.platform:quarkus-maven-plugin");

  private LaunchConventions() {}

  static void check(MavenProject project) {
    for (String key : QUARKUS_PLUGINS) {
      Plugin quarkus = project.getBuild() == null ? null : project.getBuild().getPluginsAsMap().get(key);
      if (quarkus != null) {
        throw new BuilderException(project.getArtifactId() + " is a Quarkus application (" + key + "): it starts"
            + " through Quarkus's own launcher (target/quarkus-app/quarkus-run.jar and its lib/boot, lib/main, app"
            + " and quarkus folders), which builder does not lay out. Build its image with Quarkus's"
            + " container-image-jib extension (no Docker daemon either), or set <skip>true</skip> (-Dbuilder.skip=true) for this module");
      }
    }
  }
}
