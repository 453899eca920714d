package dev.builder.core.signing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.builder.core.BuildListener;
import dev.builder.core.assembly.BuiltImages;
import dev.builder.core.image.Descriptor;
import dev.builder.core.image.Digest;
import dev.builder.core.image.Json;
import dev.builder.core.registry.Attachments;
import dev.builder.core.registry.Attachments.Referrer;
import dev.builder.core.registry.CosignTag;
import dev.builder.core.registry.CosignTag.Entry;
import dev.builder.core.registry.ImageName;
import dev.builder.core.registry.Registries;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What follows a push: every pushed digest (the index and each platform's image) signed as {@code cosign sign --key}
 * signs, the SLSA provenance attached (a signed DSSE attestation with a key, else an unsigned referrer), and with a key
 * the SBOMs as signed attestations, as {@code cosign attest} makes them. Each goes both under cosign's tags
 * ({@code sha256-<hex>.sig}, {@code .att}) and as an OCI 1.1 referrer. What is already there with the same key and
 * the same payload is not added again; nothing here changes the image or its digest.
 */
public final class PushSigning {
  public static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";
  public static final String PREDICATE_TYPE_ANNOTATION = "predicateType";
  /** The artifact type cosign gives signature referrers in its OCI 1.1 mode. */
  public static final String SIGNATURE_ARTIFACT_TYPE = "application/vnd.dev.cosign.artifact.sig.v1+json";

  private final Attachments attachments;
  private final CosignTag cosignTag;
  private final BuildListener listener;

  public PushSigning(Registries registries, BuildListener listener) {
    this.attachments = new Attachments(registries);
    this.cosignTag = new CosignTag(registries);
    this.listener = listener;
  }

  /**
   * @param signer the key to sign with; empty: nothing is signed, and the provenance is attached unsigned
   * @param facts the provenance's facts; empty: no provenance ({@code -Dbuilder.provenance=none})
   * @param sboms the SBOMs of the pushed digests, attested when there is a signer
   */
  public void afterPush(ImageName target, List<String> tags, BuiltImages built, Optional<Signer> signer,
      Optional<ProvenanceFacts> facts, List<SbomDocument> sboms) {
    List<Descriptor> subjects = new ArrayList<>();
    built.index().ifPresent(index -> subjects.add(index.descriptor()));
    built.images().forEach(image -> subjects.add(image.image().descriptor()));
    String name = target.repositoryName();
    String created = built.images().get(0).image().config().created().toString();
    if (signer.isPresent()) {
      for (Descriptor subject : subjects) {
        sign(target, subject, signer.get(), created);
      }
    }
    if (facts.isPresent()) {
      byte[] statement = Provenance.statement(name, tags, subjects.stream().map(Descriptor::digest).toList(), built,
          facts.get());
      for (Descriptor subject : subjects) {
        attest(target, subject, statement, Provenance.PREDICATE_TYPE, "SLSA provenance", signer, created);
      }
    }
    if (signer.isPresent()) {
      for (SbomDocument sbom : sboms) {
        attest(target, sbom.subject(), inToto(name, sbom), sbom.predicateType(), "SBOM", signer,
            created);
      }
    }
  }

  /** An SBOM and the digest it describes; its predicate type follows from its media type. */
  public record SbomDocument(Descriptor subject, byte[] document, String mediaType) {
    public String predicateType() {
      return mediaType.contains("cyclonedx") ? "https://cyclonedx.org/bom" : "https://spdx.dev/Document";
    }
  }

  private void sign(ImageName target, Descriptor subject, Signer signer, String created) {
    byte[] payload = SimpleSigning.payload(target.repositoryName(), subject.digest());
    List<Entry> existing = cosignTag.read(target, subject.digest(), "sig");
    boolean signed = existing.stream().anyMatch(e -> SimpleSigning.MEDIA_TYPE.equals(e.layer().mediaType())
        && java.util.Arrays.equals(e.content(), payload)
        && PublicKeys.verifies(signer.publicKey(), payload, signature(e)));
    if (signed) {
      listener.info("builder: already signed with key " + signer.keyName() + ": " + target.repositoryName() + "@"
          + subject.digest());
      return;
    }
    String signature = Base64.getEncoder().encodeToString(signer.sign(payload));
    Entry entry = Entry.of(SimpleSigning.MEDIA_TYPE, payload, Map.of(SIGNATURE_ANNOTATION, signature));
    List<Entry> all = new ArrayList<>(existing);
    all.add(entry);
    cosignTag.write(target, subject.digest(), "sig", all);
    Referrer referrer = attachments.refer(target, subject, payload, entry.layer(), SIGNATURE_ARTIFACT_TYPE,
        Map.of("org.opencontainers.image.created", created));
    listener.info("builder: signed " + target.repositoryName() + "@" + subject.digest() + " with key "
        + signer.keyName() + " at tag " + CosignTag.tag(subject.digest(), "sig") + " and as referrer "
        + referrer.digest());
  }

  private static byte[] signature(Entry entry) {
    try {
      return Base64.getDecoder().decode(entry.layer().annotations().getOrDefault(SIGNATURE_ANNOTATION, ""));
    } catch (IllegalArgumentException e) {
      return new byte[0];
    }
  }

  private void attest(ImageName target, Descriptor subject, byte[] statement, String predicateType, String what,
      Optional<Signer> signer, String created) {
    Map<String, String> referrerAnnotations = Map.of("org.opencontainers.image.created", created,
        PREDICATE_TYPE_ANNOTATION, predicateType);
    String at = target.repositoryName() + "@" + subject.digest();
    if (signer.isEmpty()) {
      Entry unsigned = Entry.of(Dsse.IN_TOTO, statement, Map.of(PREDICATE_TYPE_ANNOTATION, predicateType));
      Referrer referrer = attachments.refer(target, subject, statement, unsigned.layer(), Dsse.IN_TOTO,
          referrerAnnotations);
      listener.info("builder: " + (referrer.alreadyThere() ? "already attached: the unsigned " : "attached the unsigned ")
          + what + " of " + at + " as referrer " + referrer.digest());
      return;
    }
    List<Entry> existing = cosignTag.read(target, subject.digest(), "att");
    boolean there = existing.stream().anyMatch(e -> Dsse.MEDIA_TYPE.equals(e.layer().mediaType())
        && predicateType.equals(e.layer().annotations().get(PREDICATE_TYPE_ANNOTATION))
        && sameSignedStatement(e.content(), statement, signer.get()));
    if (there) {
      listener.info("builder: already attested with key " + signer.get().keyName() + ": the " + what + " of " + at);
      return;
    }
    byte[] envelope = Dsse.envelope(Dsse.IN_TOTO, statement, signer.get());
    // cosign writes an empty signature annotation on attestation layers: the signature is inside the envelope
    Entry entry = Entry.of(Dsse.MEDIA_TYPE, envelope,
        Map.of(SIGNATURE_ANNOTATION, "", PREDICATE_TYPE_ANNOTATION, predicateType));
    List<Entry> all = new ArrayList<>(existing);
    all.add(entry);
    cosignTag.write(target, subject.digest(), "att", all);
    Referrer referrer = attachments.refer(target, subject, envelope, entry.layer(), Dsse.MEDIA_TYPE,
        referrerAnnotations);
    listener.info("builder: attested the " + what + " of " + at + " with key " + signer.get().keyName()
        + " at tag " + CosignTag.tag(subject.digest(), "att") + " and as referrer " + referrer.digest());
  }

  private static boolean sameSignedStatement(byte[] envelope, byte[] statement, Signer signer) {
    try {
      Dsse.Envelope read = Dsse.parse(envelope, "an attestation");
      return Dsse.IN_TOTO.equals(read.payloadType()) && java.util.Arrays.equals(read.payload(), statement)
          && read.signedBy(signer.publicKey());
    } catch (RuntimeException e) {
      return false; // a layer builder cannot read is someone else's; it stays, and builder adds its own
    }
  }

  /** The in-toto statement around an SBOM, as {@code cosign attest --type spdxjson|cyclonedx} makes it. */
  static byte[] inToto(String name, SbomDocument sbom) {
    ObjectNode root = Json.object();
    root.put("_type", Provenance.STATEMENT_TYPE);
    Digest digest = sbom.subject().digest();
    ObjectNode subject = root.putArray("subject").addObject();
    subject.put("name", name);
    subject.putObject("digest").put(digest.algorithm(), digest.hex());
    root.put("predicateType", sbom.predicateType());
    root.set("predicate", Json.parse(sbom.document(), "the SBOM of " + digest));
    return Json.bytes(root);
  }
}
