package dev.builder.core.k8s;

import dev.builder.core.Setting;
import dev.builder.core.BuildListener;
import dev.builder.core.BuilderException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code kubectl VERB -f -} with YAML on its standard input, as a user would pipe it, so that the current
 * kubeconfig context, credentials plugins and all of kubectl's own behaviour apply unchanged. What kubectl prints is
 * reported line by line; when it fails, its own message is the error.
 */
public final class Kubectl {
  private final String executable;
  private final List<String> arguments;
  private final BuildListener listener;

  /** {@code executable} is a name looked up on the PATH or a path; {@code arguments} follow {@code -f -}. */
  public Kubectl(String executable, List<String> arguments, BuildListener listener) {
    this.executable = executable == null || executable.isBlank() ? "kubectl" : executable.trim();
    this.arguments = List.copyOf(arguments);
    this.listener = listener;
  }

  /** The command line for a verb, such as {@code [kubectl, apply, -f, -, --context=dev]}. */
  public List<String> command(String verb) {
    List<String> command = new ArrayList<>(List.of(executable, verb, "-f", "-"));
    command.addAll(arguments);
    return command;
  }

  /** Runs {@code kubectl VERB -f -} with {@code yaml} as input; fails with kubectl's message when it fails. */
  public void run(String verb, String yaml) {
    List<String> command = command(verb);
    Path stdout = null;
    Path stderr = null;
    try {
      stdout = Files.createTempFile("builder-kubectl", ".out");
      stderr = Files.createTempFile("builder-kubectl", ".err");
      Process process;
      try {
        process = new ProcessBuilder(command)
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
      } catch (IOException e) {
        throw new BuilderException("cannot run " + executable + ": " + e.getMessage() + ". Install kubectl and put it"
            + " on the PATH, or name it in " + Setting.KUBECTL.mention() + " (its path)");
      }
      try (OutputStream in = process.getOutputStream()) {
        in.write(yaml.getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        // kubectl stopped reading, most likely because it failed: its exit code and message tell why
      }
      int exit = process.waitFor();
      Files.readAllLines(stdout, StandardCharsets.UTF_8).forEach(listener::info);
      String errors = Files.readString(stderr, StandardCharsets.UTF_8).strip();
      if (exit != 0) {
        throw new BuilderException(String.join(" ", command) + " failed (exit " + exit + "): "
            + (errors.isEmpty() ? "kubectl printed no message" : errors));
      }
      errors.lines().forEach(listener::warn);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BuilderException("interrupted while running " + String.join(" ", command));
    } finally {
      deleteQuietly(stdout);
      deleteQuietly(stderr);
    }
  }

  private static void deleteQuietly(Path path) {
    if (path != null) {
      try {
        Files.deleteIfExists(path);
      } catch (IOException ignored) {
        // a temporary file left behind is no reason to fail the build
      }
    }
  }
}
