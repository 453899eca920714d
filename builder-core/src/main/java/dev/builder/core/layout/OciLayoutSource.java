package dev.builder.core.layout;

import dev.builder.core.BuilderException;
import dev.builder.core.image.Blob;
import dev.builder.core.image.ConfigFile;
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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads an image from an OCI image layout on disk. {@code ref} picks an entry of {@code index.json} by its
 * {@code org.opencontainers.image.ref.name} or digest; without it the layout must hold one entry (an image, or an
 * index resolved by platform).
 */
public final class OciLayoutSource implements ImageSource {
  private static final String BASE_SCHEME = "oci-layout://";

  private final Path directory;
  private final String ref;
  private final String name;

  public OciLayoutSource(Path directory, String ref, String name) {
    this.directory = directory;
    this.ref = ref;
    this.name = name;
  }

  @Override
  public ResolvedImage resolve(Platform platform) {
    Descriptor top = top();
    Descriptor chosen = top;
    if (MediaTypes.isIndex(top.mediaType())) {
      chosen = Index.parse(blob(top.digest()), name + " index " + top.digest()).select(platform, name);
    }
    Image image = image(chosen.digest());
    if (top == chosen) {
      Platform actual = image.config().platform();
      if (!actual.os().equals(platform.os()) || !actual.architecture().equals(platform.architecture())) {
        throw new BuilderException(name + " is for " + actual + " only, not " + platform + ". Build for " + actual
            + " or choose a base image that has " + platform + ".");
      }
    }
    return new ResolvedImage(image, portableName(), top.digest());
  }

  @Override
  public Taggable read() {
    Descriptor top = top();
    if (!MediaTypes.isIndex(top.mediaType())) {
      return image(top.digest());
    }
    byte[] bytes = blob(top.digest());
    List<Image> images = new ArrayList<>();
    for (Descriptor entry : Index.parse(bytes, name + " index " + top.digest()).manifests()) {
      if (MediaTypes.isManifest(entry.mediaType())) {
        images.add(image(entry.digest()));
      }
    }
    return ImageIndex.read(bytes, images, name + " index " + top.digest());
  }

  @Override
  public List<Platform> platforms() {
    Descriptor top = top();
    if (MediaTypes.isIndex(top.mediaType())) {
      return Index.parse(blob(top.digest()), name + " index " + top.digest()).images().stream()
          .map(Descriptor::platform).toList();
    }
    Manifest manifest = Manifest.parse(blob(top.digest()), name);
    return List.of(ConfigFile.parse(blob(manifest.config().digest()), name + " config").platform());
  }

  private Image image(Digest digest) {
    byte[] manifestBytes = blob(digest);
    Manifest manifest = Manifest.parse(manifestBytes, name);
    byte[] config = blob(manifest.config().digest());
    List<Blob> layers = new ArrayList<>();
    for (Descriptor layer : manifest.layers()) {
      Path file = OciLayoutSink.blobPath(directory, layer.digest());
      if (!Files.isRegularFile(file)) {
        throw new BuilderException(name + " is incomplete: layer " + layer.digest() + " is missing from blobs/");
      }
      layers.add(Blob.ofStoredFile(file, layer.digest(), layer.size()));
    }
    return Image.read(manifestBytes, config, layers, name);
  }

  /** The entry of {@code index.json} that the reference names: an image or an index. */
  private Descriptor top() {
    if (!Files.isDirectory(directory)) {
      throw new BuilderException(name + ": " + directory + " is not a directory. Point oci-layout:// at the folder"
          + " that holds index.json, for example one written by 'skopeo copy ... oci:DIR'.");
    }
    Path indexFile = directory.resolve("index.json");
    if (!Files.isRegularFile(indexFile)) {
      throw new BuilderException(name + ": " + directory + " is not an OCI image layout: it has no index.json."
          + " Point oci-layout:// at the folder that holds index.json.");
    }
    Index index = Index.parse(read(indexFile), name + " index.json");
    Descriptor top = pick(index);
    if (!MediaTypes.isIndex(top.mediaType()) && !MediaTypes.isManifest(top.mediaType())) {
      throw new BuilderException(name + ": entry " + top.digest() + " is a " + top.mediaType() + ", not an image");
    }
    return top;
  }

  /**
   * The name recorded in the image (the {@code base.name} annotation, the SBOM): the layout's folder name without
   * the folders above it, which are this machine's business and would make the digest depend on where it builds.
   */
  private String portableName() {
    String folder = directory.getFileName() == null ? "" : directory.getFileName().toString();
    return BASE_SCHEME + folder + (ref == null ? "" : (ref.startsWith("sha256:") ? "@" : ":") + ref);
  }

  private Descriptor pick(Index index) {
    List<Descriptor> entries = index.manifests();
    if (ref != null) {
      for (Descriptor d : entries) {
        if (ref.equals(d.annotations().get(OciLayoutSink.REF_NAME)) || ref.equals(d.digest().toString())) {
          return d;
        }
      }
      throw new BuilderException(name + " has no image named '" + ref + "'; it has " + describe(entries));
    }
    if (entries.size() == 1) {
      return entries.get(0);
    }
    if (entries.stream().map(Descriptor::digest).distinct().count() == 1 && !entries.isEmpty()) {
      return entries.get(0); // one image under several tags
    }
    throw new BuilderException(name + " holds " + entries.size() + " images (" + describe(entries)
        + "); name one as oci-layout://DIR:REF or oci-layout://DIR@sha256:...");
  }

  private static String describe(List<Descriptor> entries) {
    return entries.stream()
        .map(d -> d.annotations().getOrDefault(OciLayoutSink.REF_NAME, d.digest().toString()))
        .collect(Collectors.joining(", "));
  }

  private byte[] blob(Digest digest) {
    Path file = OciLayoutSink.blobPath(directory, digest);
    if (!Files.isRegularFile(file)) {
      throw new BuilderException(name + " is incomplete: blob " + digest + " is missing from blobs/");
    }
    byte[] bytes = read(file);
    if (!Digest.of(bytes).equals(digest)) {
      throw new BuilderException(name + " is corrupt: blob " + digest + " has content whose digest is "
          + Digest.of(bytes));
    }
    return bytes;
  }

  private byte[] read(Path file) {
    try {
      if (Files.size(file) > 16 * 1024 * 1024) {
        throw new BuilderException(name + ": " + file + " is too large to be a manifest, index or config");
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new BuilderException(name + ": cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
