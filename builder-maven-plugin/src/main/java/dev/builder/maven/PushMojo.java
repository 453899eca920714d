package dev.builder.maven;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Pushes the image built in this session (building it first when {@code build} did not run) to every tag, attaches
 * its SBOM (as an OCI referrer and under the cosign-style tag {@code sha256-<hex>.sbom}), rewrites
 * {@code target/builder/image.json}, and logs the pushed {@code name@sha256:...} as its last line. With the repository
 * {@code builder.local} it loads the image into the local daemon instead, as {@code load} does.
 */
@Mojo(name = "push", defaultPhase = LifecyclePhase.DEPLOY,
    requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME, threadSafe = true,
    configurator = SecretMaskingConfigurator.HINT)
public class PushMojo extends AbstractBuilderMojo {

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skipped()) {
      return;
    }
    run(() -> {
      if (requests().toDaemon()) {
        loadIntoDaemon();
        return;
      }
      push().ifPresent(pushed -> getLog().info(pushed.byDigest()));
    });
  }
}
