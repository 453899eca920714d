package dev.builder.core.registry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.builder.core.image.Blob;
import dev.builder.core.image.Descriptor;
import dev.builder.core.image.Digest;
import dev.builder.core.image.Json;
import dev.builder.core.image.Manifest;
import dev.builder.core.image.MediaTypes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The image cosign keeps signatures ({@code sha256-<hex>.sig}) and attestations ({@code sha256-<hex>.att}) of a
 * digest in: one image per tag, one layer per signature or attestation, each layer's annotations holding what
 * verifies it. Adding one appends a layer and keeps the others, as {@code cosign sign} does.
 */
public final class CosignTag {
  private final Registries registries;

  public CosignTag(Registries registries) {
    this.registries = registries;
  }

  /** A layer of the image and its bytes (signatures and attestations are small documents). */
  public record Entry(Descriptor layer, byte[] content) {
    public static Entry of(String mediaType, byte[] content, java.util.Map<String, String> annotations) {
      return new Entry(new Descriptor(mediaType, Digest.of(content), content.length, annotations, null), content);
    }
  }

  public static String tag(Digest subject, String suffix) {
    return subject.algorithm() + "-" + subject.hex() + "." + suffix;
  }

  /** The entries at the subject's tag, none when there is no such tag. */
  public List<Entry> read(ImageName repository, Digest subject, String suffix) {
    RepositoryClient client = registries.forPush(repository, null);
    String tag = tag(subject, suffix);
    Optional<RepositoryClient.RawManifest> raw = client.findManifest(tag);
    if (raw.isEmpty()) {
      return List.of();
    }
    List<Entry> entries = new ArrayList<>();
    for (Descriptor layer : Manifest.parse(raw.get().bytes(), "the cosign image " + tag).layers()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try {
        client.pullBlob(layer.digest(), out);
      } catch (IOException e) {
        throw new UncheckedIOException("reading layer " + layer.digest() + " of " + repository + ":" + tag, e);
      }
      entries.add(new Entry(layer, out.toByteArray()));
    }
    return entries;
  }

  /** Writes the image at the subject's tag with these entries, in this order. */
  public void write(ImageName repository, Digest subject, String suffix, List<Entry> entries) {
    RepositoryClient client = registries.forPush(repository, null);
    ObjectNode config = Json.object();
    config.put("architecture", "");
    config.put("os", "");
    config.putObject("config");
    ObjectNode rootfs = config.putObject("rootfs");
    rootfs.put("type", "layers");
    // the layers are not tars: cosign's images list each layer's digest as its diff id, and so does this one
    rootfs.set("diff_ids", Json.array(entries.stream().map(e -> e.layer().digest().toString()).toList()));
    byte[] configBytes = Json.bytes(config);
    List<Blob> blobs = new ArrayList<>();
    entries.forEach(e -> blobs.add(Blob.of(e.content())));
    blobs.add(Blob.of(configBytes));
    for (Blob blob : blobs) {
      if (client.blobSize(blob.digest()).isEmpty()) {
        client.pushBlob(blob, null);
      }
    }
    ObjectNode manifest = Json.object();
    manifest.put("schemaVersion", 2);
    manifest.put("mediaType", MediaTypes.OCI_MANIFEST);
    manifest.set("config", new Descriptor(MediaTypes.OCI_CONFIG, Digest.of(configBytes), configBytes.length).toJson());
    ArrayNode layers = manifest.putArray("layers");
    entries.forEach(e -> layers.add(e.layer().toJson()));
    client.pushManifest(Json.bytes(manifest), MediaTypes.OCI_MANIFEST, tag(subject, suffix));
  }
}
