package dev.builder.core.registry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.builder.core.image.Blob;
import dev.builder.core.image.Descriptor;
import dev.builder.core.image.Digest;
import dev.builder.core.image.Index;
import dev.builder.core.image.Json;
import dev.builder.core.image.MediaTypes;
import dev.builder.core.registry.RepositoryClient.RawManifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Attaches a document (an SBOM, a signature) to an image in a registry, in the two ways tools look for it: as an OCI
 * 1.1 referrer (a manifest whose {@code subject} is the image, found through the referrers API or, where the registry
 * has none, through the index kept at tag {@code sha256-<hex>}), and under a cosign-style tag
 * {@code sha256-<hex>.<suffix>}.
 */
public final class Attachments {
  /** The empty JSON object that OCI artifacts without a config point at. */
  static final byte[] EMPTY_CONFIG = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

  static final String EMPTY_MEDIA_TYPE = "application/vnd.oci.empty.v1+json";

  private final Registries registries;

  public Attachments(Registries registries) {
    this.registries = registries;
  }

  /**
   * Where an attachment landed. {@code alreadyThere}: an earlier push attached these very bytes, so nothing was sent
   * (and whether that push used the fallback tag was not asked: {@code fallbackTag} is then null).
   */
  public record Attached(Digest referrer, String fallbackTag, String cosignTag, boolean alreadyThere) {}

  /**
   * @param repository the repository that holds the subject
   * @param subject the image's descriptor
   * @param artifactType such as {@code application/spdx+json}: the referrer's artifactType and layer media type
   * @param cosignMediaType the layer media type under the cosign tag, such as {@code text/spdx+json}
   * @param cosignSuffix such as {@code sbom}
   * @param annotations on the referrer manifest (for example org.opencontainers.image.created)
   */
  public Attached attach(
      ImageName repository,
      Descriptor subject,
      byte[] document,
      String artifactType,
      String cosignMediaType,
      String cosignSuffix,
      Map<String, String> annotations) {
    RepositoryClient client = registries.forPush(repository, null);
    Blob payload = Blob.of(document);
    Blob empty = Blob.of(EMPTY_CONFIG);
    Descriptor config = new Descriptor(EMPTY_MEDIA_TYPE, empty.digest(), empty.size());
    Descriptor layer = new Descriptor(artifactType, payload.digest(), payload.size());
    byte[] referrer = manifest(artifactType, config, layer, subject, annotations);
    String cosignTag = subject.digest().algorithm() + "-" + subject.digest().hex() + "." + cosignSuffix;
    Descriptor cosignLayer = new Descriptor(cosignMediaType, payload.digest(), payload.size());
    byte[] cosign = manifest(null, config, cosignLayer, null, Map.of());
    // the cosign tag is written last, so finding these very bytes there means all of it is in place: one request
    // instead of seven when an unchanged image is pushed again
    if (client.findManifest(cosignTag).filter(m -> m.digest().equals(Digest.of(cosign))).isPresent()) {
      return new Attached(Digest.of(referrer), null, cosignTag, true);
    }
    for (Blob blob : List.of(payload, empty)) {
      if (client.blobSize(blob.digest()).isEmpty()) {
        client.pushBlob(blob, null);
      }
    }
    Digest referrerDigest = client.pushManifest(referrer, MediaTypes.OCI_MANIFEST, Digest.of(referrer).toString());

    String fallbackTag = null;
    if (client.referrers(subject.digest()).isEmpty()) {
      fallbackTag = subject.digest().algorithm() + "-" + subject.digest().hex();
      Descriptor entry = new Descriptor(MediaTypes.OCI_MANIFEST, referrerDigest, referrer.length, annotations, null,
          artifactType);
      client.pushManifest(fallbackIndex(client, fallbackTag, entry), MediaTypes.OCI_INDEX, fallbackTag);
    }

    client.pushManifest(cosign, MediaTypes.OCI_MANIFEST, cosignTag);
    return new Attached(referrerDigest, fallbackTag, cosignTag, false);
  }

  /**
   * Attaches {@code document} as an OCI 1.1 referrer only (no cosign tag), its one layer described by {@code layer}
   * (media type and annotations; digest and size are the document's). Nothing is sent when the very same referrer
   * is there already. Signatures and attestations use this: their cosign tag holds one image for all of them.
   */
  public Attached refer(
      ImageName repository,
      Descriptor subject,
      byte[] document,
      Descriptor layer,
      String artifactType,
      Map<String, String> annotations) {
    RepositoryClient client = registries.forPush(repository, null);
    Blob payload = Blob.of(document);
    Blob empty = Blob.of(EMPTY_CONFIG);
    Descriptor config = new Descriptor(EMPTY_MEDIA_TYPE, empty.digest(), empty.size());
    Descriptor described = new Descriptor(layer.mediaType(), payload.digest(), payload.size(), layer.annotations(),
        null);
    byte[] referrer = manifest(artifactType, config, described, subject, annotations);
    if (client.findManifest(Digest.of(referrer).toString()).isPresent()) {
      return new Attached(Digest.of(referrer), null, null, true);
    }
    for (Blob blob : List.of(payload, empty)) {
      if (client.blobSize(blob.digest()).isEmpty()) {
        client.pushBlob(blob, null);
      }
    }
    Digest referrerDigest = client.pushManifest(referrer, MediaTypes.OCI_MANIFEST, Digest.of(referrer).toString());
    String fallbackTag = null;
    if (client.referrers(subject.digest()).isEmpty()) {
      fallbackTag = subject.digest().algorithm() + "-" + subject.digest().hex();
      Descriptor entry = new Descriptor(MediaTypes.OCI_MANIFEST, referrerDigest, referrer.length, annotations, null,
          artifactType);
      client.pushManifest(fallbackIndex(client, fallbackTag, entry), MediaTypes.OCI_INDEX, fallbackTag);
    }
    return new Attached(referrerDigest, fallbackTag, null, false);
  }

  private static byte[] manifest(
      String artifactType, Descriptor config, Descriptor layer, Descriptor subject, Map<String, String> annotations) {
    ObjectNode node = Json.object();
    node.put("schemaVersion", 2);
    node.put("mediaType", MediaTypes.OCI_MANIFEST);
    if (artifactType != null) {
      node.put("artifactType", artifactType);
    }
    node.set("config", config.toJson());
    ArrayNode layers = node.putArray("layers");
    layers.add(layer.toJson());
    if (subject != null) {
      node.set("subject", new Descriptor(subject.mediaType(), subject.digest(), subject.size()).toJson());
    }
    if (!annotations.isEmpty()) {
      node.set("annotations", Json.sortedMap(annotations));
    }
    return Json.bytes(node);
  }

  /** The referrers index kept at the fallback tag, with {@code entry} added unless it is there. */
  private static byte[] fallbackIndex(RepositoryClient client, String tag, Descriptor entry) {
    List<Descriptor> entries = new ArrayList<>();
    Optional<RawManifest> existing = client.findManifest(tag);
    existing.ifPresent(raw -> entries.addAll(Index.parse(raw.bytes(), "the referrers index " + tag).manifests()));
    if (entries.stream().noneMatch(d -> d.digest().equals(entry.digest()))) {
      entries.add(entry);
    }
    return new Index(MediaTypes.OCI_INDEX, entries, Map.of()).toJsonBytes();
  }
}
