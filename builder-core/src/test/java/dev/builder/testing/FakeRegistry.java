package dev.builder.testing;

import dev.builder.core.image.Digest;
import dev.builder.testing.FakeHosts.Reply;
import dev.builder.testing.FakeHosts.Request;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The little of the distribution API a push and a pull use, kept in memory, for {@link FakeHosts} to serve: Basic or
 * Bearer authentication at {@link #own} (a token service at {@code /token} on any host, for one user), and optionally
 * uploads and downloads on another host ("storage") that asks for no credentials, as pre-signed storage URLs do.
 */
public final class FakeRegistry implements FakeHosts.Handler {
  private static final Pattern ROUTE = Pattern.compile("/v2/(.+)/(blobs|manifests)/([^?]+)(\\?.*)?");

  public final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
  /** By {@code repository:tag} and {@code repository:digest}. */
  public final Map<String, byte[]> manifests = new ConcurrentHashMap<>();
  private final Map<String, String> types = new ConcurrentHashMap<>();
  private final String basic;
  private final String bearer;
  private final String token;
  /** The registry's host as requests name it; the others are storage. */
  public volatile String own;
  /** The WWW-Authenticate challenge, or null for a registry open to anyone. */
  public volatile String challenge;
  /** {@code scheme://host} of another host that uploads go to, or null for the registry's own. */
  public volatile String uploadsTo;
  /** {@code scheme://host} of another host that blob downloads are redirected to, or null for none. */
  public volatile String downloadsFrom;
  /** Storage answers 401 to everything. */
  public volatile boolean storageRefuses;

  /**
   * @param basic the Authorization header of the one user's Basic credentials
   * @param token the token the token service hands that user
   */
  public FakeRegistry(String basic, String token) {
    this.basic = basic;
    this.bearer = "Bearer " + token;
    this.token = token;
  }

  @Override
  public Reply answer(Request request) {
    String path = request.path();
    if (path.startsWith("/token")) {
      return basic.equals(request.authorization())
          ? Reply.of(200, ("{\"token\":\"" + token + "\"}").getBytes(StandardCharsets.UTF_8))
          : Reply.of(401);
    }
    if (!request.host().equals(own)) {
      return storageRefuses ? Reply.of(401) : storage(request);
    }
    if (challenge != null && !basic.equals(request.authorization()) && !bearer.equals(request.authorization())) {
      return Reply.of(401).with("WWW-Authenticate", challenge);
    }
    if (path.equals("/v2/")) {
      return Reply.of(200);
    }
    if (path.startsWith("/upload/")) {
      return storage(request);
    }
    Matcher route = ROUTE.matcher(path);
    if (!route.matches()) {
      return Reply.of(404);
    }
    String repository = route.group(1);
    String reference = route.group(3);
    if (route.group(2).equals("manifests")) {
      if (request.method().equals("PUT")) {
        String digest = Digest.of(request.body()).toString();
        manifests.put(repository + ":" + reference, request.body());
        manifests.put(repository + ":" + digest, request.body());
        types.put(repository + ":" + reference, request.contentType());
        types.put(repository + ":" + digest, request.contentType());
        return Reply.of(201).with("Docker-Content-Digest", digest);
      }
      byte[] manifest = manifests.get(repository + ":" + reference);
      return manifest == null ? Reply.of(404)
          : Reply.of(200, manifest).with("Content-Type", types.get(repository + ":" + reference));
    }
    if (reference.equals("uploads/") || reference.isEmpty()) {
      String location = "/upload/" + UUID.randomUUID();
      return Reply.of(202).with("Location", uploadsTo == null ? location : uploadsTo + location);
    }
    byte[] blob = blobs.get(reference);
    if (blob == null) {
      return Reply.of(404);
    }
    if (request.method().equals("GET") && downloadsFrom != null) {
      return Reply.of(307).with("Location", downloadsFrom + "/blobs/" + reference);
    }
    return Reply.of(200, blob);
  }

  private Reply storage(Request request) {
    String path = request.path();
    if (path.startsWith("/upload/") && request.method().equals("PUT")) {
      String digest = path.substring(path.indexOf("digest=") + "digest=".length()).replace("%3A", ":");
      blobs.put(digest, request.body());
      return Reply.of(201);
    }
    if (path.startsWith("/blobs/")) {
      byte[] blob = blobs.get(path.substring("/blobs/".length()));
      return blob == null ? Reply.of(404) : Reply.of(200, blob);
    }
    return Reply.of(404);
  }
}
