package dev.builder.core.registry;

import dev.builder.core.image.Blob;
import dev.builder.core.image.Digest;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;
import java.util.function.Supplier;

/** A repository client that takes the open one from {@link Registries} at every call, so that it outlives a close. */
final class ReopeningClient implements RepositoryClient {
  private final ImageName repository;
  private final Supplier<RepositoryClient> open;

  ReopeningClient(ImageName repository, Supplier<RepositoryClient> open) {
    this.repository = repository;
    this.open = open;
  }

  @Override
  public ImageName repository() {
    return repository;
  }

  @Override
  public Optional<Long> blobSize(Digest digest) {
    return open.get().blobSize(digest);
  }

  @Override
  public BlobPush pushBlob(Blob blob, String mountFrom) {
    return open.get().pushBlob(blob, mountFrom);
  }

  @Override
  public void pullBlob(Digest digest, OutputStream out) throws IOException {
    open.get().pullBlob(digest, out);
  }

  @Override
  public RawManifest pullManifest(String qualifier) {
    return open.get().pullManifest(qualifier);
  }

  @Override
  public Optional<RawManifest> findManifest(String qualifier) {
    return open.get().findManifest(qualifier);
  }

  @Override
  public Optional<RawManifest> referrers(Digest subject) {
    return open.get().referrers(subject);
  }

  @Override
  public Digest pushManifest(byte[] manifest, String mediaType, String qualifier) {
    return open.get().pushManifest(manifest, mediaType, qualifier);
  }
}
