package dev.builder.core.tarball;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.builder.core.image.Descriptor;
import dev.builder.core.image.Digest;
import dev.builder.core.image.Image;
import dev.builder.core.image.ImageSink;
import dev.builder.core.image.Taggable;
import dev.builder.core.image.Transfer;
import dev.builder.core.image.Written;
import dev.builder.core.image.ImageIndex;
import dev.builder.core.image.Index;
import dev.builder.core.image.Json;
import dev.builder.core.image.Layer;
import dev.builder.core.image.MediaTypes;
import dev.builder.core.io.ReproducibleTar;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes an image tarball that both {@code docker load} and OCI tools read: an OCI image layout ({@code oci-layout},
 * {@code index.json}, {@code blobs/}) plus Docker's {@code manifest.json} pointing at the same blobs, the shape
 * {@code docker save} has produced since Docker 25. A file is written beside its place and moved in whole; a stream
 * (the body of a daemon's {@code POST /images/load}) is written as it goes.
 */
public final class TarballSink implements ImageSink {
  private static final String LAYOUT_REF_NAME = "org.opencontainers.image.ref.name";
  private static final String DOCKER_REF_NAME = "io.containerd.image.name";

  private final Path file;
  private final String name;

  /** A sink whose tags are full references ({@code registry/repo:tag}), as Docker names loaded images. */
  public TarballSink(Path file) {
    this(file, null);
  }

  /** A sink that names the image {@code name:TAG} for every tag. */
  public TarballSink(Path file, String name) {
    this.file = file;
    this.name = name;
  }

  /**
   * Writes an image with Docker's {@code manifest.json} too; or an index and its images as an OCI archive, its
   * {@code index.json} naming the index once per tag. That has no Docker {@code manifest.json}: {@code docker load}
   * takes one platform's image, which a single-platform build gives.
   */
  @Override
  public Written write(Taggable root, List<String> tags) {
    List<String> repoTags = name == null ? List.copyOf(tags) : tags.stream().map(t -> name + ":" + t).toList();
    if (root instanceof Image image) {
      writeFile(file, out -> writeStream(image, repoTags, Set.of(), out));
    } else {
      ImageIndex index = (ImageIndex) root;
      writeFile(file, out -> {
        ReproducibleTar tar = new ReproducibleTar(out, Instant.EPOCH);
        tar.directory("blobs", 0755);
        tar.directory("blobs/sha256", 0755);
        Set<Digest> written = new HashSet<>();
        for (Image image : index.images()) {
          writeBlobs(tar, image, written);
        }
        tar.file(blobName(index.digest()), 0644, index.bytes());
        tar.file("index.json", 0644, layoutIndex(index.descriptor(), repoTags));
        tar.file("oci-layout", 0644, "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes());
        tar.finish();
      });
    }
    return new Written(file.toString(), root.descriptor(), repoTags, Transfer.NONE);
  }

  private interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private static void writeFile(Path file, Content content) {
    Path temp = file.resolveSibling(file.getFileName() + ".partial");
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (OutputStream out = Files.newOutputStream(temp)) {
        content.writeTo(out);
      }
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the image tarball " + file, e);
    } finally {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // nothing was moved into place, so nothing half-written is visible
      }
    }
  }

  /**
   * Streams the tarball to {@code out}, which stays open. The layers in {@code leftOut} are listed but not written:
   * a reader that already holds them (a daemon that has the base) needs only the rest.
   */
  public static void writeStream(Image image, List<String> repoTags, Set<Digest> leftOut, OutputStream out)
      throws IOException {
    ReproducibleTar tar = new ReproducibleTar(out, Instant.EPOCH);
    tar.directory("blobs", 0755);
    tar.directory("blobs/sha256", 0755);
    writeBlobs(tar, image, new HashSet<>(leftOut));
    tar.file("index.json", 0644, layoutIndex(image.descriptor(), repoTags));
    tar.file("manifest.json", 0644, dockerManifest(image, repoTags));
    tar.file("oci-layout", 0644, "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes());
    tar.finish();
  }

  /** The image's layers (but those in {@code written}, which gains them), config and manifest. */
  private static void writeBlobs(ReproducibleTar tar, Image image, Set<Digest> written) throws IOException {
    for (Layer layer : image.layers()) {
      if (written.add(layer.digest())) {
        try (InputStream in = layer.blob().open()) {
          tar.file(blobName(layer.digest()), 0644, layer.blob().size(), in);
        }
      }
    }
    if (written.add(Digest.of(image.configBytes()))) {
      tar.file(blobName(Digest.of(image.configBytes())), 0644, image.configBytes());
    }
    tar.file(blobName(image.digest()), 0644, image.manifestBytes());
  }

  private static String blobName(Digest digest) {
    return "blobs/sha256/" + digest.hex();
  }

  private static byte[] layoutIndex(Descriptor top, List<String> repoTags) {
    List<Descriptor> entries = new java.util.ArrayList<>();
    for (String repoTag : repoTags) {
      entries.add(top.withAnnotations(
          Map.of(DOCKER_REF_NAME, repoTag, LAYOUT_REF_NAME, repoTag.substring(repoTag.lastIndexOf(':') + 1))));
    }
    if (entries.isEmpty()) {
      entries.add(top);
    }
    return new Index(MediaTypes.OCI_INDEX, entries, Map.of()).toJsonBytes();
  }

  private static byte[] dockerManifest(Image image, List<String> repoTags) {
    ArrayNode root = Json.array(List.of());
    ObjectNode entry = root.addObject();
    entry.put("Config", blobName(Digest.of(image.configBytes())));
    entry.set("RepoTags", Json.array(repoTags));
    ArrayNode layers = entry.putArray("Layers");
    image.layers().forEach(l -> layers.add(blobName(l.digest())));
    return Json.bytes(root);
  }
}
