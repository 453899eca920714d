package dev.builder.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Runs the OCI tools that check builder's output from the outside (skopeo, umoci). */
public final class ExternalTools {
  private ExternalTools() {}

  /** Runs {@code command} and returns what it wrote to stdout; fails with its stderr unless it exits with 0. */
  public static byte[] run(String... command) {
    try {
      Path stderr = Files.createTempFile("tool", ".stderr");
      try {
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        process.getOutputStream().close();
        byte[] stdout = process.getInputStream().readAllBytes();
        int exit = process.waitFor();
        if (exit != 0) {
          throw new AssertionError(List.of(command) + " exited with " + exit + ": " + Files.readString(stderr));
        }
        return stdout;
      } finally {
        Files.deleteIfExists(stderr);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + List.of(command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + List.of(command), e);
    }
  }

  public static String runText(String... command) {
    return new String(run(command), StandardCharsets.UTF_8);
  }
}
