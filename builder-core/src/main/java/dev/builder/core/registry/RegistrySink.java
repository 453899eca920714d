package dev.builder.core.registry;

import dev.builder.core.BuildListener;
import dev.builder.core.BuilderException;
import dev.builder.core.image.Blob;
import dev.builder.core.image.Descriptor;
import dev.builder.core.image.Digest;
import dev.builder.core.image.Image;
import dev.builder.core.image.ImageIndex;
import dev.builder.core.image.Layer;
import dev.builder.core.image.Manifest;
import dev.builder.core.image.MediaTypes;
import dev.builder.core.registry.RepositoryClient.BlobPush;
import dev.builder.core.registry.RepositoryClient.RawManifest;
import dev.builder.core.registry.UploadLedger.Claim;
import dev.builder.core.registry.UploadLedger.Follower;
import dev.builder.core.registry.UploadLedger.Owner;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import dev.builder.core.image.Attached;
import dev.builder.core.image.Attachment;
import dev.builder.core.image.ImageSink;
import dev.builder.core.image.Taggable;
import dev.builder.core.image.Transfer;
import dev.builder.core.image.Written;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Pushes an image, or an index and its images, to a registry, all or nothing as far as tags go: every blob first
 * (skipped when the repository has it, or holds the image a tag names now that names it; mounted when another
 * repository of the same registry has it or received it earlier in this session), each confirmed by the registry;
 * then the manifest by digest; then the tags, last. A push that fails before the tags
 * leaves every tag where it was; one that fails while moving them moves the tags it had moved back. A second push
 * resumes: the blobs that landed are skipped.
 */
public final class RegistrySink {
  private static final int PARALLEL_UPLOADS = 4;

  private final Registries registries;
  private final BuildListener listener;
  private final UploadLedger ledger;

  public RegistrySink(Registries registries, BuildListener listener) {
    this(registries, listener, new UploadLedger());
  }

  /** {@code ledger} is shared by the pushes of one session, so that they upload a common blob once. */
  public RegistrySink(Registries registries, BuildListener listener, UploadLedger ledger) {
    this.registries = registries;
    this.listener = listener;
    this.ledger = ledger;
  }

  /**
   * This sink bound to one repository: the {@link ImageSink} for {@code target}, which also takes attachments (SBOMs,
   * signatures) of what it pushed.
   */
  public ImageSink to(ImageName target) {
    return new ImageSink() {
      @Override
      public Written write(Taggable root, List<String> tags) {
        return push(root, target, tags);
      }

      @Override
      public boolean takesAttachments() {
        return true;
      }

      @Override
      public Attached attach(Attachment attachment) {
        return new Attachments(registries).attach(target, attachment);
      }

      @Override
      public String toString() {
        return target.repositoryName();
      }
    };
  }

  /**
   * Pushes an image, or an index (the blobs of every image, each once however many images share it, every image's
   * manifest by digest, the index by digest), and then the tags, which name {@code root}.
   */
  public Written push(Taggable root, ImageName target, List<String> tags) {
    return push(root.images(), new Top(root.bytes(), root.mediaType(), root.digest()), target, tags);
  }

  /** The manifest or index that the tags point at. */
  private record Top(byte[] bytes, String mediaType, Digest digest) {}

  /** Requests made and bytes sent by one push, across its upload threads. */
  private static final class Tally {
    final AtomicLong requests = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();
  }

  private Written push(List<Image> images, Top top, ImageName target, List<String> tags) {
    String mountFrom = mountSource(images, target);
    Tally tally = new Tally();
    RepositoryClient client = new CountingClient(registries.forPush(target, mountFrom), tally.requests);
    Map<Digest, Blob> blobs = new LinkedHashMap<>();
    for (Image image : images) {
      for (Layer layer : image.layers()) {
        blobs.putIfAbsent(layer.digest(), layer.blob());
      }
      blobs.putIfAbsent(Digest.of(image.configBytes()), image.configBlob());
    }
    // a repository that holds the manifest (or index) holds what it names: one request instead of one per blob
    boolean present = client.findManifest(top.digest().toString()).isPresent();
    Map<String, Optional<RawManifest>> previous = new LinkedHashMap<>();
    for (String tag : tags) {
      previous.put(tag, client.findManifest(tag));
    }
    // so does the image a tag points at now, which after a small change shares most blobs with the new one
    Set<Digest> held = present ? blobs.keySet() : blobsNamedBy(previous.values());
    List<BlobPush> outcomes = new ArrayList<>();
    List<Blob> toPush = new ArrayList<>();
    for (Map.Entry<Digest, Blob> blob : blobs.entrySet()) {
      if (held.contains(blob.getKey())) {
        outcomes.add(BlobPush.ALREADY_THERE);
      } else {
        toPush.add(blob.getValue());
      }
    }
    if (!toPush.isEmpty()) {
      outcomes.addAll(pushAll(client, target, toPush, mountFrom, tally));
    }
    for (Image image : present ? List.<Image>of() : images) {
      if (!image.digest().equals(top.digest())) {
        client.pushManifest(image.manifestBytes(), image.mediaType(), image.digest().toString());
      }
    }
    Digest digest = present ? top.digest() : client.pushManifest(top.bytes(), top.mediaType(), top.digest().toString());
    moveTags(client, top, tags, previous);
    int uploaded = (int) outcomes.stream().filter(o -> o == BlobPush.UPLOADED).count();
    int mounted = (int) outcomes.stream().filter(o -> o == BlobPush.MOUNTED).count();
    listener.debug(
        "pushed " + target.repositoryName() + "@" + digest + ": " + uploaded + " blobs uploaded, " + mounted
            + " mounted, " + (outcomes.size() - uploaded - mounted) + " already there");
    Descriptor pushed = new Descriptor(top.mediaType(), digest, top.bytes().length);
    return new Written(target.repositoryName(), pushed, tags.stream().map(t -> target.repositoryName() + ":" + t)
        .toList(), new Transfer(uploaded, mounted, outcomes.size() - uploaded - mounted, tally.requests.get(),
        tally.bytes.get()));
  }

  /**
   * Points every tag at the image. The registry API has no transaction, so the tags' {@code previous} manifests are
   * read before anything is written, and when a tag cannot be moved, the tags moved so far and the failed one (whose
   * answer may be what was lost) are pointed back, as far as the registry lets.
   */
  private void moveTags(
      RepositoryClient client, Top top, List<String> tags, Map<String, Optional<RawManifest>> previous) {
    List<String> touched = new ArrayList<>();
    for (String tag : tags) {
      if (previous.get(tag).filter(m -> m.digest().equals(top.digest())).isPresent()) {
        continue; // already there: nothing to move, nothing to restore
      }
      touched.add(tag);
      try {
        client.pushManifest(top.bytes(), top.mediaType(), tag);
      } catch (RuntimeException e) {
        throw new BuilderException(BuilderException.textOf(e) + restore(client, top, touched, previous), e);
      }
    }
  }

  /** Points touched tags back where they were; says what it did, for the failure's message. */
  private String restore(
      RepositoryClient client, Top top, List<String> touched, Map<String, Optional<RawManifest>> previous) {
    List<String> restored = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (String tag : touched) {
      Optional<RawManifest> before = previous.get(tag);
      if (before.isEmpty() || before.get().digest().equals(top.digest())) {
        continue; // a new tag has nothing to go back to; its image is whole all the same
      }
      try {
        client.pushManifest(before.get().bytes(), before.get().mediaType(), tag);
        restored.add(tag);
      } catch (RuntimeException e) {
        listener.warn("could not point tag " + tag + " back at " + before.get().digest() + ": " + e.getMessage());
        unknown.add(tag);
      }
    }
    return (restored.isEmpty() ? "" : ". Tags pointed back at their previous images: " + String.join(", ", restored))
        + (unknown.isEmpty() ? "" : ". Tags that may now point at the new image: " + String.join(", ", unknown));
  }

  /**
   * The blobs (config and layers) of the image manifests among {@code manifests}, which the repository holds since it
   * holds them; an index, or anything that does not parse, names none here.
   */
  private static Set<Digest> blobsNamedBy(Collection<Optional<RawManifest>> manifests) {
    Set<Digest> named = new HashSet<>();
    for (Optional<RawManifest> manifest : manifests) {
      if (manifest.isEmpty() || !MediaTypes.isManifest(manifest.get().mediaType())) {
        continue;
      }
      try {
        Manifest parsed = Manifest.parse(manifest.get().bytes(), "manifest " + manifest.get().digest());
        named.add(parsed.config().digest());
        parsed.layers().forEach(layer -> named.add(layer.digest()));
      } catch (BuilderException unreadable) {
        // then its blobs are checked one by one, as for a new repository
      }
    }
    return named;
  }

  private List<BlobPush> pushAll(RepositoryClient client, ImageName target, List<Blob> blobs, String mountFrom,
      Tally tally) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL_UPLOADS, blobs.size()), daemonThreads());
    try {
      List<Future<BlobPush>> futures = new ArrayList<>();
      for (Blob blob : blobs) {
        futures.add(pool.submit(() -> counted(pushOne(client, target, blob, mountFrom, tally), blob, tally)));
      }
      List<BlobPush> outcomes = new ArrayList<>();
      for (Future<BlobPush> future : futures) {
        outcomes.add(future.get());
      }
      return outcomes;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new BuilderException("push to " + client.repository() + " failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BuilderException("push to " + client.repository() + " was interrupted");
    } finally {
      pool.shutdownNow();
    }
  }

  private BlobPush pushOne(RepositoryClient client, ImageName target, Blob blob, String mountFrom, Tally tally)
      throws InterruptedException {
    if (client.blobSize(blob.digest()).isPresent()) {
      return BlobPush.ALREADY_THERE;
    }
    String from = blob instanceof RegistryBlob remote
        && remote.repository().registry().equals(client.repository().registry())
        ? remote.repository().repository()
        : null;
    if (from != null && from.equals(mountFrom)) {
      return log(blob, client.pushBlob(blob, from));
    }
    Claim claim = ledger.claim(target.registry(), blob.digest());
    if (claim instanceof Follower follower) {
      Optional<String> holder = UploadLedger.awaitRepository(follower);
      if (holder.isPresent() && !holder.get().equals(target.repository())) {
        // another push of this session uploaded it to this registry: mount it from there
        return log(blob, new CountingClient(registries.forPush(target, holder.get()), tally.requests)
            .pushBlob(blob, holder.get()));
      }
      return log(blob, client.pushBlob(blob, null));
    }
    Owner owner = (Owner) claim;
    try {
      BlobPush outcome = client.pushBlob(UploadProgress.of(blob, listener), null);
      ledger.done(owner, target.repository());
      return log(blob, outcome);
    } catch (RuntimeException e) {
      ledger.failed(owner);
      throw e;
    }
  }

  private static BlobPush counted(BlobPush outcome, Blob blob, Tally tally) {
    if (outcome == BlobPush.UPLOADED) {
      tally.bytes.addAndGet(blob.size());
    }
    return outcome;
  }

  private BlobPush log(Blob blob, BlobPush outcome) {
    listener.debug(outcome.name().toLowerCase(Locale.ROOT) + " " + blob.digest() + " (" + blob.size() + " bytes)");
    return outcome;
  }

  /** A repository on the target's registry that holds the base layers, if any: blobs are mounted from it. */
  private static String mountSource(List<Image> images, ImageName target) {
    for (Layer layer : images.stream().flatMap(i -> i.layers().stream()).toList()) {
      if (layer.blob() instanceof RegistryBlob remote
          && remote.repository().registry().equals(target.registry())
          && !remote.repository().repository().equals(target.repository())) {
        return remote.repository().repository();
      }
    }
    return null;
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    return runnable -> {
      Thread thread = new Thread(runnable, "builder-upload");
      thread.setDaemon(true);
      return thread;
    };
  }
}
