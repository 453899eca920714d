package dev.builder.maven;

import dev.builder.core.k8s.Kubectl;
import dev.builder.core.k8s.LabelSelector;
import dev.builder.core.k8s.Manifests;
import dev.builder.core.k8s.Reference;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code resolve}, {@code apply} and {@code delete}: Kubernetes YAML whose images name modules of the reactor
 * ({@code builder://ARTIFACT_ID}, {@code builder://GROUP_ID:ARTIFACT_ID}, {@code builder://.}) gets the images
 * pushed for them and goes to {@code target/builder/k8s/}, then, for apply and delete, to kubectl. How the modules
 * of a reactor meet is {@link KubernetesReactor}'s job.
 */
abstract class AbstractKubernetesMojo extends AbstractBuilderMojo {

  /** The Kubernetes files: a folder (its .yaml, .yml and .json files, recursively) or one file. */
  @Parameter(property = "builder.k8s.files", defaultValue = "${project.basedir}/src/main/k8s")
  protected File k8sFiles;

  /** Keep only the documents whose labels match, as {@code kubectl -l} does: {@code app=orders,tier!=db}. */
  @Parameter(property = "builder.k8s.selector")
  protected String k8sSelector;

  /** Write {@code name:tag} (the first tag) instead of {@code name@sha256:...}. */
  @Parameter(property = "builder.k8s.tagOnly", defaultValue = "false")
  protected boolean k8sTagOnly;

  /** The kubectl to run: a name looked up on the PATH, or a path. */
  @Parameter(property = "builder.kubectl", defaultValue = "kubectl")
  protected String kubectl;

  /** More arguments for kubectl, separated by spaces: {@code --context=staging --namespace=shop}. */
  @Parameter(property = "builder.kubectl.args")
  protected String kubectlArgs;

  @Parameter(defaultValue = "${project.build.directory}/builder/k8s", readonly = true)
  protected File k8sOutputDirectory;

  /** What to do with the resolved YAML: {@code apply}, {@code delete}, or nothing (null) for resolve. */
  protected abstract String kubectlVerb();

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("builder: skipped (builder.skip)");
    }
    run(() -> {
      KubernetesReactor reactor = KubernetesReactor.of(session);
      if (skip || "pom".equals(project.getPackaging())) {
        reactor.moduleWithoutImage(project, skip ? "builder.skip is set for it" : "its packaging is pom");
      } else {
        reactor.module(project, this::push);
      }
      if (!skip) {
        readFolder(reactor);
      }
      for (KubernetesReactor.Folder folder : reactor.ran(project)) {
        folder.resolve().accept(reactor.images(folder));
      }
      reactor.checkNothingWaits(project);
    });
  }

  private void readFolder(KubernetesReactor reactor) {
    Path folder = k8sFiles.toPath();
    LabelSelector selector = LabelSelector.parse(k8sSelector);
    Manifests manifests = Manifests.read(folder);
    if (manifests.isEmpty()) {
      getLog().debug("builder: no Kubernetes files in " + folder);
      return;
    }
    Manifests selected = manifests.select(selector);
    if (!reactor.folder(project, folder, selected, images -> resolve(selected, images))) {
      getLog().debug("builder: " + folder + " is resolved by the module that read it first");
      return;
    }
    String waitingFor = selected.references().isEmpty() ? "" : ", " + selected.references().size()
        + " builder:// references";
    getLog().info("builder: read " + manifests.objectCount() + " Kubernetes objects from " + folder
        + (selector.matchesEverything() ? "" : ", " + selected.objectCount() + " of them match " + selector)
        + waitingFor);
  }

  /** Writes the resolved YAML of this module's folder and hands it to kubectl: the images are all pushed. */
  private void resolve(Manifests selected, Map<Reference, PushedImage> images) {
    Manifests resolved = selected.resolve(r -> k8sTagOnly ? images.get(r).byTag() : images.get(r).byDigest());
    images.forEach((r, image) -> getLog().info("builder: " + r.location() + " " + r.token() + " -> "
        + (k8sTagOnly ? image.byTag() : image.byDigest())));
    resolved.write(k8sOutputDirectory.toPath());
    getLog().info("builder: wrote " + resolved.files().size() + " files, " + resolved.objectCount()
        + " objects, to " + k8sOutputDirectory);
    Optional.ofNullable(kubectlVerb()).ifPresent(verb -> {
      if (resolved.objectCount() == 0) {
        getLog().info("builder: no Kubernetes objects to " + verb + "; kubectl not run");
        return;
      }
      Kubectl command = new Kubectl(kubectl, arguments(), new MavenBuildListener(getLog()));
      getLog().info("builder: " + String.join(" ", command.command(verb)));
      command.run(verb, resolved.stream());
    });
  }

  private List<String> arguments() {
    return kubectlArgs == null || kubectlArgs.isBlank()
        ? List.of()
        : Arrays.asList(kubectlArgs.trim().split("\\s+"));
  }
}
