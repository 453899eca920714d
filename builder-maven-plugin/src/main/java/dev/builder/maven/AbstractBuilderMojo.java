package dev.builder.maven;

import dev.builder.core.BuildListener;
import dev.builder.core.BuilderException;
import dev.builder.core.assembly.BaseImages;
import dev.builder.core.assembly.BuiltImages;
import dev.builder.core.image.Attached;
import dev.builder.core.daemon.DaemonSink;
import dev.builder.core.daemon.DockerEngine;
import dev.builder.core.image.Written;
import dev.builder.core.registry.ImageName;
import dev.builder.core.registry.Registries;
import dev.builder.core.registry.UploadLedger;
import dev.builder.core.signing.PushSigning;
import dev.builder.core.signing.Signer;
import dev.builder.core.workflow.BuildOutputs;
import dev.builder.core.workflow.ImageRecord;
import dev.builder.core.workflow.Publication;
import dev.builder.core.workflow.Workflow;
import dev.builder.sbom.SbomFormat;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;

/**
 * What the image goals do with their parameters: each maps them to builder-core's {@link Workflow} through
 * {@link ImageRequests}, and its result to the log. The image built for a module is kept for the session
 * ({@link BuildState}), so that {@code build}, {@code sbom} and {@code push} in one run build it once.
 */
abstract class AbstractBuilderMojo extends ImageParameters {

  /** True when this module gets no image: builder is skipped, or the module is a POM. */
  protected boolean skipped() {
    if (skip) {
      getLog().info("builder: skipped (builder.skip)");
      return true;
    }
    if ("pom".equals(project.getPackaging())) {
      getLog().info("builder: skipped, packaging pom has no image");
      return true;
    }
    return false;
  }

  protected ImageRequests requests() {
    return new ImageRequests(this);
  }

  /** The image built in this session, or one built now (the outputs written when asked); empty for a library. */
  protected Optional<BuildState> builtOrBuild(boolean writeOutputs) {
    return BuildState.of(project).or(() -> build(writeOutputs));
  }

  /** Builds the image for this project, or empty for a library module; the outputs are written when asked. */
  protected Optional<BuildState> build(boolean writeOutputs) {
    return build(writeOutputs, new MavenBuildListener(getLog()), false);
  }

  /**
   * {@link #build(boolean)} with {@code listener}; with {@code staysOpen} the registry connections stay open for the
   * push that follows (which closes them), so that what the listener started reading from a registry during the
   * build (a base's contents, for the SBOM) is not cut off when the build ends.
   */
  private Optional<BuildState> build(boolean writeOutputs, BuildListener listener, boolean staysOpen) {
    ImageRequests requests = requests();
    BuildOutputs outputs = new BuildOutputs(workDirectory.toPath());
    if (writeOutputs) {
      outputs.clear();
    }
    ImageName name = requests.targetName().orElseGet(() -> ImageName.parse(ImageNaming.local(project.getArtifactId())));
    String displayName = requests.displayName();
    List<String> tags = requests.tags(name);
    Registries registries = requests.registries(listener);
    Optional<BuiltImages> built;
    Workflow workflow = new Workflow(registries, requests.daemons(), listener, uploadLedger());
    boolean open = false;
    try {
      built = workflow.build(requests.buildRequest(listener, getLog()));
      open = staysOpen && built.isPresent();
    } finally {
      if (!open) {
        workflow.close();
      }
    }
    if (built.isEmpty()) {
      ReactorNames.withoutImage(session, project);
      getLog().info("builder: skipped, " + project.getArtifactId() + " has no main class (a library); set"
          + " <mainClass> to build an image of it");
      return Optional.empty();
    }
    BuildState state = new BuildState(registries, built.get(), displayName, tags, List.of());
    if (writeOutputs) {
      outputs.writeImage(built.get(), displayName, tags);
      new ImageRecord(workDirectory.toPath()).built(displayName, built.get(), tags);
      built.get().index().ifPresent(index -> getLog().info("builder: " + outputs.tarball() + " is an OCI archive of"
          + " the index for " + platformList(built.get()) + "; docker load takes one platform's image: build with"
          + " -Dbuilder.platforms=" + built.get().images().get(0).image().config().platform()
          + " for a tarball docker load reads"));
    }
    state.storeIn(project);
    return Optional.of(state);
  }

  /**
   * The ledger of blobs uploaded in this Maven session, shared by the modules that {@code -T} pushes in parallel so
   * that a common base layer crosses the network once. It lives in the session's data, not in a static field.
   */
  protected UploadLedger uploadLedger() {
    return SessionValues.computeIfAbsent(session, UploadLedger.class, UploadLedger::new);
  }

  /**
   * Pushes this project's image to every tag with its SBOMs attached, and returns what was pushed, or empty for a
   * library module. A project already pushed in this session is not pushed again.
   */
  protected Optional<PushedImage> push() {
    Optional<PushedImage> done = PushedImage.of(project);
    if (done.isPresent()) {
      return done;
    }
    ImageRequests requests = requests();
    ImageName target = requests.pushTarget();
    List<String> tags = requests.tags(target);
    SbomFormat format = requests.sbomFormat(); // a wrong format fails before anything is pushed
    boolean withProvenance = Signing.provenance(provenance);
    Optional<Signer> signer = Signing.signer(this); // a key that cannot be read or opened, too
    SbomMaker sboms = new SbomMaker(this, format, getLog());
    Optional<BuildState> state = BuildState.of(project).or(() -> {
      sboms.startAhead(target.repositoryName(), tags); // while the image is built
      return build(false, sboms.listeningTo(new MavenBuildListener(getLog())), true);
    });
    if (state.isEmpty()) {
      sboms.abandonAhead();
      return Optional.empty();
    }
    BuiltImages built = state.get().built();
    Publication published;
    try (Workflow workflow = new Workflow(state.get().registries(), requests.daemons(),
        new MavenBuildListener(getLog()), uploadLedger())) { // closes what the build left open, on failure too
      ReactorNames.check(session, project, target.repositoryName(), tags); // before this module or the other pushes
      published = workflow.publish(built, workflow.registry(target), tags, sboms.attachments(state.get()));
    }
    new ImageRecord(workDirectory.toPath()).written(target.repositoryName(), built, tags, published.written(), true);
    for (Attached attached : published.attached()) {
      getLog().info("builder: " + (attached.alreadyThere() ? "already attached: the " : "attached the ")
          + format.id() + " SBOM" + (built.index().isPresent() ? " of the " + attached.attachment().what() : "")
          + " as referrer " + attached.referrer()
          + (attached.fallbackTag() == null ? "" : " (referrers index at tag " + attached.fallbackTag() + ")")
          + " and at tag " + attached.cosignTag());
    }
    // signatures and attestations are cosign's images, one per digest and kind, which keys append to
    new PushSigning(state.get().registries(), new MavenBuildListener(getLog())).afterPush(target, tags, built, signer,
        withProvenance ? Optional.of(Signing.facts(this, built)) : Optional.empty(),
        Signing.sbomDocuments(sboms.sbomsOf(BuildState.of(project).orElse(state.get()))));
    var transfer = published.written().transfer();
    getLog().info("builder: pushed " + target.repositoryName() + " tags " + String.join(", ", tags)
        + (built.index().isPresent() ? ", an index of " + platformList(built) : "") + " ("
        + transfer.uploaded() + " blobs uploaded, " + transfer.mounted() + " mounted, " + transfer.skipped()
        + " already there)");
    PushedImage pushed = new PushedImage(target, published.written().digest(), tags);
    pushed.storeIn(project);
    return Optional.of(pushed);
  }

  /**
   * Loads the image built in this session (building it first when {@code build} did not run) into the local daemon
   * as {@code NAME:TAG} for every tag, and rewrites {@code image.json}.
   */
  protected void loadIntoDaemon() {
    ImageRequests requests = requests();
    String name = requests.localName();
    List<String> tags = requests.tags(ImageName.parse(name));
    DockerEngine engine = requests.daemons().connect(); // before any build: no daemon, no build
    Optional<BuildState> state = builtOrBuild(false);
    if (state.isEmpty()) {
      return;
    }
    BuiltImages built = state.get().built();
    List<String> bases = built.images().stream().flatMap(i -> BaseImages.nameInDaemon(i.base().name()).stream())
        .distinct().toList();
    Written written = new DaemonSink(engine, name, bases, new MavenBuildListener(getLog())).write(built.root(), tags);
    new ImageRecord(workDirectory.toPath()).written(name, built, tags, written, false);
    getLog().info("builder: loaded " + String.join(", ", written.references()) + " into " + written.destination());
  }

  private static String platformList(BuiltImages built) {
    return String.join(", ", built.images().stream().map(i -> i.image().config().platform().toString()).toList());
  }

  /** Runs a goal, turning a problem the user can fix into a build failure with its message and nothing more. */
  protected void run(Goal goal) throws MojoExecutionException, MojoFailureException {
    try {
      // jib.from.image and jib.to.image stand in for builder's settings a user left unset, each said in one line
      JibSpellings.Values jib = JibSpellings.adopt(new JibSpellings.Values(from, image, tags),
          session.getUserProperties(), project.getProperties(), getLog()::info);
      from = jib.from();
      image = jib.image();
      tags = jib.tags();
      goal.run();
    } catch (BuilderException e) {
      // Maven prints every cause's message it has not printed yet: the cause must say the same words
      BuilderException worded = e.worded(MavenWording::words);
      throw new MojoFailureException("builder: " + worded.getMessage(), worded);
    } catch (RuntimeException e) {
      throw new MojoExecutionException("builder: " + MavenWording.render(e.getMessage()), e);
    }
  }

  /** A goal's body. */
  @FunctionalInterface
  protected interface Goal {
    void run();
  }
}
