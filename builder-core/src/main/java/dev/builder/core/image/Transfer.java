package dev.builder.core.image;

/**
 * What a write to a registry or daemon did, for reports and for tests that check what crossed the network.
 *
 * @param uploaded blobs sent
 * @param mounted blobs the registry copied from another repository instead
 * @param skipped blobs the destination already held
 * @param requests requests made to the destination, retries included
 * @param bytes bytes of blob content sent
 */
public record Transfer(int uploaded, int mounted, int skipped, long requests, long bytes) {
  public static final Transfer NONE = new Transfer(0, 0, 0, 0, 0);
}
