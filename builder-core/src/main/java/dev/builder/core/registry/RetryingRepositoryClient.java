package dev.builder.core.registry;

import dev.builder.core.image.Blob;
import dev.builder.core.image.Digest;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;

/**
 * Tries registry operations again after faults that may pass (see {@link RetryPolicy}). Every operation here is safe
 * to repeat: uploads start over, manifests are PUT whole, and a blob download is repeated only while nothing of it
 * has been written yet.
 */
final class RetryingRepositoryClient implements RepositoryClient {
  private final RepositoryClient delegate;
  private final Retry retry;

  RetryingRepositoryClient(RepositoryClient delegate, Retry retry) {
    this.delegate = delegate;
    this.retry = retry;
  }

  @Override
  public ImageName repository() {
    return delegate.repository();
  }

  @Override
  public Optional<Long> blobSize(Digest digest) {
    return retry.runUnchecked("check blob " + digest, Faults::isTransient, () -> delegate.blobSize(digest));
  }

  @Override
  public BlobPush pushBlob(Blob blob, String mountFrom) {
    return retry.runUnchecked("upload blob " + blob.digest(), Faults::isTransient,
        () -> delegate.pushBlob(blob, mountFrom));
  }

  @Override
  public void pullBlob(Digest digest, OutputStream out) throws IOException {
    CountingStream counting = new CountingStream(out);
    retry.run("download blob " + digest, e -> counting.count == 0 && Faults.isTransient(e), () -> {
      delegate.pullBlob(digest, counting);
      return null;
    });
  }

  @Override
  public RawManifest pullManifest(String qualifier) {
    return retry.runUnchecked("pull manifest " + qualifier, Faults::isTransient,
        () -> delegate.pullManifest(qualifier));
  }

  @Override
  public Optional<RawManifest> findManifest(String qualifier) {
    return retry.runUnchecked("pull manifest " + qualifier, Faults::isTransient,
        () -> delegate.findManifest(qualifier));
  }

  @Override
  public Optional<RawManifest> referrers(Digest subject) {
    return retry.runUnchecked("list referrers of " + subject, Faults::isTransient, () -> delegate.referrers(subject));
  }

  @Override
  public Digest pushManifest(byte[] manifest, String mediaType, String qualifier) {
    return retry.runUnchecked("push manifest " + qualifier, Faults::isTransient,
        () -> delegate.pushManifest(manifest, mediaType, qualifier));
  }

  /** Counts what a download has written, so that a half-written download is never started again. */
  private static final class CountingStream extends FilterOutputStream {
    private long count;

    CountingStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }
  }
}
