package dev.builder.maven;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Loads the image built in this session (building it first when {@code build} did not run) into the local Docker or
 * Podman daemon as {@code artifactId:TAG} for every tag (or {@code IMAGE:TAG} when {@code image} is set), speaking the
 * Docker Engine API on its socket: no docker CLI is needed. What {@code jib:dockerBuild} and ko's {@code ko.local} do.
 */
@Mojo(name = "load", defaultPhase = LifecyclePhase.PACKAGE,
    requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME, threadSafe = true,
    configurator = SecretMaskingConfigurator.HINT)
public class LoadMojo extends AbstractBuilderMojo {

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skipped()) {
      return;
    }
    run(this::loadIntoDaemon);
  }
}
