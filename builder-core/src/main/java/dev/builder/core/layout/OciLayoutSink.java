package dev.builder.core.layout;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.builder.core.BuilderException;
import dev.builder.core.image.Blob;
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
import dev.builder.core.io.Files2;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes an image, or an index with its images, as an OCI image layout: {@code oci-layout}, {@code index.json} with
 * one entry per tag (named by {@code org.opencontainers.image.ref.name}), and every blob. The layout is assembled beside the target and moved
 * into place whole, so a failed write leaves no half-written layout.
 */
public final class OciLayoutSink implements ImageSink {
  public static final String REF_NAME = "org.opencontainers.image.ref.name";

  private final Path directory;

  public OciLayoutSink(Path directory) {
    this.directory = directory;
  }

  /**
   * Writes an image, or an index and its images; the tags name {@code root}, and the layout holds every platform's
   * blobs. A layout already there is replaced, unless it holds other tags, which are refused.
   */
  @Override
  public Written write(Taggable root, List<String> tags) {
    writeLayout(directory, root.images(), root instanceof ImageIndex ? root.bytes() : null, root.descriptor(), tags);
    return new Written(directory.toString(), root.descriptor(), tags, Transfer.NONE);
  }

  private static void writeLayout(Path directory, List<Image> images, byte[] indexBytes, Descriptor top, List<String> tags) {
    Path temp = directory.resolveSibling(directory.getFileName() + ".partial");
    try {
      Files2.deleteRecursively(temp);
      Files.createDirectories(temp.resolve("blobs").resolve("sha256"));
      Files.write(temp.resolve("oci-layout"), layoutFile());
      for (Image image : images) {
        for (Layer layer : image.layers()) {
          copyBlob(layer.blob(), temp);
        }
        writeBlob(temp, image.configBytes());
        writeBlob(temp, image.manifestBytes());
      }
      if (indexBytes != null) {
        writeBlob(temp, indexBytes);
      }
      List<Descriptor> entries = new ArrayList<>();
      if (tags.isEmpty()) {
        entries.add(top);
      }
      for (String tag : tags) {
        entries.add(top.withAnnotations(Map.of(REF_NAME, tag)));
      }
      Files.write(temp.resolve("index.json"), new Index(MediaTypes.OCI_INDEX, entries, Map.of()).toJsonBytes());
      Files2.deleteRecursively(directory);
      Files.move(temp, directory);
    } catch (IOException e) {
      Files2.deleteQuietly(temp);
      throw new UncheckedIOException("cannot write the OCI layout " + directory, e);
    } catch (RuntimeException e) {
      Files2.deleteQuietly(temp);
      throw e;
    }
  }

  static byte[] layoutFile() {
    ObjectNode node = Json.object();
    node.put("imageLayoutVersion", "1.0.0");
    return Json.bytes(node);
  }

  private static void writeBlob(Path layout, byte[] bytes) throws IOException {
    Files.write(blobPath(layout, Digest.of(bytes)), bytes);
  }

  private static void copyBlob(Blob blob, Path layout) throws IOException {
    Path target = blobPath(layout, blob.digest());
    if (Files.exists(target)) {
      return;
    }
    Digest actual;
    try (InputStream in = blob.open();
        Digest.Counting out = new Digest.Counting(Files.newOutputStream(target))) {
      in.transferTo(out);
      out.flush();
      actual = out.digest();
    }
    if (!actual.equals(blob.digest())) {
      throw new BuilderException("blob " + blob.digest() + " has content whose digest is " + actual);
    }
  }

  static Path blobPath(Path layout, Digest digest) {
    return layout.resolve("blobs").resolve(digest.algorithm()).resolve(digest.hex());
  }

}
