package dev.builder.core.registry;

import java.time.Duration;

/**
 * How often and how long a registry operation is tried again after a fault that may pass: a connection reset or
 * timeout, 408, 429 (honouring Retry-After) or a 5xx. Other 4xx answers are final. Both the number of tries and the
 * total time are bounded, so a dead registry fails within seconds.
 *
 * @param maxAttempts tries in all, the first included
 * @param initialBackoff the wait before the second try; it doubles each time, with up to 50% random jitter
 * @param maxTotal no retry starts after this much time has passed since the first try
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxTotal) {

  public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(60));

  public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
  }
}
