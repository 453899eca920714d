package dev.builder.core.registry;

import com.google.cloud.tools.jib.http.ResponseException;
import dev.builder.core.BuildListener;
import dev.builder.core.BuilderException;
import dev.builder.core.image.Blob;
import dev.builder.core.image.Digest;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Tries registry operations again after faults that may pass (see {@link RetryPolicy}). Every operation here is safe
 * to repeat: uploads start over, manifests are PUT whole, and a blob download is repeated only while nothing of it
 * has been written yet.
 */
final class RetryingRepositoryClient implements RepositoryClient {
  private final RepositoryClient delegate;
  private final RetryPolicy policy;
  private final BuildListener listener;

  RetryingRepositoryClient(RepositoryClient delegate, RetryPolicy policy, BuildListener listener) {
    this.delegate = delegate;
    this.policy = policy;
    this.listener = listener;
  }

  @Override
  public ImageName repository() {
    return delegate.repository();
  }

  @Override
  public Optional<Long> blobSize(Digest digest) {
    return retry("check blob " + digest, () -> delegate.blobSize(digest));
  }

  @Override
  public BlobPush pushBlob(Blob blob, String mountFrom) {
    return retry("upload blob " + blob.digest(), () -> delegate.pushBlob(blob, mountFrom));
  }

  @Override
  public void pullBlob(Digest digest, OutputStream out) throws IOException {
    long start = System.nanoTime();
    for (int attempt = 1; ; attempt++) {
      CountingStream counting = new CountingStream(out);
      try {
        delegate.pullBlob(digest, counting);
        return;
      } catch (IOException | RuntimeException e) {
        if (counting.count > 0 || !shouldRetry(e, attempt, start)) {
          throw e;
        }
        pause("download blob " + digest, e, attempt);
      }
    }
  }

  @Override
  public RawManifest pullManifest(String qualifier) {
    return retry("pull manifest " + qualifier, () -> delegate.pullManifest(qualifier));
  }

  @Override
  public Optional<RawManifest> findManifest(String qualifier) {
    return retry("pull manifest " + qualifier, () -> delegate.findManifest(qualifier));
  }

  @Override
  public Optional<RawManifest> referrers(Digest subject) {
    return retry("list referrers of " + subject, () -> delegate.referrers(subject));
  }

  @Override
  public Digest pushManifest(byte[] manifest, String mediaType, String qualifier) {
    return retry("push manifest " + qualifier, () -> delegate.pushManifest(manifest, mediaType, qualifier));
  }

  private <T> T retry(String what, Supplier<T> operation) {
    long start = System.nanoTime();
    for (int attempt = 1; ; attempt++) {
      try {
        return operation.get();
      } catch (RuntimeException e) {
        if (!shouldRetry(e, attempt, start)) {
          throw e;
        }
        pause(what, e, attempt);
      }
    }
  }

  private boolean shouldRetry(Exception e, int attempt, long start) {
    return attempt < policy.maxAttempts()
        && Duration.ofNanos(System.nanoTime() - start).compareTo(policy.maxTotal()) < 0
        && transientFault(e);
  }

  /** Faults that may pass: timeouts, resets, 408, 429 and 5xx. */
  static boolean transientFault(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof ResponseException response) {
        int status = response.getStatusCode();
        return status == 408 || status == 429 || status >= 500;
      }
      if (t instanceof SocketTimeoutException || t instanceof SocketException
          || (t instanceof InterruptedIOException && !(t instanceof java.nio.channels.ClosedByInterruptException))) {
        return true;
      }
      if (t instanceof IOException io && io.getMessage() != null
          && (io.getMessage().contains("Connection reset") || io.getMessage().contains("Premature EOF")
              || io.getMessage().contains("Unexpected end of file"))) {
        return true;
      }
    }
    return false;
  }

  private void pause(String what, Exception e, int attempt) {
    long millis = policy.initialBackoff().toMillis() << (attempt - 1);
    millis += ThreadLocalRandom.current().nextLong(millis / 2 + 1);
    Long retryAfter = retryAfterMillis(e);
    if (retryAfter != null) {
      millis = Math.max(millis, Math.min(retryAfter, policy.maxTotal().toMillis()));
    }
    listener.debug("retrying " + what + " in " + millis + " ms after: " + summary(e));
    try {
      Thread.sleep(millis);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new BuilderException("interrupted while waiting to retry " + what);
    }
  }

  private static Long retryAfterMillis(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof ResponseException response && response.getHeaders() != null) {
        Object value = response.getHeaders().get("retry-after");
        String text = value instanceof java.util.List<?> list && !list.isEmpty() ? String.valueOf(list.get(0))
            : value == null ? null : value.toString();
        if (text != null && text.trim().matches("\\d+")) {
          return Long.parseLong(text.trim()) * 1000;
        }
      }
    }
    return null;
  }

  private static String summary(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
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
