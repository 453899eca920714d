package dev.builder.core.registry;

import dev.builder.core.image.Digest;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Which repository of a registry has received a blob in this session, shared by all the pushes of one build (Maven's
 * {@code -T} pushes several modules at once). The first push of a blob to a registry uploads it; a push of the same
 * blob to another repository of that registry waits for that upload and mounts the blob from there, so shared base
 * layers cross the network once. Thread-safe; a failed upload releases its claim and the next push uploads itself.
 */
public final class UploadLedger {
  private final ConcurrentHashMap<String, CompletableFuture<Optional<String>>> uploads = new ConcurrentHashMap<>();

  /** The right to upload a blob, or where another push put (or is putting) it. */
  sealed interface Claim permits Owner, Follower {}

  /** This push uploads the blob and must call {@link #done} or {@link #failed}. */
  record Owner(String key, CompletableFuture<Optional<String>> result) implements Claim {}

  /** Another push uploads the blob; {@link #awaitRepository} says where it ended up. */
  record Follower(CompletableFuture<Optional<String>> result) implements Claim {}

  Claim claim(String registry, Digest digest) {
    String key = registry + "|" + digest;
    CompletableFuture<Optional<String>> mine = new CompletableFuture<>();
    CompletableFuture<Optional<String>> existing = uploads.putIfAbsent(key, mine);
    return existing == null ? new Owner(key, mine) : new Follower(existing);
  }

  /** The blob is in {@code repository} now. */
  void done(Owner owner, String repository) {
    owner.result().complete(Optional.of(repository));
  }

  /** The upload failed: followers upload themselves, and a later push may claim the blob again. */
  void failed(Owner owner) {
    uploads.remove(owner.key(), owner.result());
    owner.result().complete(Optional.empty());
  }

  /** The repository the owner's upload put the blob in, once it is done; empty when it failed. */
  static Optional<String> awaitRepository(Follower follower) throws InterruptedException {
    try {
      return follower.result().get();
    } catch (ExecutionException e) {
      return Optional.empty(); // never completed exceptionally; treated as a failed upload all the same
    }
  }
}
