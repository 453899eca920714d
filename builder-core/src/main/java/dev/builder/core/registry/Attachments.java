package dev.builder.core.registry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.builder.core.image.Attached;
import dev.builder.core.image.Attachment;
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

  /** Attaches {@code attachment} to its subject, an image or index in {@code repository}, both ways. */
  public Attached attach(ImageName repository, Attachment attachment) {
    Descriptor subject = attachment.subject();
    byte[] document = attachment.document();
    Blob payload = Blob.of(document);
    Blob empty = Blob.of(EMPTY_CONFIG);
    Descriptor config = new Descriptor(EMPTY_MEDIA_TYPE, empty.digest(), empty.size());
    String cosignTag = subject.digest().algorithm() + "-" + subject.digest().hex() + "." + attachment.cosignSuffix();
    byte[] cosign = manifest(null, config,
        new Descriptor(attachment.cosignMediaType(), payload.digest(), payload.size()), null, Map.of());
    Descriptor layer = new Descriptor(attachment.artifactType(), payload.digest(), payload.size());
    RepositoryClient client = registries.forPush(repository, null);
    // the cosign tag is written last, so finding these very bytes there means all of it is in place: one request
    // instead of seven when an unchanged image is pushed again
    if (client.findManifest(cosignTag).filter(m -> m.digest().equals(Digest.of(cosign))).isPresent()) {
      byte[] referrer = manifest(attachment.artifactType(), config, layer, subject, attachment.annotations());
      return new Attached(attachment, Digest.of(referrer), null, cosignTag, true);
    }
    Referrer referrer = refer(repository, subject, document, layer, attachment.artifactType(),
        attachment.annotations());
    client.pushManifest(cosign, MediaTypes.OCI_MANIFEST, cosignTag);
    return new Attached(attachment, referrer.digest(), referrer.fallbackTag(), cosignTag, false);
  }

  /**
   * A referrer manifest in a repository.
   *
   * @param fallbackTag the tag of the referrers index, for registries without the referrers API; null when there was
   *     none, or when nothing was sent
   * @param alreadyThere the very same referrer was there, so nothing was sent
   */
  public record Referrer(Digest digest, String fallbackTag, boolean alreadyThere) {}

  /**
   * Attaches {@code document} as an OCI 1.1 referrer only (no cosign tag), its one layer described by {@code layer}
   * (media type and annotations; digest and size are the document's). Nothing is sent when the very same referrer
   * is there already. Signatures and attestations use this: their cosign tag holds one image for all of them.
   */
  public Referrer refer(
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
      return new Referrer(Digest.of(referrer), null, true);
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
    return new Referrer(referrerDigest, fallbackTag, false);
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
