package dev.builder.core.image;

/**
 * Where an attachment landed.
 *
 * @param referrer the digest of the referrer manifest whose subject is the image
 * @param fallbackTag the tag of the referrers index, for registries without the referrers API; null when there was
 *     none, or when nothing was sent
 * @param cosignTag the cosign-style tag, {@code sha256-<hex>.<suffix>}
 * @param alreadyThere an earlier push attached these very bytes, so nothing was sent
 */
public record Attached(Attachment attachment, Digest referrer, String fallbackTag, String cosignTag,
    boolean alreadyThere) {}
