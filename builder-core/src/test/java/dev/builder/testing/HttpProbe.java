package dev.builder.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Waits for an app started by {@link ContainerRun} to serve a URL. Apps take a moment (a JVM, maybe
 * Spring) to listen, so a single request would be flaky; a failure shows the app's log, which is
 * nearly always what explains it.
 */
public final class HttpProbe {

  private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

  private HttpProbe() {
  }

  /** Polls {@code url} until it answers 200 and returns the body; fails if the app dies or time runs out. */
  public static String get(String url, Duration timeout, ContainerRun app) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    String lastAnswer = "no answer";
    while (System.nanoTime() < deadline) {
      if (!app.isAlive()) {
        throw new AssertionError("the app exited before " + url + " answered; its log:\n" + app.log());
      }
      try {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return response.body();
        }
        lastAnswer = "HTTP " + response.statusCode();
      } catch (IOException notListeningYet) {
        lastAnswer = notListeningYet.toString();
      }
      Thread.sleep(POLL_INTERVAL.toMillis());
    }
    throw new AssertionError(url + " did not answer 200 within " + timeout + " (last: " + lastAnswer
        + "); the app's log:\n" + app.log());
  }
}
