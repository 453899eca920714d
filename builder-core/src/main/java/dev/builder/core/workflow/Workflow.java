package dev.builder.core.workflow;

import dev.builder.core.BuildListener;
import dev.builder.core.assembly.BuildRequest;
import dev.builder.core.assembly.BuiltImages;
import dev.builder.core.assembly.ImageBuilder;
import dev.builder.core.daemon.DaemonLocator;
import dev.builder.core.daemon.DaemonSink;
import dev.builder.core.image.ImageSink;
import dev.builder.core.registry.ImageName;
import dev.builder.core.registry.Registries;
import dev.builder.core.registry.RegistrySink;
import dev.builder.core.registry.UploadLedger;
import java.util.List;
import java.util.Optional;

/**
 * builder's job from start to end, for any front end (the Maven plugin, a test, a command line): build an image from
 * a {@link BuildRequest}, write it to one or more sinks, attach documents to it, and leave a record. It owns the
 * registry connections of one build, closed with it; an image built by one workflow can still be written by the next,
 * as its connections open again when used.
 */
public final class Workflow implements AutoCloseable {
  private final Registries registries;
  private final DaemonLocator daemons;
  private final BuildListener listener;
  private final UploadLedger ledger;

  /**
   * @param daemons where {@code docker://} bases are read from and images loaded into
   * @param ledger shared by the workflows that push at the same time, so that a common blob is uploaded once
   */
  public Workflow(Registries registries, DaemonLocator daemons, BuildListener listener, UploadLedger ledger) {
    this.registries = registries;
    this.daemons = daemons;
    this.listener = listener == null ? BuildListener.SILENT : listener;
    this.ledger = ledger == null ? new UploadLedger() : ledger;
  }

  /** Builds the image the request describes; empty when the application has no main class (a library). */
  public Optional<BuiltImages> build(BuildRequest request) {
    return new ImageBuilder(registries, daemons).build(request);
  }

  /** The sink for a registry repository. */
  public ImageSink registry(ImageName target) {
    return new RegistrySink(registries, listener, ledger).to(target);
  }

  /**
   * The sink for the local Docker or Podman daemon, which names images {@code name:TAG}; it connects now, so that a
   * missing daemon fails before anything is built.
   */
  public ImageSink daemon(String name, List<String> related) {
    return new DaemonSink(daemons.connect(), name, related, listener);
  }

  /** Writes {@code built} to {@code sink} under every tag, with what {@code attachments} makes attached. */
  public Publication publish(BuiltImages built, ImageSink sink, List<String> tags, AttachmentMaker attachments) {
    return new Publisher().publish(built, sink, tags, attachments);
  }

  public Registries registries() {
    return registries;
  }

  @Override
  public void close() {
    registries.close();
  }
}
