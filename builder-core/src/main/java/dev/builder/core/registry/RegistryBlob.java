package dev.builder.core.registry;

import dev.builder.core.BuilderException;
import dev.builder.core.cache.BlobCache;
import dev.builder.core.image.Blob;
import dev.builder.core.image.Digest;
import dev.builder.core.io.Streams;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A blob that lives in a registry repository. Nothing is downloaded until it is opened; then it is fetched once
 * into the blob cache. A push to the same registry mounts it instead of reading it.
 */
public final class RegistryBlob implements Blob {
  private final RepositoryClient client;
  private final BlobCache cache;
  private final Digest digest;
  private final long size;

  RegistryBlob(RepositoryClient client, BlobCache cache, Digest digest, long size) {
    this.client = client;
    this.cache = cache;
    this.digest = digest;
    this.size = size;
  }

  /** The repository that holds the blob. */
  public ImageName repository() {
    return client.repository();
  }

  @Override
  public Digest digest() {
    return digest;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public InputStream open() throws IOException {
    String what = "blob " + digest + " of " + client.repository().repositoryName();
    // a registry that sends more than the manifest promised is cut off, so it cannot fill the disk
    Path file = cache.store(digest, out -> client.pullBlob(digest, Streams.bounded(out, size, what)));
    long stored = Files.size(file);
    if (stored != size) {
      // the right content (the cache checked its digest) under a wrong size: the manifest is wrong, not the blob
      throw new BuilderException(what + " has " + stored + " bytes, but the manifest that lists it gives " + size
          + ". The manifest is wrong: the image must be pushed again by what made it.");
    }
    return Files.newInputStream(file);
  }
}
