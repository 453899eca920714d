package dev.builder.maven;

import dev.builder.sbom.SbomFormat;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Writes the SBOM of the image built in this session (building it first when {@code build} did not run) to
 * {@code target/builder/}: {@code sbom.spdx.json} (SPDX 2.3), {@code sbom.cdx.json} (CycloneDX 1.6) or
 * {@code sbom.spdx3.json} (SPDX 3.0.1), as {@code -Dbuilder.sbom} chooses.
 */
@Mojo(name = "sbom", defaultPhase = LifecyclePhase.PACKAGE,
    requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME, threadSafe = true,
    configurator = SecretMaskingConfigurator.HINT)
public class SbomMojo extends AbstractBuilderMojo {

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skipped()) {
      return;
    }
    run(() -> {
      SbomFormat format = requests().sbomFormat();
      if (format == SbomFormat.NONE) {
        getLog().info("builder: no SBOM (builder.sbom=none)");
        return;
      }
      builtOrBuild(false).ifPresent(state -> new SbomMaker(this, format, getLog()).sbomsOf(state));
    });
  }
}
