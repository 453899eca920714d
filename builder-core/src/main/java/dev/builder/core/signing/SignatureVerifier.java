package dev.builder.core.signing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builder.core.image.Digest;
import dev.builder.core.image.Json;
import dev.builder.core.registry.CosignTag;
import dev.builder.core.registry.CosignTag.Entry;
import dev.builder.core.registry.ImageName;
import dev.builder.core.registry.Registries;
import java.io.IOException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Checks a digest's cosign signatures and attestations against public keys, as {@code cosign verify} and
 * {@code cosign verify-attestation} do with {@code --key}: a signature counts when it verifies with one of the keys
 * and its payload names this very digest; an attestation when its DSSE envelope verifies and its statement's subject
 * holds the digest.
 */
public final class SignatureVerifier {
  private final CosignTag cosignTag;

  public SignatureVerifier(Registries registries) {
    this.cosignTag = new CosignTag(registries);
  }

  /** What was found at a digest. */
  public record Report(Digest digest, List<Found> signatures, List<Found> attestations) {
    public boolean signed() {
      return signatures.stream().anyMatch(Found::verified);
    }
  }

  /**
   * One signature or attestation.
   *
   * @param what for an attestation its predicate type; for a signature the payload's type
   * @param key the fingerprint of the key that verified it, or null when none of the keys did
   * @param problem why it does not count, or null
   */
  public record Found(String what, String key, String problem) {
    public boolean verified() {
      return key != null && problem == null;
    }
  }

  public Report verify(ImageName repository, Digest digest, List<PublicKey> keys) {
    List<Found> signatures = new ArrayList<>();
    for (Entry entry : cosignTag.read(repository, digest, "sig")) {
      if (SimpleSigning.MEDIA_TYPE.equals(entry.layer().mediaType())) {
        signatures.add(checkSignature(entry, digest, keys));
      }
    }
    List<Found> attestations = new ArrayList<>();
    for (Entry entry : cosignTag.read(repository, digest, "att")) {
      if (Dsse.MEDIA_TYPE.equals(entry.layer().mediaType())) {
        attestations.add(checkAttestation(entry, digest, keys));
      }
    }
    return new Report(digest, signatures, attestations);
  }

  private static Found checkSignature(Entry entry, Digest digest, List<PublicKey> keys) {
    byte[] signature;
    try {
      signature = Base64.getDecoder().decode(entry.layer().annotations()
          .getOrDefault(PushSigning.SIGNATURE_ANNOTATION, ""));
    } catch (IllegalArgumentException e) {
      return new Found(SimpleSigning.TYPE, null, "its signature annotation is not base64");
    }
    String key = keys.stream().filter(k -> PublicKeys.verifies(k, entry.content(), signature))
        .map(PublicKeys::fingerprint).findFirst().orElse(null);
    if (key == null) {
      return new Found(SimpleSigning.TYPE, null, "no given key verifies it");
    }
    JsonNode payload;
    try {
      payload = Json.tree(entry.content());
    } catch (IOException e) {
      return new Found(SimpleSigning.TYPE, key, "its payload is not JSON");
    }
    String signed = payload.at("/critical/image/docker-manifest-digest").asText("");
    return new Found(payload.at("/critical/type").asText(SimpleSigning.TYPE), key,
        signed.equals(digest.toString()) ? null : "it signs " + signed + ", another digest");
  }

  private static Found checkAttestation(Entry entry, Digest digest, List<PublicKey> keys) {
    String type = entry.layer().annotations().getOrDefault(PushSigning.PREDICATE_TYPE_ANNOTATION, "?");
    Dsse.Envelope envelope;
    try {
      envelope = Dsse.parse(entry.content(), "attestation");
    } catch (RuntimeException e) {
      return new Found(type, null, "it is not a DSSE envelope");
    }
    String key = keys.stream().filter(envelope::signedBy).map(PublicKeys::fingerprint).findFirst().orElse(null);
    if (key == null) {
      return new Found(type, null, "no given key verifies it");
    }
    try {
      JsonNode statement = Json.tree(envelope.payload());
      type = statement.path("predicateType").asText(type);
      for (JsonNode subject : statement.path("subject")) {
        if (subject.at("/digest/" + digest.algorithm()).asText("").equals(digest.hex())) {
          return new Found(type, key, null);
        }
      }
      return new Found(type, key, "its subject does not name " + digest);
    } catch (IOException e) {
      return new Found(type, key, "its statement is not JSON");
    }
  }
}
