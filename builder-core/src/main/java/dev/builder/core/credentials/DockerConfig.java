package dev.builder.core.credentials;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.builder.core.BuilderException;
import dev.builder.core.image.Json;
import dev.builder.core.registry.Credentials;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The credential parts of a Docker {@code config.json} or a Podman {@code auth.json}: {@code auths} (a base64
 * {@code auth} of user:password, or an {@code identitytoken}), {@code credHelpers} (a helper per registry) and
 * {@code credsStore} (the helper for every registry). Keys are matched as Docker matches them: the registry, with
 * or without {@code https://}, with or without a path after it, and Docker Hub under any of its names.
 */
record DockerConfig(Map<String, AuthEntry> auths, Map<String, String> credHelpers, String credsStore) {
  static final DockerConfig EMPTY = new DockerConfig(Map.of(), Map.of(), null);

  /** Parses a config file; {@code what} names it in errors, which never quote its content. */
  static DockerConfig parse(byte[] content, String what) {
    JsonNode root;
    try {
      root = Json.tree(content);
    } catch (JsonProcessingException e) {
      // Jackson's own message can quote the text near the error, which may be a secret: give the place only.
      JsonLocation at = e.getLocation();
      throw new BuilderException(what + " is not valid JSON"
          + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    }
    if (root == null || !root.isObject()) {
      throw new BuilderException(what + " is not a JSON object");
    }
    Map<String, AuthEntry> auths = new LinkedHashMap<>();
    JsonNode authsNode = field(root, "auths");
    if (authsNode != null && authsNode.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = authsNode.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        JsonNode value = entry.getValue();
        auths.put(entry.getKey(), new AuthEntry(
            text(value, "auth"), text(value, "username"), text(value, "password"), text(value, "identitytoken")));
      }
    }
    Map<String, String> helpers = new LinkedHashMap<>();
    JsonNode helpersNode = field(root, "credHelpers");
    if (helpersNode != null && helpersNode.isObject()) {
      helpersNode.fields().forEachRemaining(e -> helpers.put(e.getKey(), e.getValue().asText()));
    }
    String store = text(root, "credsStore");
    return new DockerConfig(auths, helpers, store);
  }

  /** The helper name (the part after {@code docker-credential-}) that {@code credHelpers} gives this registry. */
  Optional<String> helperFor(String registry) {
    return find(credHelpers, registry).map(Map.Entry::getValue).filter(name -> !name.isBlank());
  }

  /** The helper {@code credsStore} names for every registry. */
  Optional<String> store() {
    return Optional.ofNullable(credsStore).filter(name -> !name.isBlank());
  }

  /** The credentials {@code auths} holds for this registry, if it holds any. */
  Optional<Credentials> authFor(String registry, String what, String source) {
    return find(auths, registry).flatMap(e -> e.getValue().credentials(e.getKey(), what, source));
  }

  private static <T> Optional<Map.Entry<String, T>> find(Map<String, T> map, String registry) {
    for (String alias : RegistryAliases.of(registry)) {
      for (Predicate<String> matches : matchers(alias)) {
        for (Map.Entry<String, T> entry : map.entrySet()) {
          if (matches.test(entry.getKey())) {
            return Optional.of(entry);
          }
        }
      }
    }
    return Optional.empty();
  }

  private static List<Predicate<String>> matchers(String host) {
    return List.of(
        host::equals,
        ("https://" + host)::equals,
        ("http://" + host)::equals,
        key -> key.startsWith(host + "/"),
        key -> key.startsWith("https://" + host + "/"),
        key -> key.startsWith("http://" + host + "/"));
  }

  private static JsonNode field(JsonNode node, String name) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String candidate = it.next();
      if (candidate.equalsIgnoreCase(name)) {
        return node.get(candidate);
      }
    }
    return null;
  }

  private static String text(JsonNode node, String name) {
    JsonNode value = node == null || !node.isObject() ? null : field(node, name);
    return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
  }

  /** One {@code auths} entry. {@link #toString()} never shows its content. */
  record AuthEntry(String auth, String username, String password, String identityToken) {

    Optional<Credentials> credentials(String key, String what, String source) {
      if (identityToken != null) {
        // An OAuth2 refresh token (Azure, some enterprise registries); jib-core trades it for an access token.
        return Optional.of(new Credentials(com.google.cloud.tools.jib.api.Credential.OAUTH2_TOKEN_USER_NAME,
            identityToken, source));
      }
      if (auth != null) {
        String decoded;
        try {
          decoded = new String(Base64.getMimeDecoder().decode(auth), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          decoded = "";
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
          throw new BuilderException("the auths entry \"" + key + "\" in " + what + " has an \"auth\" that is not"
              + " the base64 of user:password; run docker login again, or fix or remove that entry");
        }
        return Optional.of(new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1), source));
      }
      if (username != null && password != null) {
        return Optional.of(new Credentials(username, password, source));
      }
      return Optional.empty(); // an empty entry, as Docker writes when a credsStore keeps the secret
    }

    @Override
    public String toString() {
      return "auths entry";
    }
  }
}
