package dev.builder.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A long-running service a fixture starts (a registry, a daemon): waiting until it answers, and stopping it. */
final class ServiceProcess {
  private ServiceProcess() {}

  /**
   * Polls {@code answers} until it says yes; fails with the service's log when it exits or does not answer within
   * {@code timeout}.
   */
  static void awaitReady(Process process, Duration timeout, BooleanSupplier answers, String what, Path log)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline && process.isAlive()) {
      if (answers.getAsBoolean()) {
        return;
      }
      Thread.sleep(100);
    }
    String why = process.isAlive() ? "did not answer within " + timeout : "exited";
    throw new IllegalStateException(what + " " + why + "; its log:\n" + Files.readString(log));
  }

  /** Stops the service politely (SIGTERM), then forcibly when it has not gone after {@code grace}. */
  static void stop(Process process, Duration grace) {
    process.destroy();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
