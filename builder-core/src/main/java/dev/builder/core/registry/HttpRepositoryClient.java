package dev.builder.core.registry;

import com.google.cloud.tools.jib.http.ResponseException;
import dev.builder.core.BuilderException;
import dev.builder.core.image.Blob;
import dev.builder.core.image.Digest;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;

/** {@link RepositoryClient} over builder's own requests of the distribution API, with failures explained. */
final class HttpRepositoryClient implements RepositoryClient {
  private final ImageName repository;
  private final RepositoryHttp http;
  private final Optional<Credentials> credentials;
  private final String operation;
  private final Duration timeout;

  /** @param http the requests for this repository, authenticated already */
  HttpRepositoryClient(
      ImageName repository,
      RepositoryHttp http,
      Optional<Credentials> credentials,
      String operation,
      Duration timeout) {
    this.repository = repository;
    this.http = http;
    this.credentials = credentials;
    this.operation = operation;
    this.timeout = timeout;
  }

  @Override
  public ImageName repository() {
    return repository;
  }

  @Override
  public Optional<Long> blobSize(Digest digest) {
    try {
      return http.blobSize(digest);
    } catch (IOException e) {
      throw fail("check blob " + digest.hex().substring(0, 12), e);
    }
  }

  @Override
  public BlobPush pushBlob(Blob blob, String mountFrom) {
    try {
      return http.pushBlob(blob, mountFrom) ? BlobPush.MOUNTED : BlobPush.UPLOADED;
    } catch (IOException e) {
      throw fail("upload blob " + blob.digest().hex().substring(0, 12), e);
    }
  }

  @Override
  public void pullBlob(Digest digest, OutputStream out) throws IOException {
    try {
      http.pullBlob(digest, out);
    } catch (ResponseException | ElsewhereException e) {
      throw fail("download blob " + digest.hex().substring(0, 12), e);
    }
  }

  @Override
  public RawManifest pullManifest(String qualifier) {
    try {
      return http.fetch(qualifier);
    } catch (IOException e) {
      throw RegistryErrors.explain(operation, null, repository.withQualifier(qualifier), credentials, e, timeout);
    }
  }

  @Override
  public Optional<RawManifest> findManifest(String qualifier) {
    try {
      return Optional.of(http.fetch(qualifier));
    } catch (IOException e) {
      if (isNotFound(e)) {
        return Optional.empty();
      }
      throw RegistryErrors.explain(operation, null, repository.withQualifier(qualifier), credentials, e, timeout);
    }
  }

  @Override
  public Optional<RawManifest> referrers(Digest subject) {
    try {
      return Optional.of(http.referrers(subject.toString()));
    } catch (IOException e) {
      if (isNotFound(e)) {
        return Optional.empty();
      }
      throw fail("list referrers of " + subject.hex().substring(0, 12), e);
    }
  }

  @Override
  public Digest pushManifest(byte[] manifest, String mediaType, String qualifier) {
    try {
      Digest digest = Digest.of(manifest);
      Optional<String> stored = http.put(manifest, mediaType, qualifier);
      if (stored.isPresent() && !stored.get().equals(digest.toString())) {
        throw new BuilderException(
            "registry " + repository.registry() + " stored the manifest as " + stored.get() + " but builder wrote "
                + digest + "; the registry rewrote it, so the pushed image is not the built one");
      }
      return digest;
    } catch (IOException e) {
      throw fail("store the manifest as " + qualifier, e);
    }
  }

  private static boolean isNotFound(IOException e) {
    return e instanceof ResponseException response && response.getStatusCode() == 404;
  }

  private BuilderException fail(String step, Throwable e) {
    return RegistryErrors.explain(operation, step, repository, credentials, e, timeout);
  }
}
