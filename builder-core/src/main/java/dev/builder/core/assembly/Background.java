package dev.builder.core.assembly;

import dev.builder.core.BuilderException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/** One piece of work on a thread of its own, joined once: its result, or its failure thrown in the joining thread. */
public final class Background<T> {
  private final String name;
  private final FutureTask<T> task;

  private Background(String name, FutureTask<T> task) {
    this.name = name;
    this.task = task;
  }

  /** Starts {@code work} now; a daemon thread, so that a build that fails elsewhere never waits for it to exit. */
  public static <T> Background<T> start(String name, Supplier<T> work) {
    FutureTask<T> task = new FutureTask<>(work::get);
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
    return new Background<>(name, task);
  }

  /** Work already done, here where it ran: {@link #join} returns its result. */
  public static <T> Background<T> done(T result) {
    FutureTask<T> task = new FutureTask<>(() -> result);
    task.run();
    return new Background<>("done", task);
  }

  /** Waits for the work: its result, or the exception or error it ended with. */
  public T join() {
    try {
      return task.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(name + " failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      task.cancel(true);
      Thread.currentThread().interrupt();
      throw new BuilderException(name + " was interrupted");
    }
  }
}
