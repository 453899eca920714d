package dev.builder.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.HttpContent;
import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.blob.Blobs;
import com.google.cloud.tools.jib.http.Authorization;
import com.google.cloud.tools.jib.http.BlobHttpContent;
import com.google.cloud.tools.jib.http.FailoverHttpClient;
import com.google.cloud.tools.jib.http.Request;
import com.google.cloud.tools.jib.http.Response;
import com.google.cloud.tools.jib.http.ResponseException;
import dev.builder.core.BuilderException;
import dev.builder.core.image.Blob;
import dev.builder.core.image.Digest;
import dev.builder.core.image.Json;
import dev.builder.core.image.MediaTypes;
import dev.builder.core.io.Streams;
import dev.builder.core.registry.RepositoryClient.RawManifest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The requests of the OCI distribution API for one repository (manifests as raw bytes, blobs, the referrers API),
 * over jib's HTTP client, with the registry token flow (Basic or Bearer challenge) done the way the distribution spec
 * describes.
 *
 * <p>Why not jib-core's registry client: it parses manifests into its own templates, which drop fields builder needs
 * (a platform's variant, an entry's artifactType); it pushes a manifest by serializing a template with a Jackson
 * mapper of its own; it authenticates once more for blobs; and its endpoint classes cost an inner-loop push in
 * Maven's new JVM about as much class loading and set-up as the requests themselves.
 */
final class RepositoryHttp {
  private static final List<String> ACCEPT =
      List.of(MediaTypes.OCI_INDEX, MediaTypes.OCI_MANIFEST, MediaTypes.DOCKER_MANIFEST_LIST, MediaTypes.DOCKER_MANIFEST);
  private static final Pattern CHALLENGE_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
  private static final String USER_AGENT = "builder/0.1.0";

  private final FailoverHttpClient http;
  private final FailoverHttpClient verified;
  private final ImageName repository;
  private final URL registry;
  private final Optional<Credentials> credentials;
  private final List<String> scopes;
  // read by parallel uploads without the lock; set under it
  private volatile Authorization authorization;

  /**
   * @param http the client for the registry's own host
   * @param verified a client that speaks only HTTPS verified as for remote registries: the credentials go to a token
   *     service on another host only through it
   * @param push the token asked for allows writing too, as one token serves the push's reads and writes
   * @param mountFrom a repository on the same registry that blobs are mounted from, or null; the token then allows
   *     reading it too, without which distribution refuses the mount (401)
   */
  RepositoryHttp(
      FailoverHttpClient http,
      FailoverHttpClient verified,
      ImageName repository,
      Optional<Credentials> credentials,
      boolean push,
      String mountFrom) {
    this.http = http;
    this.verified = verified;
    this.repository = repository;
    try {
      this.registry = new URL("https://" + repository.registry() + "/");
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("not a registry host: " + repository.registry(), e);
    }
    this.credentials = credentials;
    List<String> asked = new ArrayList<>();
    asked.add("repository:" + repository.repository() + ":" + (push ? "pull,push" : "pull"));
    if (mountFrom != null && !mountFrom.equals(repository.repository())) {
      asked.add("repository:" + mountFrom + ":pull");
    }
    this.scopes = List.copyOf(asked);
  }

  /**
   * Asks the registry's API root who may come in, as every client does first: empty when anyone may, else the
   * headers of its 401 challenge.
   */
  Optional<HttpHeaders> challenge() throws IOException {
    try {
      http.get(new URL("https://" + repository.registry() + "/v2/"), request(null).build()).close();
      return Optional.empty();
    } catch (ResponseException e) {
      if (e.getStatusCode() != 401) {
        throw e;
      }
      return Optional.of(e.getHeaders());
    }
  }

  /**
   * Answers the API root's {@link #challenge} at once: with a token for this repository (anonymous without
   * credentials, as public repositories allow), or with the credentials, for Basic. A registry open to anyone needs
   * nothing, and neither does a Basic challenge without credentials: a repository may still be open to anyone, and if
   * it is not, its own 401 says so.
   */
  synchronized void answer(Optional<HttpHeaders> challenge) throws IOException {
    if (challenge.isPresent() && (!isBasic(challenge.get().getAuthenticate()) || credentials.isPresent())) {
      authorization = authorize(challenge.get());
    }
  }

  private static boolean isBasic(String challenge) {
    return challenge == null || challenge.regionMatches(true, 0, "Basic", 0, 5);
  }

  RawManifest fetch(String qualifier) throws IOException {
    return get("manifests/" + qualifier, qualifier);
  }

  /** The referrers of a digest from the OCI 1.1 referrers API; a 404 means the registry does not offer it. */
  RawManifest referrers(String digest) throws IOException {
    return get("referrers/" + digest, "referrers");
  }

  /**
   * Stores {@code manifest} under {@code qualifier} (a tag, or its digest) and returns the digest the registry says it
   * stored it under, if it says.
   */
  Optional<String> put(byte[] manifest, String mediaType, String qualifier) throws IOException {
    URL url = url("manifests/" + qualifier);
    // retryable: jib's client sends the body again when it falls back from HTTPS to plain HTTP
    HttpContent body = new BlobHttpContent(Blobs.from(out -> out.write(manifest), true), mediaType);
    return authorized(auth -> {
      try (Response response = http.put(url, request(auth).setBody(body).build())) {
        return response.getHeader("Docker-Content-Digest").stream().findFirst();
      }
    });
  }

  /** The size the repository gives for a blob, or empty when it does not have it (HEAD, 404). */
  Optional<Long> blobSize(Digest digest) throws IOException {
    URL url = url("blobs/" + digest);
    try {
      return authorized(auth -> {
        try (Response response = http.call("HEAD", url, request(auth).build())) {
          return Optional.of(response.getContentLength());
        }
      });
    } catch (ResponseException e) {
      if (e.getStatusCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * Makes a blob present in the repository: with {@code mountFrom}, asks the registry to mount it from that repository
   * and returns true when it did; otherwise (or when the registry answers the mount with an upload session) uploads it
   * in one request of known length, as the distribution spec's monolithic upload (POST, then PUT), and returns false.
   */
  boolean pushBlob(Blob blob, String mountFrom) throws IOException {
    URL start = url("blobs/uploads/" + (mountFrom == null ? ""
        : "?mount=" + encode(blob.digest().toString()) + "&from=" + encode(mountFrom)));
    URL session = authorized(auth -> {
      try (Response response = http.post(start, request(auth).build())) {
        if (response.getStatusCode() == 201 && mountFrom != null) {
          return null;
        }
        List<String> location = response.getHeader("Location");
        if (location.isEmpty()) {
          throw new BuilderException("registry " + repository.registry() + " answered the start of an upload to "
              + repository.repository() + " (HTTP " + response.getStatusCode() + ") without a Location to upload to");
        }
        // relative to where the request went, which may be plain HTTP after jib's client fell back to it
        return new URL(response.getRequestUrl().toURL(), location.get(0));
      }
    });
    if (session == null) {
      return true;
    }
    URL put =
        new URL(session + (session.getQuery() == null ? "?" : "&") + "digest=" + encode(blob.digest().toString()));
    HttpContent body = new BlobContent(blob);
    if (!Hosts.same(put, registry)) {
      // Storage of the registry's, or another registry it names: never the registry's credentials or token, as
      // Docker does, and that host's own 401 is not answered with them either.
      try {
        http.put(put, request(null).setBody(body).build()).close();
      } catch (IOException e) {
        throw new ElsewhereException(Hosts.name(put),
            Hosts.name(put) + ", where registry " + repository.registry() + " sent the upload,", false, e);
      }
      return false;
    }
    authorized(auth -> {
      http.put(put, request(auth).setBody(body).build()).close();
      return null;
    });
    return false;
  }

  /** Streams a blob into {@code out}; the caller checks its digest, as the blob cache does. */
  void pullBlob(Digest digest, OutputStream out) throws IOException {
    URL url = url("blobs/" + digest);
    authorized(auth -> {
      // google-http-client follows a redirect (to storage, often on another host) without the Authorization header
      try (Response response = http.get(url, request(auth).build()); InputStream in = response.getBody()) {
        in.transferTo(out);
      }
      return null;
    });
  }

  private static Request.Builder request(Authorization auth) {
    return Request.builder().setUserAgent(USER_AGENT).setAuthorization(auth);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private URL url(String route) throws IOException {
    return new URL("https://" + repository.registry() + "/v2/" + repository.repository() + "/" + route);
  }

  private RawManifest get(String route, String qualifier) throws IOException {
    URL url = url(route);
    return authorized(auth -> read(url, qualifier, auth));
  }

  /**
   * Makes a call, and when the registry answers 401 before any authorization was set up, answers its challenge and
   * makes it again: a registry that lets anyone read may still ask who writes. Of parallel calls that meet the same
   * 401, one answers the challenge and the others use its answer.
   */
  private <T> T authorized(Call<T> call) throws IOException {
    Authorization used = authorization;
    try {
      return call.make(used);
    } catch (ResponseException e) {
      Optional<URL> answered = Hosts.answeredBy(e).filter(url -> !Hosts.same(url, registry));
      if (answered.isPresent()) {
        // a redirect to another host, whose challenge is not the registry's to answer
        String host = Hosts.name(answered.get());
        throw new ElsewhereException(
            host, host + ", where registry " + repository.registry() + " redirected the request,", false, e);
      }
      if (e.getStatusCode() != 401) {
        throw e;
      }
      Authorization fresh;
      synchronized (this) {
        if (authorization == used) {
          if (used != null) {
            throw e;
          }
          authorization = authorize(e.getHeaders());
        }
        fresh = authorization;
      }
      return call.make(fresh);
    }
  }

  private interface Call<T> {
    T make(Authorization auth) throws IOException;
  }

  private RawManifest read(URL url, String qualifier, Authorization auth) throws IOException {
    Request request = request(auth).setAccept(ACCEPT).build();
    try (Response response = http.get(url, request)) {
      byte[] bytes;
      try (InputStream in = response.getBody()) {
        bytes = Streams.readDocument(in, "manifest " + qualifier + " of " + repository.repositoryName());
      }
      Digest digest = Digest.of(bytes);
      if (qualifier.startsWith("sha256:") && !digest.toString().equals(qualifier)) {
        throw new WrongDigest(
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
      params.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2));
    }
    String realm = params.get("realm");
    if (realm == null) {
      throw new BuilderException(
          "registry " + repository.registry() + " asked for a token but named no realm: '" + challenge + "'");
    }
    Optional<Credentials> refreshToken =
        credentials.filter(c -> c.username().equals(Credential.OAUTH2_TOKEN_USER_NAME));
    URL realmUrl = new URL(realm);
    boolean elsewhere = !Hosts.same(realmUrl, registry);
    try {
      return token(realm, params.get("service"), refreshToken, tokenClient(realmUrl));
    } catch (IOException e) {
      if (!elsewhere || e instanceof PlainHttpRealm) {
        throw e;
      }
      throw new ElsewhereException(Hosts.name(realmUrl),
          "the token service " + Hosts.name(realmUrl) + " of registry " + repository.registry(), true, e);
    }
  }

  /**
   * The client to ask the token service with. The registry names it, and may name any host: the credentials go to
   * another host than the registry's only over HTTPS verified as for remote registries, or, for a registry on this
   * machine, to a token service on this machine too (plain HTTP allowed). Without credentials the request holds no
   * secret, and the registry's own client asks.
   */
  private FailoverHttpClient tokenClient(URL realm) throws IOException {
    if (!"https".equals(realm.getProtocol()) && !"http".equals(realm.getProtocol())) {
      throw new BuilderException("registry " + repository.registry() + " named a token service that is not an HTTP"
          + " address: '" + realm.getProtocol() + ":...'");
    }
    if (credentials.isEmpty() || Hosts.same(realm, registry)
        || (repository.isLoopback() && ImageName.isLoopback(Hosts.name(realm)))) {
      return http;
    }
    if (!"https".equals(realm.getProtocol())) {
      throw new PlainHttpRealm(Hosts.name(realm));
    }
    return verified;
  }

  private Authorization token(
      String realm, String service, Optional<Credentials> refreshToken, FailoverHttpClient client)
      throws IOException {
    try (Response response = refreshToken.isPresent()
            ? client.post(new URL(realm), refreshRequest(service, refreshToken.get().password()))
            : client.get(new URL(tokenUrl(realm, service)), basicRequest());
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

  /** The token spec's GET: one {@code scope} parameter per repository. */
  private String tokenUrl(String realm, String service) {
    StringBuilder url = new StringBuilder(realm).append(realm.contains("?") ? '&' : '?');
    if (service != null) {
      url.append("service=").append(encode(service)).append('&');
    }
    return url.append("scope=").append(String.join("&scope=", scopes.stream().map(RepositoryHttp::encode).toList()))
        .toString();
  }

  private Request basicRequest() {
    return request(null)
        .setAuthorization(
            credentials.map(c -> Authorization.fromBasicCredentials(c.username(), c.password())).orElse(null))
        .build();
  }

  /**
   * An identity token ({@code identitytoken} in a Docker config, as {@code az acr login} writes) is an OAuth2 refresh
   * token: the token spec trades it for an access token by POSTing a form, as jib-core does for pushes. The form's
   * {@code scope} lists the repositories' scopes separated by spaces.
   */
  private Request refreshRequest(String service, String refreshToken) {
    String form = (service == null ? "" : "service=" + encode(service) + "&")
        + "scope=" + encode(String.join(" ", scopes))
        + "&client_id=builder&grant_type=refresh_token&refresh_token=" + encode(refreshToken);
    return request(null).setBody(new SentOnce(form)).build();
  }

  /**
   * A form that holds a secret: google-http-client sends a body again only when it says it may, and it follows a
   * redirect (307, 308) by POSTing the same body to wherever the redirect points, any host. This one says it may not,
   * so the redirect is not followed and fails. (jib's fall-back from HTTPS to plain HTTP builds a new request to the
   * same host, and still works.)
   */
  private static final class SentOnce implements HttpContent {
    // not a record, whose toString would show the secret
    private final byte[] form;

    SentOnce(String form) {
      this.form = form.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public long getLength() {
      return form.length;
    }

    @Override
    public String getType() {
      return "application/x-www-form-urlencoded";
    }

    @Override
    public boolean retrySupported() {
      return false;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
      out.write(form);
    }
  }

  /** A manifest asked for by digest came back with another: a mirror that did so is not used. */
  static final class WrongDigest extends BuilderException {
    WrongDigest(String message) {
      super(message);
    }
  }

  /** Marks a 401 that no credential can answer, for {@link RegistryErrors} to explain. */
  static final class Unauthorized extends IOException {
    Unauthorized() {
      super("unauthorized");
    }
  }

  /**
   * The registry named a token service on another host over plain HTTP, and builder did not send it the credentials;
   * for {@link RegistryErrors} to explain.
   */
  static final class PlainHttpRealm extends IOException {
    private final String host;

    PlainHttpRealm(String host) {
      super("the token service " + host + " is on another host and speaks plain HTTP");
      this.host = host;
    }

    String host() {
      return host;
    }
  }

  /**
   * A blob as an HTTP body of known length, opened afresh each time it is sent (jib's client sends it again when it
   * falls back from HTTPS to plain HTTP).
   */
  private record BlobContent(Blob blob) implements HttpContent {
    @Override
    public long getLength() {
      return blob.size();
    }

    @Override
    public String getType() {
      return "application/octet-stream";
    }

    @Override
    public boolean retrySupported() {
      return true;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
      try (InputStream in = blob.open()) {
        in.transferTo(out);
      }
    }
  }
}
