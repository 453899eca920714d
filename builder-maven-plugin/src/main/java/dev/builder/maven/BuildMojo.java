package dev.builder.maven;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Builds the image into {@code target/builder/}: {@code image/} (an OCI image layout), {@code image.tar} (for
 * {@code docker load} and {@code skopeo}) and {@code image.json} (name, digest, tags, reference).
 */
@Mojo(name = "build", defaultPhase = LifecyclePhase.PACKAGE,
    requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME, threadSafe = true,
    configurator = SecretMaskingConfigurator.HINT)
public class BuildMojo extends AbstractBuilderMojo {

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skipped()) {
      return;
    }
    run(() -> build(true).ifPresent(state -> getLog().info(
        "builder: built " + state.name() + "@" + state.built().digest() + " into "
            + workDirectory + " (tags " + String.join(", ", state.tags()) + ")")));
  }
}
