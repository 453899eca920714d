package dev.builder.core.registry;

import dev.builder.core.BuilderException;
import dev.builder.core.cache.BlobCache;
import dev.builder.core.image.Blob;
import dev.builder.core.image.Descriptor;
import dev.builder.core.image.Digest;
import dev.builder.core.image.Image;
import dev.builder.core.image.ImageIndex;
import dev.builder.core.image.Taggable;
import dev.builder.core.image.ImageSource;
import dev.builder.core.image.Index;
import dev.builder.core.image.Manifest;
import dev.builder.core.image.MediaTypes;
import dev.builder.core.image.Platform;
import dev.builder.core.io.Streams;
import dev.builder.core.registry.RepositoryClient.RawManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads images from a registry, or from the first of its mirrors that has the image. Layers stay in the registry
 * until something opens them. The image keeps the name it was asked for, whatever served it.
 */
public final class RegistrySource implements ImageSource {
  private final Registries registries;
  private final BlobCache cache;
  private final ImageName name;
  private BaseOrigin origin;

  public RegistrySource(Registries registries, BlobCache cache, ImageName name) {
    this.registries = registries;
    this.cache = cache;
    this.name = name;
  }

  /**
   * What the name points at and where it was found, read once: every platform of a build and the list of platforms
   * then come from the same index, and from the same mirror, even when its tag moves during the build.
   */
  private synchronized BaseOrigin origin() {
    if (origin == null) {
      origin = BaseOrigin.find(registries, name);
    }
    return origin;
  }

  @Override
  public ResolvedImage resolve(Platform platform) {
    RepositoryClient client = origin().client();
    RawManifest top = origin().top();
    RawManifest manifest = top;
    if (MediaTypes.isIndex(top.mediaType())) {
      Descriptor chosen = Index.parse(top.bytes(), "the index of " + name).select(platform, "base image " + name);
      manifest = client.pullManifest(chosen.digest().toString());
    } else if (!MediaTypes.isManifest(top.mediaType())) {
      throw new BuilderException(
          name + " is a " + top.mediaType() + ", not an image; builder takes OCI or Docker v2 images and indexes");
    }
    Image image = read(client, manifest);
    Platform actual = image.config().platform();
    if (!MediaTypes.isIndex(top.mediaType())
        && !(actual.os().equals(platform.os()) && actual.architecture().equals(platform.architecture()))) {
      throw new BuilderException(
          "base image " + name + " is for " + actual + " only, not " + platform + ". Build for " + actual
              + " or choose a base image that has " + platform + ".");
    }
    return new ResolvedImage(image, name.toString(), top.digest());
  }

  @Override
  public Taggable read() {
    RepositoryClient client = origin().client();
    RawManifest top = origin().top();
    if (MediaTypes.isManifest(top.mediaType())) {
      return read(client, top);
    }
    if (!MediaTypes.isIndex(top.mediaType())) {
      throw new BuilderException(
          name + " is a " + top.mediaType() + ", not an image; builder takes OCI or Docker v2 images and indexes");
    }
    List<Image> images = new ArrayList<>();
    for (Descriptor entry : Index.parse(top.bytes(), "the index of " + name).manifests()) {
      if (MediaTypes.isManifest(entry.mediaType())) {
        images.add(read(client, client.pullManifest(entry.digest().toString())));
      }
    }
    return ImageIndex.read(top.bytes(), images, "the index of " + name);
  }

  @Override
  public List<Platform> platforms() {
    RepositoryClient client = origin().client();
    RawManifest top = origin().top();
    if (MediaTypes.isIndex(top.mediaType())) {
      return Index.parse(top.bytes(), "the index of " + name).images().stream().map(Descriptor::platform).toList();
    }
    if (!MediaTypes.isManifest(top.mediaType())) {
      throw new BuilderException(
          name + " is a " + top.mediaType() + ", not an image; builder takes OCI or Docker v2 images and indexes");
    }
    return List.of(read(client, top).config().platform());
  }

  private Image read(RepositoryClient client, RawManifest manifest) {
    String what = "image " + name.withDigest(manifest.digest());
    Manifest parsed = Manifest.parse(manifest.bytes(), what);
    if (parsed.config().size() > Streams.MAX_DOCUMENT_BYTES) {
      throw new BuilderException(what + " has a config of " + parsed.config().size() + " bytes; refusing to read it");
    }
    byte[] config = config(client, parsed.config(), what);
    List<Blob> layers = new ArrayList<>();
    for (Descriptor layer : parsed.layers()) {
      layers.add(new RegistryBlob(client, cache, layer.digest(), layer.size()));
    }
    return Image.read(manifest.bytes(), config, layers, what);
  }

  /**
   * The config blob, from the blob cache when an earlier build read it: a config never changes under its digest, and
   * the tag is read afresh each build, so this saves a request (and its round trip) without ever reading an old base.
   */
  private byte[] config(RepositoryClient client, Descriptor descriptor, String what) {
    Optional<Path> cached = cache.find(descriptor.digest());
    if (cached.isPresent()) {
      Optional<byte[]> intact = readIfIntact(cached.get(), descriptor);
      if (intact.isPresent()) {
        return intact.get();
      }
      try {
        Files.deleteIfExists(cached.get()); // damaged on disk: read from the registry again
      } catch (IOException e) {
        throw new UncheckedIOException("cannot replace the damaged cached config " + cached.get(), e);
      }
    }
    Path file = cache.store(descriptor.digest(), out -> client.pullBlob(descriptor.digest(),
        Streams.bounded(out, descriptor.size(), "the config of " + what)));
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the config of " + what + " from " + file, e);
    }
  }

  /** A cached config, if its bytes still match its digest. */
  private static Optional<byte[]> readIfIntact(Path file, Descriptor descriptor) {
    try {
      if (Files.size(file) != descriptor.size()) {
        return Optional.empty();
      }
      byte[] bytes = Files.readAllBytes(file);
      return Digest.of(bytes).equals(descriptor.digest()) ? Optional.of(bytes) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
