package dev.builder.core.registry;

import dev.builder.core.Setting;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.google.cloud.tools.jib.api.InsecureRegistryException;
import com.google.cloud.tools.jib.http.ResponseException;
import dev.builder.core.BuilderException;
import dev.builder.core.image.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Turns transport failures into one message that names the registry, the repository, the operation ({@link #PUSH}
 * or {@link #PULL_BASE}), the credential source used (never the secret) and the fix.
 */
final class RegistryErrors {
  static final String PUSH = "push";
  static final String PULL_BASE = "pull base image";
  private static final Pattern REFUSAL = Pattern.compile("\\((HTTP 40[13] \\w+)");

  private RegistryErrors() {}

  /**
   * @param operation {@link #PUSH} or {@link #PULL_BASE}
   * @param step what builder was doing within the operation, such as "upload blob 3f2a...", or null
   */
  static BuilderException explain(
      String operation, String step, ImageName name, Optional<Credentials> credentials, Throwable error) {
    return explain(operation, step, name, credentials, error, null);
  }

  /** As above; {@code timeout}, when known, is named when the registry did not answer in time. */
  static BuilderException explain(
      String operation, String step, ImageName name, Optional<Credentials> credentials, Throwable error,
      Duration timeout) {
    if (error instanceof BuilderException builderException) {
      return builderException;
    }
    String registry = name.registry();
    String what = operation + " " + image(operation, name) + (step == null ? "" : " (" + step + ")");
    Throwable root = rootCause(error);
    if (error instanceof RepositoryHttp.PlainHttpRealm realm) {
      return new BuilderException("cannot " + what + ": registry " + registry + " sends builder for a token to "
          + realm.host() + ", another host, over plain HTTP, and builder sends credentials to another host only over"
          + " verified HTTPS (or, for a registry on this machine, to a token service on this machine), so it did not"
          + " ask. The registry's token service (its auth.token.realm) must be served over HTTPS.");
    }
    // the host that answered, when it is not the registry: its token service, or where it sent a request
    ElsewhereException elsewhere = find(error, ElsewhereException.class);
    String who = elsewhere == null ? "registry " + registry : elsewhere.who();
    // builder's requests throw Unauthorized when the registry answered 401 and there was nothing to answer it with
    int status = error instanceof RepositoryHttp.Unauthorized ? 401 : statusOf(error);
    if (elsewhere != null && !elsewhere.tokenService() && (status == 401 || status == 403)) {
      return new BuilderException("cannot " + what + ": " + who + " answered HTTP " + status + ". builder sends the"
          + " registry's credentials and tokens only to the registry's own host, as Docker does. If "
          + elsewhere.host() + " is the same registry under another name, name the image with that name, or set the"
          + " registry's public address (distribution's http.host) to the name builder uses.");
    }
    if (status == 401 || status == 403) {
      // No cause: the answer to a failed token request may quote what was sent with it, credentials included, and
      // Maven prints the causes of a failure with -e and -X.
      return new BuilderException(refused(operation, step, name, credentials, status, who, withheld(error)));
    }
    if (status == 404 && elsewhere == null) {
      return new BuilderException(
          "registry " + registry + " has no " + name.repository() + (name.qualifier() == null ? "" : " " + name.qualifier())
              + " (HTTP 404) when trying to " + what + ". Check the image name and tag.", error);
    }
    ProxyFailure proxy = find(error, ProxyFailure.class);
    if (proxy != null) {
      // the proxy's failure says all: which proxy, which user (never the password), what to check
      return new BuilderException("cannot " + what + ": " + proxy.getMessage() + ".", error);
    }
    if (root instanceof ConnectException) {
      return new BuilderException(
          "cannot " + what + ": " + who + " refused the connection. Is it running, and is the address right?",
          error);
    }
    if (root instanceof UnknownHostException) {
      return new BuilderException(
          "cannot " + what + ": " + (elsewhere == null ? "the registry host " + registry : "the host of " + who)
              + " is unknown. Check the name, or your network and DNS.", error);
    }
    if (root instanceof SocketTimeoutException) {
      return new BuilderException(
          "cannot " + what + ": " + who + " did not answer "
              + (timeout == null ? "in time" : "within " + timeout.toSeconds() + " s")
              + ". Check that it is running and reachable from here (network, proxy), or give it longer with"
              + " " + Setting.REGISTRY_TIMEOUT.mention() + " (seconds).", error);
    }
    SSLException tls = find(error, SSLException.class);
    if (error instanceof InsecureRegistryException || tls != null) {
      return new BuilderException(
          "cannot " + what + ": " + who + " does not offer HTTPS that this JVM can verify ("
              + (tls != null ? tls : root).getMessage() + "). If a private CA signed its certificate, list the CA's PEM"
              + " file in " + Setting.CA_CERTIFICATES.mention() + " or add it to " + Setting.TRUST_STORE.mention()
              + (elsewhere != null && elsewhere.tokenService()
                  ? " (builder sends credentials to a token service on another host only over verified HTTPS)."
                  : "; for a registry you trust on a network you trust, "
                      + Setting.ALLOW_INSECURE_REGISTRIES.mention() + " set to true allows unverified HTTPS."), error);
    }
    if (status > 0) {
      return new BuilderException(
          "cannot " + what + ": " + who + " answered HTTP " + status + registryMessage(error)
              + (status == 429 || status >= 500 ? ". The registry is failing or overloaded; try again later." : "."),
          error);
    }
    return new BuilderException(
        "cannot " + what + " at " + who + ": " + (root.getMessage() == null ? root : root.getMessage()),
        error);
  }

  /**
   * Why a registry could not serve a pull, in a few words for a log line that says what was tried next ("does not
   * have it (HTTP 404, MANIFEST_UNKNOWN)", "refused the connection"): {@code error} as {@link #explain} made it.
   */
  static String brief(RuntimeException error) {
    int status = statusOf(error);
    Throwable root = rootCause(error);
    if (status == 404) {
      JsonNode first = firstError(error);
      return "does not have it (HTTP 404" + (first.hasNonNull("code") ? ", " + first.get("code").asText() : "") + ")";
    }
    if (status > 0) {
      return "answered HTTP " + status + registryMessage(error);
    }
    if (root instanceof ConnectException) {
      return "refused the connection";
    }
    if (root instanceof UnknownHostException) {
      return "is an unknown host";
    }
    if (root instanceof SocketTimeoutException) {
      return "did not answer in time";
    }
    if (find(error, SSLException.class) != null || find(error, InsecureRegistryException.class) != null) {
      return "does not offer HTTPS that this JVM can verify";
    }
    // a refusal carries no cause (see explain); its message says what was refused and why
    Matcher refusal = REFUSAL.matcher(String.valueOf(error.getMessage()));
    if (refusal.find()) {
      return "refused access (" + refusal.group(1) + ")";
    }
    return "failed: " + error.getMessage();
  }

  /** The registry's own words from an OCI error body ({@code {"errors":[{"code":..,"message":..}]}}), if any. */
  private static String registryMessage(Throwable error) {
    JsonNode first = firstError(error);
    return first.hasNonNull("code") ? " (" + first.get("code").asText() + ": " + first.path("message").asText() + ")"
        : "";
  }

  /** The first error of an OCI error body, or a missing node. */
  private static JsonNode firstError(Throwable error) {
    ResponseException response = find(error, ResponseException.class);
    if (response == null || response.getContent() == null) {
      return MissingNode.getInstance();
    }
    try {
      return Json.tree(response.getContent().getBytes(StandardCharsets.UTF_8)).path("errors").path(0);
    } catch (IOException | RuntimeException notJson) {
      return MissingNode.getInstance();
    }
  }

  /** Whether jib's client left the credentials out of the request that was refused, as it was plain HTTP. */
  private static boolean withheld(Throwable error) {
    ResponseException response = find(error, ResponseException.class);
    return response != null && response.requestAuthorizationCleared();
  }

  private static String refused(String operation, String step, ImageName name, Optional<Credentials> credentials,
      int status, String who, boolean withheld) {
    String registry = name.registry();
    String code = status == 403 ? "HTTP 403 Forbidden" : status == 401 ? "HTTP 401 Unauthorized" : "unauthorized";
    String head = who + " refused to " + operation + " " + image(operation, name) + " (" + code
        + (step == null ? "" : ", while trying to " + step) + ") ";
    if (credentials.isEmpty()) {
      return head + "with no credentials: builder found none for " + registry + " (it looks in " + Setting.CREDENTIALS.mention()
          + ", the Docker and Podman auth files, and credential helpers, in that order). Add your user name and"
          + " password for " + registry + " to " + Setting.CREDENTIALS.mention() + ", or run docker login " + registry
          + ".";
    }
    Credentials used = credentials.get();
    if (withheld) {
      return head + "without the credentials of user '" + used.username() + "' from " + used.source() + ": it"
          + " answered only over plain HTTP, and builder sends credentials over plain HTTP only to registries on this"
          + " machine, so it did not send them. Serve " + registry + " over HTTPS (if a private CA signed its"
          + " certificate, list the CA in " + Setting.CA_CERTIFICATES.mention() + ").";
    }
    String with = "with the credentials of user '" + used.username() + "' from " + used.source();
    if (status == 403) {
      return head + with + ": the registry knows the user, but it may not " + operation + " " + name.repository()
          + ". Ask for that access on " + registry + ", or give credentials that have it.";
    }
    return head + with + ": the registry did not accept them. Check the user name and password (or token) in "
        + used.source() + "; a token may have expired, so log in again if you use docker login.";
  }

  /** A push goes to several tags, so it names the repository; a pull names the exact base reference. */
  private static String image(String operation, ImageName name) {
    return operation.equals(PUSH) ? name.repositoryName() : name.toString();
  }

  private static <T extends Throwable> T find(Throwable error, Class<T> type) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  private static int statusOf(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof ResponseException response) {
        return response.getStatusCode();
      }
    }
    return -1;
  }

  private static Throwable rootCause(Throwable error) {
    Throwable t = error;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }
}
