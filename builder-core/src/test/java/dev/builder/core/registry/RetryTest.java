package dev.builder.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.builder.core.BuildListener;
import dev.builder.core.BuilderException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Retry's bounds, with faults made up on the spot: how many tries, and what the last failure says. */
class RetryTest {
  private static final RetryPolicy QUICK = new RetryPolicy(4, Duration.ofMillis(1), Duration.ofSeconds(30));

  private final AtomicInteger tries = new AtomicInteger();

  private String failingTimes(int failures, RuntimeException fault) {
    if (tries.incrementAndGet() <= failures) {
      throw fault;
    }
    return "done";
  }

  private static BuilderException fault(Throwable cause) {
    return new BuilderException("cannot push to r/x: " + cause.getMessage(), cause);
  }

  @Test
  void aFaultThatPassesIsTriedAgainUntilItDoes() {
    Retry retry = new Retry(QUICK, BuildListener.SILENT);

    String result = retry.runUnchecked("op", Faults::isTransient,
        () -> failingTimes(2, fault(new SocketException("Connection reset"))));

    assertThat(result).isEqualTo("done");
    assertThat(tries).hasValue(3);
  }

  @Test
  void triesAreBoundedAndTheFailureSaysHowManyThereWere() {
    Retry retry = new Retry(QUICK, BuildListener.SILENT);

    assertThatThrownBy(() -> retry.runUnchecked("op", Faults::isTransient,
        () -> failingTimes(100, fault(new SocketTimeoutException("Read timed out")))))
        .isInstanceOf(BuilderException.class)
        .hasMessageStartingWith("cannot push to r/x: Read timed out (tried 4 times in ");
    assertThat(tries).hasValue(4);
  }

  @Test
  void aFinalFaultIsNotTriedAgainAndKeepsItsMessage() {
    Retry retry = new Retry(QUICK, BuildListener.SILENT);

    assertThatThrownBy(() -> retry.runUnchecked("op", Faults::isTransient,
        () -> failingTimes(100, fault(new UnknownHostException("nowhere.example")))))
        .hasMessage("cannot push to r/x: nowhere.example");
    assertThat(tries).hasValue(1);
  }

  @Test
  void noWaitStartsThatWouldEndPastTheTimeBudget() {
    Retry retry = new Retry(new RetryPolicy(10, Duration.ofHours(1), Duration.ofSeconds(5)), BuildListener.SILENT);

    assertThatThrownBy(() -> retry.runUnchecked("op", Faults::isTransient,
        () -> failingTimes(100, fault(new SocketException("Connection reset")))))
        .isInstanceOf(BuilderException.class);
    assertThat(tries).hasValue(1);
  }

  /** A clock whose sleeps pass at once and only move its own time. */
  private static final class FakeClock implements Retry.Clock {
    long nanos;
    final java.util.List<Long> waits = new java.util.ArrayList<>();

    @Override
    public long nanoTime() {
      return nanos;
    }

    @Override
    public void sleep(long millis) {
      waits.add(millis);
      nanos += Duration.ofMillis(millis).toNanos();
    }
  }

  @Test
  void waitsDoubleWithJitterAndStopAtTheTimeBudgetWithoutSleeping() {
    FakeClock clock = new FakeClock();
    Retry retry = new Retry(new RetryPolicy(20, Duration.ofSeconds(1), Duration.ofSeconds(60)), BuildListener.SILENT,
        clock);

    assertThatThrownBy(() -> retry.runUnchecked("op", Faults::isTransient,
        () -> failingTimes(100, fault(new SocketException("Connection reset")))))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("(tried " + tries.get() + " times in ");
    assertThat(clock.waits).hasSize(tries.get() - 1);
    for (int i = 0; i < clock.waits.size(); i++) {
      long backoff = 1000L << i;
      assertThat(clock.waits.get(i)).as("wait %d", i + 1).isBetween(backoff, backoff + backoff / 2);
    }
    assertThat(clock.waits.stream().mapToLong(Long::longValue).sum()).as("waited in all").isLessThanOrEqualTo(60_000);
    assertThat(tries.get()).as("1 + 2 + 4 + 8 + 16 s fit in a minute, 32 s more would not").isEqualTo(6);
  }

  @Test
  void zeroRetriesMeansOneTry() {
    Retry retry = new Retry(RetryPolicy.of(0, Duration.ofSeconds(60)), BuildListener.SILENT);

    assertThatThrownBy(() -> retry.runUnchecked("op", Faults::isTransient,
        () -> failingTimes(100, fault(new SocketException("Connection reset")))))
        .hasMessage("cannot push to r/x: Connection reset");
    assertThat(tries).hasValue(1);
  }

  @Test
  void silenceIsARefusedOrTimedOutConnectionAndNothingElse() {
    assertThat(Faults.isSilence(fault(new java.net.ConnectException("Connection refused")))).isTrue();
    assertThat(Faults.isSilence(fault(new SocketTimeoutException("Read timed out")))).isTrue();
    assertThat(Faults.isSilence(fault(new SocketException("Connection reset")))).isFalse();
    assertThat(Faults.isTransient(fault(new SocketException("Connection reset")))).isTrue();
    assertThat(Faults.isTransient(fault(new java.io.EOFException()))).isTrue();
    assertThat(Faults.isTransient(fault(new javax.net.ssl.SSLHandshakeException("PKIX path building failed"))))
        .isFalse();
  }
}
