package dev.builder.core.registry;

import com.google.cloud.tools.jib.api.InsecureRegistryException;
import com.google.cloud.tools.jib.api.RegistryAuthenticationFailedException;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import com.google.cloud.tools.jib.http.ResponseException;
import dev.builder.core.BuilderException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Optional;
import javax.net.ssl.SSLException;

/** Turns transport failures into one message that names the registry, the operation and the fix. */
final class RegistryErrors {
  private RegistryErrors() {}

  static BuilderException explain(
      String operation, ImageName name, Optional<Credentials> credentials, Throwable error) {
    if (error instanceof BuilderException builderException) {
      return builderException;
    }
    String registry = name.registry();
    String what = operation + " " + name;
    Throwable root = rootCause(error);
    int status = statusOf(error);
    if (status == 401 || status == 403 || error instanceof RegistryUnauthorizedException
        || error instanceof RegistryAuthenticationFailedException || error instanceof ManifestFetcher.Unauthorized) {
      return new BuilderException(
          "registry " + registry + " refused to " + what + " ("
              + (status > 0 ? "HTTP " + status : "unauthorized") + ") with "
              + credentials.map(c -> "the credentials of user '" + c.username() + "' from " + c.source())
                  .orElse("no credentials (anonymous)")
              + ". Log in to the registry (docker login " + registry + "), or give credentials for it in the"
              + " plugin's <auth> or a settings.xml <server> with id " + registry + ".", error);
    }
    if (status == 404) {
      return new BuilderException(
          "registry " + registry + " has no " + name.repository() + (name.qualifier() == null ? "" : " " + name.qualifier())
              + " (HTTP 404) when trying to " + what + ". Check the image name and tag.", error);
    }
    if (root instanceof ConnectException) {
      return new BuilderException(
          "cannot " + what + ": registry " + registry + " refused the connection. Is it running, and is the address"
              + " right?", error);
    }
    if (root instanceof UnknownHostException) {
      return new BuilderException(
          "cannot " + what + ": the registry host " + registry + " is unknown. Check the name, or your network and"
              + " DNS.", error);
    }
    if (root instanceof SocketTimeoutException) {
      return new BuilderException(
          "cannot " + what + ": registry " + registry + " did not answer in time. Check the network or proxy.", error);
    }
    if (error instanceof InsecureRegistryException || root instanceof SSLException) {
      return new BuilderException(
          "cannot " + what + ": registry " + registry + " does not offer verified HTTPS (" + root.getMessage() + ")."
              + " Install its CA certificate in the JVM trust store, or, for a registry you trust, set"
              + " -Dbuilder.allowInsecureRegistries=true.", error);
    }
    return new BuilderException(
        "cannot " + what + " at registry " + registry + ": " + (root.getMessage() == null ? root : root.getMessage()),
        error);
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
