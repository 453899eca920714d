package dev.builder.core.registry;

import dev.builder.core.BuildListener;
import dev.builder.core.BuilderException;
import java.io.IOException;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * Runs an operation under a {@link RetryPolicy}: after a fault that {@code retryable} accepts it waits (doubling,
 * with jitter, at least as long as a Retry-After asks) and tries again, as long as tries and time are left. A failure
 * after several tries says how many there were.
 */
final class Retry {
  private final RetryPolicy policy;
  private final BuildListener listener;
  private final Clock clock;

  Retry(RetryPolicy policy, BuildListener listener) {
    this(policy, listener, Clock.SYSTEM);
  }

  /** {@code clock} tells the time and waits: the system's, or a test's that waits without sleeping. */
  Retry(RetryPolicy policy, BuildListener listener, Clock clock) {
    this.policy = policy;
    this.listener = listener;
    this.clock = clock;
  }

  /** Time as a retry sees it. */
  interface Clock {
    Clock SYSTEM = new Clock() {
      @Override
      public long nanoTime() {
        return System.nanoTime();
      }

      @Override
      public void sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
      }
    };

    long nanoTime();

    void sleep(long millis) throws InterruptedException;
  }

  /** One try of an operation. */
  @FunctionalInterface
  interface Attempt<T> {
    T run() throws IOException;
  }

  <T> T run(String what, Predicate<Throwable> retryable, Attempt<T> attempt) throws IOException {
    long start = clock.nanoTime();
    for (int tries = 1; ; tries++) {
      long waitMillis;
      try {
        return attempt.run();
      } catch (IOException e) {
        waitMillis = nextWait(e, tries, start, retryable);
        if (waitMillis < 0) {
          throw e;
        }
        log(what, e, tries, waitMillis);
      } catch (RuntimeException e) {
        waitMillis = nextWait(e, tries, start, retryable);
        if (waitMillis < 0) {
          throw tries > 1 && e instanceof BuilderException ? gaveUp(e, tries, start) : e;
        }
        log(what, e, tries, waitMillis);
      }
      sleep(what, waitMillis);
    }
  }

  /** {@link #run} for operations that throw no checked exception. */
  <T> T runUnchecked(String what, Predicate<Throwable> retryable, java.util.function.Supplier<T> operation) {
    try {
      return run(what, retryable, operation::get);
    } catch (IOException e) {
      throw new IllegalStateException("an unchecked operation threw " + e, e);
    }
  }

  /** How long to wait before the next try, or -1 to give up. */
  private long nextWait(Throwable e, int tries, long start, Predicate<Throwable> retryable) {
    if (tries >= policy.maxAttempts() || !retryable.test(e)) {
      return -1;
    }
    long backoff = policy.initialBackoff().toMillis() << Math.min(tries - 1, 20);
    backoff += ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
    OptionalLong retryAfter = Faults.retryAfterMillis(e);
    long wait = retryAfter.isPresent() ? Math.max(backoff, retryAfter.getAsLong()) : backoff;
    // a wait that would end past the time budget is not started: the build fails now rather than later
    return elapsedMillis(start) + wait > policy.maxTotal().toMillis() ? -1 : wait;
  }

  private void log(String what, Throwable e, int tries, long waitMillis) {
    listener.debug("retrying " + what + " in " + waitMillis + " ms (try " + (tries + 1) + " of "
        + policy.maxAttempts() + ") after: " + Faults.summary(e));
  }

  private BuilderException gaveUp(RuntimeException e, int tries, long start) {
    long millis = elapsedMillis(start);
    String took = millis < 1000 ? millis + " ms" : (millis + 500) / 1000 + " s";
    return new BuilderException(BuilderException.textOf(e) + " (tried " + tries + " times in " + took + ")", e);
  }

  private long elapsedMillis(long start) {
    return Duration.ofNanos(clock.nanoTime() - start).toMillis();
  }

  private void sleep(String what, long millis) {
    try {
      clock.sleep(millis);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new BuilderException("interrupted while waiting to retry " + what);
    }
  }
}
