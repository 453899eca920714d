package dev.builder.core.registry;

import dev.builder.core.image.Blob;
import dev.builder.core.image.Digest;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;

/**
 * The registry operations builder needs, for one repository. This is the seam between builder and its transport
 * (jib-core today): nothing of the transport's types crosses it.
 */
public interface RepositoryClient {

  ImageName repository();

  /** The stored size of a blob, or empty when the repository does not have it. */
  Optional<Long> blobSize(Digest digest);

  /**
   * Makes the blob present in the repository: mounted from {@code mountFrom} (a repository on the same registry that
   * has it) when given and the registry allows it, else uploaded.
   */
  BlobPush pushBlob(Blob blob, String mountFrom);

  /** Streams a blob into {@code out}, checking its digest. */
  void pullBlob(Digest digest, OutputStream out) throws IOException;

  /** A manifest or index exactly as the registry stores it, by tag or digest. */
  RawManifest pullManifest(String qualifier);

  /** Like {@link #pullManifest}, but empty when the repository has no such tag or digest. */
  Optional<RawManifest> findManifest(String qualifier);

  /**
   * The OCI 1.1 referrers index of {@code subject}, or empty when the registry has no referrers API (then clients
   * keep the index themselves under the tag {@code sha256-<hex>}).
   */
  Optional<RawManifest> referrers(Digest subject);

  /** Stores manifest bytes under a tag or digest and returns the digest the registry confirms. */
  Digest pushManifest(byte[] manifest, String mediaType, String qualifier);

  /** How a blob came to be in the repository. */
  enum BlobPush {
    MOUNTED,
    UPLOADED,
    ALREADY_THERE
  }

  /** Manifest bytes as stored, with their media type and digest. */
  record RawManifest(byte[] bytes, String mediaType, Digest digest) {}
}
