package dev.builder.core.registry;

import dev.builder.core.image.Blob;
import dev.builder.core.image.Digest;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** A repository client that counts the requests made through it, for what a push reports it cost. */
final class CountingClient implements RepositoryClient {
  private final RepositoryClient client;
  private final AtomicLong requests;

  CountingClient(RepositoryClient client, AtomicLong requests) {
    this.client = client;
    this.requests = requests;
  }

  @Override
  public ImageName repository() {
    return client.repository();
  }

  @Override
  public Optional<Long> blobSize(Digest digest) {
    requests.incrementAndGet();
    return client.blobSize(digest);
  }

  @Override
  public BlobPush pushBlob(Blob blob, String mountFrom) {
    // an upload is a POST, a PATCH or a PUT, and a mount one POST: count the round trips it takes at the least
    requests.addAndGet(mountFrom == null ? 2 : 1);
    return client.pushBlob(blob, mountFrom);
  }

  @Override
  public void pullBlob(Digest digest, OutputStream out) throws IOException {
    requests.incrementAndGet();
    client.pullBlob(digest, out);
  }

  @Override
  public RawManifest pullManifest(String qualifier) {
    requests.incrementAndGet();
    return client.pullManifest(qualifier);
  }

  @Override
  public Optional<RawManifest> findManifest(String qualifier) {
    requests.incrementAndGet();
    return client.findManifest(qualifier);
  }

  @Override
  public Optional<RawManifest> referrers(Digest subject) {
    requests.incrementAndGet();
    return client.referrers(subject);
  }

  @Override
  public Digest pushManifest(byte[] manifest, String mediaType, String qualifier) {
    requests.incrementAndGet();
    return client.pushManifest(manifest, mediaType, qualifier);
  }
}
