package com.google.cloud.tools.jib.http;

import com.google.api.client.http.HttpTransport;
import com.google.cloud.tools.jib.api.LogEvent;
import java.io.IOException;
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

  /**
   * @param enableHttpAndInsecureFailover as {@link FailoverHttpClient}: try HTTPS unverified, then plain HTTP
   * @param sendAuthorizationOverHttp as {@link FailoverHttpClient}
   * @param timeout the connect timeout and the read timeout (the longest silence while a response is awaited)
   */
  public TimedFailoverHttpClient(
      boolean enableHttpAndInsecureFailover,
      boolean sendAuthorizationOverHttp,
      Consumer<LogEvent> logger,
      Duration timeout) {
    super(enableHttpAndInsecureFailover, sendAuthorizationOverHttp, logger, false);
    this.timeoutMillis = millis(timeout);
  }

  /** As above, with the transports for verified and for unverified HTTPS. */
  public TimedFailoverHttpClient(
      boolean enableHttpAndInsecureFailover,
      boolean sendAuthorizationOverHttp,
      Consumer<LogEvent> logger,
      Supplier<HttpTransport> secureTransports,
      Supplier<HttpTransport> insecureTransports,
      Duration timeout) {
    super(enableHttpAndInsecureFailover, sendAuthorizationOverHttp, logger, secureTransports, insecureTransports,
        false);
    this.timeoutMillis = millis(timeout);
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
    return super.call(httpMethod, url, timed);
  }
}
