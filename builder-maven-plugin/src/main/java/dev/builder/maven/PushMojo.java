package dev.builder.maven;

import dev.builder.core.BuilderException;
import dev.builder.core.build.BuildOutputs;
import dev.builder.core.registry.Attachments;
import dev.builder.core.registry.Attachments.Attached;
import dev.builder.core.registry.ImageName;
import dev.builder.sbom.SbomFormat;
import java.util.Map;
import dev.builder.core.registry.RegistrySink;
import dev.builder.core.registry.RegistrySink.PushResult;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Pushes the image built in this session (building it first when {@code build} did not run) to every tag, attaches
 * its SBOM (as an OCI referrer and under the cosign-style tag {@code sha256-<hex>.sbom}), rewrites
 * {@code target/builder/image.json}, and logs the pushed {@code name@sha256:...} as its last line.
 */
@Mojo(name = "push", defaultPhase = LifecyclePhase.DEPLOY, requiresDependencyResolution = ResolutionScope.RUNTIME,
    threadSafe = true)
public class PushMojo extends AbstractBuilderMojo {

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skipped()) {
      return;
    }
    run(() -> {
      ImageName target = targetName().orElseThrow(() -> new BuilderException(
          "no repository to push " + project.getArtifactId() + " to. Set <repository> in the plugin configuration,"
              + " -Dbuilder.repository=REGISTRY/PATH or the environment variable BUILDER_REPO,"
              + " for example localhost:5000/apps"));
      var tags = tagList(target);
      SbomFormat.parse(sbom); // a wrong format fails before anything is pushed
      Optional<BuildState> state = BuildState.of(project).or(() -> build(false));
      if (state.isEmpty()) {
        return;
      }
      PushResult result = new RegistrySink(state.get().registries(), new MavenBuildListener(getLog()))
          .push(state.get().built().image(), target, tags);
      new BuildOutputs(workDirectory.toPath())
          .writeImageJson(target.repositoryName(), result.digest(), tags, true);
      sbomOf(state.get()).ifPresent(written -> {
        Attached attached = new Attachments(state.get().registries()).attach(target,
            state.get().built().image().descriptor(), written.bytes(), written.format().mediaType(),
            written.format().cosignMediaType(), "sbom",
            Map.of("org.opencontainers.image.created", state.get().built().image().config().created().toString()));
        getLog().info("builder: attached the " + written.format().id() + " SBOM as referrer " + attached.referrer()
            + (attached.fallbackTag() == null ? "" : " (referrers index at tag " + attached.fallbackTag() + ")")
            + " and at tag " + attached.cosignTag());
      });
      getLog().info("builder: pushed " + target.repositoryName() + " tags " + String.join(", ", tags) + " ("
          + result.uploaded() + " blobs uploaded, " + result.mounted() + " mounted, " + result.skipped()
          + " already there)");
      getLog().info(target.repositoryName() + "@" + result.digest());
    });
  }
}
