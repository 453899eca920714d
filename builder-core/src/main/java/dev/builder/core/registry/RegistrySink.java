package dev.builder.core.registry;

import dev.builder.core.BuildListener;
import dev.builder.core.BuilderException;
import dev.builder.core.image.Blob;
import dev.builder.core.image.Digest;
import dev.builder.core.image.Image;
import dev.builder.core.image.Layer;
import dev.builder.core.registry.RepositoryClient.BlobPush;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Pushes an image to a registry: every blob first (skipped when the repository has it, mounted when another
 * repository of the same registry has it), then the manifest by digest, then the tags. A push that fails before the
 * tags leaves every tag where it was.
 */
public final class RegistrySink {
  private static final int PARALLEL_UPLOADS = 4;

  private final Registries registries;
  private final BuildListener listener;

  public RegistrySink(Registries registries, BuildListener listener) {
    this.registries = registries;
    this.listener = listener;
  }

  /** What a push did. */
  public record PushResult(ImageName image, Digest digest, List<String> tags, int uploaded, int mounted, int skipped) {}

  public PushResult push(Image image, ImageName target, List<String> tags) {
    String mountFrom = mountSource(image, target);
    RepositoryClient client = registries.forPush(target, mountFrom);
    List<Blob> blobs = new ArrayList<>();
    for (Layer layer : image.layers()) {
      blobs.add(layer.blob());
    }
    blobs.add(image.configBlob());
    List<BlobPush> outcomes = pushAll(client, blobs, mountFrom);
    Digest digest = client.pushManifest(image.manifestBytes(), image.mediaType(), image.digest().toString());
    for (String tag : tags) {
      client.pushManifest(image.manifestBytes(), image.mediaType(), tag);
    }
    int uploaded = (int) outcomes.stream().filter(o -> o == BlobPush.UPLOADED).count();
    int mounted = (int) outcomes.stream().filter(o -> o == BlobPush.MOUNTED).count();
    listener.debug(
        "pushed " + target.repositoryName() + "@" + digest + ": " + uploaded + " blobs uploaded, " + mounted
            + " mounted, " + (outcomes.size() - uploaded - mounted) + " already there");
    return new PushResult(target.withDigest(digest), digest, List.copyOf(tags), uploaded, mounted,
        outcomes.size() - uploaded - mounted);
  }

  private List<BlobPush> pushAll(RepositoryClient client, List<Blob> blobs, String mountFrom) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL_UPLOADS, blobs.size()), daemonThreads());
    try {
      List<Future<BlobPush>> futures = new ArrayList<>();
      for (Blob blob : blobs) {
        futures.add(pool.submit(() -> pushOne(client, blob, mountFrom)));
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

  private BlobPush pushOne(RepositoryClient client, Blob blob, String mountFrom) {
    if (client.blobSize(blob.digest()).isPresent()) {
      return BlobPush.ALREADY_THERE;
    }
    String from = blob instanceof RegistryBlob remote && remote.repository().registry().equals(client.repository().registry())
        ? remote.repository().repository()
        : null;
    BlobPush outcome = client.pushBlob(blob, from != null && from.equals(mountFrom) ? from : null);
    listener.debug(outcome.name().toLowerCase() + " " + blob.digest() + " (" + blob.size() + " bytes)");
    return outcome;
  }

  /** A repository on the target's registry that holds the base layers, if any: blobs are mounted from it. */
  private static String mountSource(Image image, ImageName target) {
    for (Layer layer : image.layers()) {
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
