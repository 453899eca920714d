package dev.builder.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.api.client.http.HttpHeaders;
import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.blob.Blobs;
import com.google.cloud.tools.jib.http.Authorization;
import com.google.cloud.tools.jib.http.BlobHttpContent;
import com.google.cloud.tools.jib.http.FailoverHttpClient;
import com.google.cloud.tools.jib.http.Request;
import com.google.cloud.tools.jib.http.Response;
import com.google.cloud.tools.jib.http.ResponseException;
import dev.builder.core.BuilderException;
import dev.builder.core.image.Digest;
import dev.builder.core.image.Json;
import dev.builder.core.image.MediaTypes;
import dev.builder.core.io.Streams;
import dev.builder.core.registry.RepositoryClient.RawManifest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and stores manifests as raw bytes, over jib's HTTP client, with the registry token flow (Basic or Bearer
 * challenge) done the way the distribution spec describes. jib-core parses what it pulls into its own templates, which
 * drop fields builder needs (a platform's variant, an entry's artifactType); and it pushes a manifest by serializing a
 * template with a Jackson mapper of its own (with Java time support), which costs a push some 0.05 s of class loading
 * and set-up in Maven's new JVM, to send bytes builder already has.
 */
final class ManifestClient {
  private static final List<String> ACCEPT =
      List.of(MediaTypes.OCI_INDEX, MediaTypes.OCI_MANIFEST, MediaTypes.DOCKER_MANIFEST_LIST, MediaTypes.DOCKER_MANIFEST);
  private static final Pattern CHALLENGE_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  private final FailoverHttpClient http;
  private final ImageName repository;
  private final Optional<Credentials> credentials;
  private final String actions;
  private Authorization authorization;

  /** @param push the token asked for allows {@link #put}ting too, as one token serves the push's reads and writes */
  ManifestClient(FailoverHttpClient http, ImageName repository, Optional<Credentials> credentials, boolean push) {
    this.http = http;
    this.repository = repository;
    this.credentials = credentials;
    this.actions = push ? "pull,push" : "pull";
  }

  /**
   * Asks the registry's API root who may come in, as every client does first, and answers a challenge at once: with a
   * token for this repository (anonymous without credentials, as public repositories allow), or with the credentials,
   * for Basic. A registry open to anyone needs nothing, and neither does a Basic challenge without credentials: a
   * repository may still be open to anyone, and if it is not, its own 401 says so.
   */
  synchronized void authenticate() throws IOException {
    try {
      http.get(new URL("https://" + repository.registry() + "/v2/"), Request.builder().build()).close();
    } catch (ResponseException e) {
      if (e.getStatusCode() != 401) {
        throw e;
      }
      if (!isBasic(e.getHeaders().getAuthenticate()) || credentials.isPresent()) {
        authorization = authorize(e.getHeaders());
      }
    }
  }

  private static boolean isBasic(String challenge) {
    return challenge == null || challenge.regionMatches(true, 0, "Basic", 0, 5);
  }

  synchronized RawManifest fetch(String qualifier) throws IOException {
    return get("manifests/" + qualifier, qualifier);
  }

  /** The referrers of a digest from the OCI 1.1 referrers API; a 404 means the registry does not offer it. */
  synchronized RawManifest referrers(String digest) throws IOException {
    return get("referrers/" + digest, "referrers");
  }

  /**
   * Stores {@code manifest} under {@code qualifier} (a tag, or its digest) and returns the digest the registry says it
   * stored it under, if it says.
   */
  synchronized Optional<String> put(byte[] manifest, String mediaType, String qualifier) throws IOException {
    URL url = url("manifests/" + qualifier);
    return authorized(() -> store(url, manifest, mediaType));
  }

  private Optional<String> store(URL url, byte[] manifest, String mediaType) throws IOException {
    // retryable: jib's client sends the body again when it falls back from HTTPS to plain HTTP
    Request request = Request.builder()
        .setAuthorization(authorization)
        .setBody(new BlobHttpContent(Blobs.from(out -> out.write(manifest), true), mediaType))
        .build();
    try (Response response = http.put(url, request)) {
      return response.getHeader("Docker-Content-Digest").stream().findFirst();
    }
  }

  private URL url(String route) throws IOException {
    return new URL("https://" + repository.registry() + "/v2/" + repository.repository() + "/" + route);
  }

  private RawManifest get(String route, String qualifier) throws IOException {
    URL url = url(route);
    return authorized(() -> read(url, qualifier));
  }

  /**
   * Makes a call, and when the registry answers 401 before any authorization was set up, answers its challenge and
   * makes it again: a registry that lets anyone read may still ask who writes.
   */
  private <T> T authorized(Call<T> call) throws IOException {
    try {
      return call.make();
    } catch (ResponseException e) {
      if (e.getStatusCode() != 401 || authorization != null) {
        throw e;
      }
      authorization = authorize(e.getHeaders());
      return call.make();
    }
  }

  private interface Call<T> {
    T make() throws IOException;
  }

  private RawManifest read(URL url, String qualifier) throws IOException {
    Request request = Request.builder().setAccept(ACCEPT).setAuthorization(authorization).build();
    try (Response response = http.get(url, request)) {
      byte[] bytes;
      try (InputStream in = response.getBody()) {
        bytes = Streams.readDocument(in, "manifest " + qualifier + " of " + repository.repositoryName());
      }
      Digest digest = Digest.of(bytes);
      if (qualifier.startsWith("sha256:") && !digest.toString().equals(qualifier)) {
        throw new BuilderException(
            "registry " + repository.registry() + " answered " + qualifier + " with content whose digest is " + digest
                + "; the registry or a proxy on the way corrupted it");
      }
      List<String> types = response.getHeader("Content-Type");
      String mediaType = types.isEmpty() ? null : types.get(0).split(";")[0].trim();
      if (mediaType == null || mediaType.isEmpty() || "application/json".equals(mediaType)) {
        mediaType = Json.text(Json.parse(bytes, "manifest " + qualifier), "mediaType");
      }
      return new RawManifest(bytes, mediaType, digest);
    }
  }

  private Authorization authorize(HttpHeaders headers) throws IOException {
    String challenge = headers.getAuthenticate();
    if (isBasic(challenge)) {
      return credentials
          .map(c -> Authorization.fromBasicCredentials(c.username(), c.password()))
          .orElseThrow(Unauthorized::new);
    }
    Map<String, String> params = new TreeMap<>();
    Matcher m = CHALLENGE_PARAM.matcher(challenge);
    while (m.find()) {
      params.put(m.group(1).toLowerCase(), m.group(2));
    }
    String realm = params.get("realm");
    if (realm == null) {
      throw new BuilderException(
          "registry " + repository.registry() + " asked for a token but named no realm: '" + challenge + "'");
    }
    String scope = "repository:" + repository.repository() + ":" + actions;
    Optional<Credentials> refreshToken =
        credentials.filter(c -> c.username().equals(Credential.OAUTH2_TOKEN_USER_NAME));
    try (Response response = refreshToken.isPresent()
            ? http.post(new URL(realm), refreshRequest(params.get("service"), scope, refreshToken.get().password()))
            : http.get(new URL(tokenUrl(realm, params.get("service"), scope)), basicRequest());
        InputStream in = response.getBody()) {
      byte[] answer = Streams.readDocument(in, "the answer of the token service " + realm);
      JsonNode token;
      try {
        token = Json.parse(answer, "the answer of the token service " + realm);
      } catch (BuilderException e) {
        // the parser's message could quote the token
        throw new BuilderException("the token service " + realm + " answered with something that is not JSON");
      }
      String value = Json.text(token, "token");
      if (value == null) {
        value = Json.text(token, "access_token");
      }
      if (value == null) {
        throw new BuilderException("the token service " + realm + " answered without a token");
      }
      return Authorization.fromBearerToken(value);
    }
  }

  private static String tokenUrl(String realm, String service, String scope) {
    StringBuilder url = new StringBuilder(realm).append(realm.contains("?") ? '&' : '?');
    if (service != null) {
      url.append("service=").append(URLEncoder.encode(service, StandardCharsets.UTF_8)).append('&');
    }
    return url.append("scope=").append(URLEncoder.encode(scope, StandardCharsets.UTF_8)).toString();
  }

  private Request basicRequest() {
    return Request.builder()
        .setAuthorization(
            credentials.map(c -> Authorization.fromBasicCredentials(c.username(), c.password())).orElse(null))
        .build();
  }

  /**
   * An identity token ({@code identitytoken} in a Docker config, as {@code az acr login} writes) is an OAuth2 refresh
   * token: the token spec trades it for an access token by POSTing a form, as jib-core does for pushes.
   */
  private static Request refreshRequest(String service, String scope, String refreshToken) {
    String form = (service == null ? "" : "service=" + URLEncoder.encode(service, StandardCharsets.UTF_8) + "&")
        + "scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8)
        + "&client_id=builder&grant_type=refresh_token&refresh_token="
        + URLEncoder.encode(refreshToken, StandardCharsets.UTF_8);
    return Request.builder()
        .setBody(new BlobHttpContent(Blobs.from(form), "application/x-www-form-urlencoded"))
        .build();
  }

  /** Marks a 401 that no credential can answer, for {@link RegistryErrors} to explain. */
  static final class Unauthorized extends IOException {
    Unauthorized() {
      super("unauthorized");
    }
  }
}
