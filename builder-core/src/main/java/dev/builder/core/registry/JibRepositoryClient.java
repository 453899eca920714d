package dev.builder.core.registry;

import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.blob.BlobDescriptor;
import com.google.cloud.tools.jib.blob.Blobs;
import com.google.cloud.tools.jib.registry.RegistryClient;
import dev.builder.core.BuilderException;
import dev.builder.core.image.Blob;
import dev.builder.core.image.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestException;
import java.time.Duration;
import java.util.Optional;

/**
 * {@link RepositoryClient} over jib-core's registry client, for uploads, mounts and blob reads, and builder's own
 * {@link ManifestClient} for manifests.
 */
final class JibRepositoryClient implements RepositoryClient {
  private final ImageName repository;
  private final RegistryClient.Factory factory;
  private final boolean push;
  private final ManifestClient manifests;
  private final Optional<Credentials> credentials;
  private final String operation;
  private final Duration timeout;
  private RegistryClient client;

  /**
   * @param factory jib-core's client for this repository, with its credentials set
   * @param push jib's client authenticates to push (and mount), not only to pull
   * @param manifests builder's client for the manifests, authenticated already
   */
  JibRepositoryClient(
      ImageName repository,
      RegistryClient.Factory factory,
      boolean push,
      ManifestClient manifests,
      Optional<Credentials> credentials,
      String operation,
      Duration timeout) {
    this.repository = repository;
    this.factory = factory;
    this.push = push;
    this.manifests = manifests;
    this.credentials = credentials;
    this.operation = operation;
    this.timeout = timeout;
  }

  /**
   * jib-core's client, made and authenticated when the first blob is moved. jib authenticates on its own (a request
   * to the API root and, on a token registry, a token), so a build that moves no blob, such as a push of an unchanged
   * image or a base whose layers are cached, never pays for it.
   */
  private synchronized RegistryClient client() {
    if (client == null) {
      RegistryClient made = factory.newRegistryClient();
      try {
        boolean bearer = push ? made.doPushBearerAuth() : made.doPullBearerAuth();
        if (!bearer && credentials.isPresent()) {
          made.configureBasicAuth();
        }
      } catch (IOException | RegistryException e) {
        throw fail("authenticate", e);
      }
      client = made;
    }
    return client;
  }

  @Override
  public ImageName repository() {
    return repository;
  }

  @Override
  public Optional<Long> blobSize(Digest digest) {
    try {
      return client().checkBlob(jib(digest)).map(BlobDescriptor::getSize);
    } catch (IOException | RegistryException e) {
      throw fail("check blob " + digest.hex().substring(0, 12), e);
    }
  }

  @Override
  public BlobPush pushBlob(Blob blob, String mountFrom) {
    com.google.cloud.tools.jib.blob.Blob content =
        Blobs.from(
            out -> {
              try (InputStream in = blob.open()) {
                in.transferTo(out);
              }
            },
            true);
    try {
      boolean mounted = client().pushBlob(jib(blob.digest()), content, mountFrom, written -> {});
      return mounted ? BlobPush.MOUNTED : BlobPush.UPLOADED;
    } catch (IOException | RegistryException e) {
      throw fail("upload blob " + blob.digest().hex().substring(0, 12), e);
    }
  }

  @Override
  public void pullBlob(Digest digest, OutputStream out) throws IOException {
    try {
      client().pullBlob(jib(digest), size -> {}, written -> {}).writeTo(out);
    } catch (IOException e) {
      if (e.getCause() instanceof RegistryException) {
        throw fail("download blob " + digest.hex().substring(0, 12), e.getCause());
      }
      throw e;
    }
  }

  @Override
  public RawManifest pullManifest(String qualifier) {
    try {
      return manifests.fetch(qualifier);
    } catch (IOException e) {
      throw RegistryErrors.explain(operation, null, repository.withQualifier(qualifier), credentials, e, timeout);
    }
  }

  @Override
  public Optional<RawManifest> findManifest(String qualifier) {
    try {
      return Optional.of(manifests.fetch(qualifier));
    } catch (com.google.cloud.tools.jib.http.ResponseException e) {
      if (e.getStatusCode() == 404) {
        return Optional.empty();
      }
      throw RegistryErrors.explain(operation, null, repository.withQualifier(qualifier), credentials, e, timeout);
    } catch (IOException e) {
      throw RegistryErrors.explain(operation, null, repository.withQualifier(qualifier), credentials, e, timeout);
    }
  }

  @Override
  public Optional<RawManifest> referrers(Digest subject) {
    try {
      return Optional.of(manifests.referrers(subject.toString()));
    } catch (com.google.cloud.tools.jib.http.ResponseException e) {
      if (e.getStatusCode() == 404) {
        return Optional.empty();
      }
      throw fail("list referrers of " + subject.hex().substring(0, 12), e);
    } catch (IOException e) {
      throw fail("list referrers of " + subject.hex().substring(0, 12), e);
    }
  }

  @Override
  public Digest pushManifest(byte[] manifest, String mediaType, String qualifier) {
    try {
      Digest digest = Digest.of(manifest);
      Optional<String> stored = manifests.put(manifest, mediaType, qualifier);
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

  private BuilderException fail(String step, Throwable e) {
    return RegistryErrors.explain(operation, step, repository, credentials, e, timeout);
  }

  private static DescriptorDigest jib(Digest digest) {
    try {
      return DescriptorDigest.fromDigest(digest.toString());
    } catch (DigestException e) {
      throw new IllegalStateException("a Digest is always a valid sha256 digest", e);
    }
  }
}
