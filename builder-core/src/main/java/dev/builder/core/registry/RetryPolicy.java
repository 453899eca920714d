package dev.builder.core.registry;

import java.time.Duration;

/**
 * How often and how long a registry operation is tried again after a fault that may pass: a connection reset or
 * timeout, 408, 429 (honouring Retry-After) or a 5xx. Other 4xx answers are final. Both the number of tries and the
 * total time are bounded: no retry starts, and no wait begins, that would end after {@code maxTotal}.
 *
 * @param maxAttempts tries in all, the first included
 * @param initialBackoff the wait before the second try; it doubles each time, with up to 50% random jitter
 * @param maxTotal the time, from the first try, after which no retry starts
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxTotal) {

  public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(60));

  public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    if (initialBackoff.isNegative() || maxTotal.isNegative()) {
      throw new IllegalArgumentException("backoff and total time must not be negative");
    }
  }

  /** {@code retries} tries after the first, within {@code maxTotal}, with the default backoff. */
  public static RetryPolicy of(int retries, Duration maxTotal) {
    if (retries < 0) {
      throw new IllegalArgumentException("retries must not be negative");
    }
    return new RetryPolicy(retries + 1, DEFAULT.initialBackoff(), maxTotal);
  }
}
