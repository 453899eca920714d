package com.google.cloud.tools.jib.http;

import com.google.api.client.http.HttpTransport;
import com.google.cloud.tools.jib.api.LogEvent;
import dev.builder.core.registry.PlainHttpMemory;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * jib-core's HTTP client with the two things builder must own: the connect and read timeout, and retrying.
 *
 * <p>jib-core gives neither through its public API: every registry call takes its timeout from the JVM-wide system
 * property {@code jib.httpTimeout}, and the public constructors retry I/O failures by themselves, up to ten times with
 * a back-off of up to fifteen minutes, beneath any retry of ours. A dead registry would then hang a build for minutes,
 * and two builds in one JVM (Maven's {@code -T}) could not have different timeouts. This class lives in jib's package
 * because that is the only way, short of reflection, to reach the two package-private members it needs: the
 * constructor that switches jib's own retries off, and the request's headers and body, to copy a request with
 * builder's timeout. Both are checked by the compiler, so a jib-core upgrade that moves them fails the build instead
 * of silently bringing the system property back. jib-core's jar is not sealed, so the split package is legal. The
 * same package-private constructor also takes the transports, for HTTPS verified against private CAs.
 */
public final class TimedFailoverHttpClient extends FailoverHttpClient {
  private final int timeoutMillis;
  private final PlainHttpMemory memory;

  /**
   * @param enableHttpAndInsecureFailover as {@link FailoverHttpClient}: try HTTPS unverified, then plain HTTP
   * @param sendAuthorizationOverHttp as {@link FailoverHttpClient}
   * @param timeout the connect timeout and the read timeout (the longest silence while a response is awaited)
   * @param memory registries that answered in plain HTTP before, asked so first; null for none (it only matters with
   *     failover, which builder enables for registries on this machine)
   */
  public TimedFailoverHttpClient(
      boolean enableHttpAndInsecureFailover,
      boolean sendAuthorizationOverHttp,
      Consumer<LogEvent> logger,
      Duration timeout,
      PlainHttpMemory memory) {
    super(enableHttpAndInsecureFailover, sendAuthorizationOverHttp, logger, false);
    this.timeoutMillis = millis(timeout);
    this.memory = enableHttpAndInsecureFailover ? memory : null;
  }

  /** As above, with the transports for verified and for unverified HTTPS. */
  public TimedFailoverHttpClient(
      boolean enableHttpAndInsecureFailover,
      boolean sendAuthorizationOverHttp,
      Consumer<LogEvent> logger,
      Supplier<HttpTransport> secureTransports,
      Supplier<HttpTransport> insecureTransports,
      Duration timeout,
      PlainHttpMemory memory) {
    super(enableHttpAndInsecureFailover, sendAuthorizationOverHttp, logger, secureTransports, insecureTransports,
        false);
    this.timeoutMillis = millis(timeout);
    this.memory = enableHttpAndInsecureFailover ? memory : null;
  }

  private static int millis(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("timeout must be positive and under 24 days: " + timeout);
    }
    return (int) timeout.toMillis();
  }

  /** Every call, jib's own and builder's, goes through here: get, post and put delegate to it. */
  @Override
  public Response call(String httpMethod, URL url, Request request) throws IOException {
    Request timed = Request.builder().setBody(request.getHttpContent()).setHttpTimeout(timeoutMillis).build();
    timed.getHeaders().fromHttpHeaders(request.getHeaders());
    if (memory == null || !"https".equals(url.getProtocol()) || url.getPort() == -1) {
      return super.call(httpMethod, url, timed);
    }
    String registry = url.getHost() + ":" + url.getPort();
    if (memory.speaksPlainHttp(registry)) {
      try {
        return super.call(httpMethod, new URL("http", url.getHost(), url.getPort(), url.getFile()), timed);
      } catch (ResponseException e) {
        // a registry's own answer; but a Go TLS server (distribution, zot, Harbor) answers a plain-HTTP request with
        // 400 in plain text, and a GET or HEAD is what any session asks first
        if (e.getStatusCode() != 400 || !("GET".equals(httpMethod) || "HEAD".equals(httpMethod))) {
          throw e;
        }
        memory.forget(registry);
      } catch (SocketTimeoutException e) {
        throw e; // slow, not changed: the timeout is the answer, once
      } catch (IOException e) {
        // refused, reset or closed: this failure stands (retried above as any other), and from now on the registry
        // is asked as if it were new, so that one that turned to TLS is found again
        memory.forget(registry);
        throw e;
      }
    }
    Response response = super.call(httpMethod, url, timed);
    if ("http".equals(response.getRequestUrl().getScheme())) {
      memory.plainHttp(registry);
    }
    return response;
  }
}
