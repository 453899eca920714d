package dev.builder.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Runs short helper commands (jlink, ldd, cp, umount) that must succeed for a fixture to work. */
final class Commands {

  private Commands() {
  }

  /** Runs the command and returns its combined stdout and stderr; fails with that output otherwise. */
  static String run(String... command) {
    return run(List.of(command));
  }

  static String run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      // Read to the end before waiting, so a chatty command cannot block on a full pipe.
      String output = new String(process.getInputStream().readAllBytes());
      int exit = process.waitFor();
      if (exit != 0) {
        throw new IllegalStateException(command + " exited with " + exit + ":\n" + output);
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }
}
