package dev.builder.core.registry;

import com.google.cloud.tools.jib.http.ResponseException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import java.util.List;
import java.util.OptionalLong;

/** What a registry failure says about trying again. */
final class Faults {
  private Faults() {}

  /**
   * A fault that may pass: 408, 429 or a 5xx answer, or a connection that could not be made, broke, was cut or went
   * silent. Every other answer (401, 404, ...) is final, and so are failures of name resolution and TLS.
   */
  static boolean isTransient(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof ResponseException response) {
        int status = response.getStatusCode();
        return status == 408 || status == 429 || status >= 500;
      }
      if (t instanceof SocketException || t instanceof EOFException
          || (t instanceof InterruptedIOException && !(t instanceof ClosedByInterruptException))) {
        return true;
      }
      if (t instanceof IOException io && io.getMessage() != null
          && (io.getMessage().contains("Connection reset") || io.getMessage().contains("Premature EOF")
              || io.getMessage().contains("Unexpected end of file"))) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /**
   * The registry never answered: the connection was refused or timed out, or a request got no answer in time. On the
   * first contact with a registry this is not retried, so that a registry that is down fails the build after one
   * timeout instead of one per try.
   */
  static boolean isSilence(Throwable error) {
    for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof ResponseException) {
        return false;
      }
      if (t instanceof ConnectException || t instanceof SocketTimeoutException) {
        return true;
      }
    }
    return false;
  }

  /** The wait a 429 or 503 asked for with {@code Retry-After: SECONDS}, if any. */
  static OptionalLong retryAfterMillis(Throwable error) {
    for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof ResponseException response && response.getHeaders() != null) {
        Object value = response.getHeaders().get("retry-after");
        String text = value instanceof List<?> list && !list.isEmpty() ? String.valueOf(list.get(0))
            : value == null ? null : value.toString();
        if (text != null && text.trim().matches("\\d{1,9}")) {
          return OptionalLong.of(Long.parseLong(text.trim()) * 1000);
        }
      }
    }
    return OptionalLong.empty();
  }

  /** The innermost cause, as one line. */
  static String summary(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }
}
