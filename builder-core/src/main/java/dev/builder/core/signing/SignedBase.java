package dev.builder.core.signing;

import dev.builder.core.BuilderException;
import dev.builder.core.Setting;
import dev.builder.core.image.Digest;
import dev.builder.core.registry.ImageName;
import dev.builder.core.registry.Registries;
import java.security.PublicKey;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The governance rule {@code requireSignedBase}: the base image must carry a cosign signature that one of the
 * {@code baseKeys} verifies, on the platform image used or on what its reference points at (an index is usually
 * what {@code cosign sign} signed). Meant to run right after the base is resolved, before any layer is built.
 */
public final class SignedBase {
  private final SignatureVerifier verifier;
  private final Registries registries;

  public SignedBase(Registries registries) {
    this.registries = registries;
    this.verifier = new SignatureVerifier(registries);
  }

  /**
   * @param reference the base as configured, such as {@code registry.acme.example/base/java:21}
   * @param imageDigest the digest of the platform image that the build stands on
   */
  public void require(String reference, Digest imageDigest, List<PublicKey> keys) {
    if (keys.isEmpty()) {
      throw new BuilderException(Setting.REQUIRE_SIGNED_BASE.mention() + " is set, but no keys are given: list"
          + " in " + Setting.BASE_KEYS.mention() + " the PEM public keys (such as cosign.pub) whose signatures the"
          + " base image must carry");
    }
    if (reference.contains("://")) {
      throw new BuilderException("the base " + reference + " is not in a registry, where signatures are kept, and "
          + Setting.REQUIRE_SIGNED_BASE.mention() + " is set: use a signed base from a registry in "
          + Setting.FROM.mention() + ", or ask whoever set the rule");
    }
    ImageName name = ImageName.parse(reference);
    Set<Digest> digests = new LinkedHashSet<>();
    digests.add(imageDigest);
    digests.add(registries.forPull(name).pullManifest(name.qualifier()).digest());
    for (Digest digest : digests) {
      if (verifier.verify(name, digest, keys).signed()) {
        return;
      }
    }
    throw new BuilderException("the base image " + reference + " (" + String.join(", ",
        digests.stream().map(Digest::toString).toList()) + ") has no signature that a key in "
        + Setting.BASE_KEYS.mention() + " verifies, and " + Setting.REQUIRE_SIGNED_BASE.mention() + " is set. Use a"
        + " base signed with one of those keys (cosign sign --key), or ask whoever set the rule to add its key");
  }
}
