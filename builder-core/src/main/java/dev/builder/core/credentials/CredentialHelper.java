package dev.builder.core.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builder.core.BuilderException;
import dev.builder.core.image.Json;
import dev.builder.core.registry.CredentialSource;
import dev.builder.core.registry.Credentials;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@code docker-credential-NAME} program, asked as Docker asks it: {@code NAME get} with the server on standard
 * input, answering {@code {"ServerURL":..., "Username":..., "Secret":...}}. jib-core has a runner for this protocol,
 * but it has no time limit and it puts the helper's whole output, which can hold the secret, into the messages it
 * logs; this one waits at most {@code timeout} and never repeats what the helper printed.
 *
 * @param executable the helper, by full path
 * @param source where the helper was named, as messages should say it: {@code credential helper
 *     docker-credential-pass (credHelpers in /home/me/.docker/config.json)}
 */
public record CredentialHelper(Path executable, String source, Duration timeout) implements CredentialSource {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  public CredentialHelper(Path executable, String source) {
    this(executable, source, DEFAULT_TIMEOUT);
  }

  /**
   * The helper a user named: {@code pass} is {@code docker-credential-pass} on the PATH; a name with a {@code /} is a
   * path to the program.
   *
   * @param namedIn where the user named it, for messages: {@code <auth><to><helper> in the plugin configuration}
   */
  public static CredentialHelper named(String helper, Map<String, String> environment, String namedIn) {
    String name = helper.trim();
    if (name.contains("/")) {
      Path program = Path.of(name);
      if (!Files.isExecutable(program)) {
        throw new BuilderException(namedIn + " names the credential helper " + name + ", which is not an executable"
            + " file");
      }
      return new CredentialHelper(program, "credential helper " + program.getFileName() + " (" + namedIn + ")");
    }
    String program = name.startsWith("docker-credential-") ? name : "docker-credential-" + name;
    Path found = Executables.find(program, environment).orElseThrow(() -> new BuilderException(
        namedIn + " names the credential helper \"" + name + "\", but " + program + " is not on the PATH. Install"
            + " it, or give the helper's full path."));
    return new CredentialHelper(found, "credential helper " + program + " (" + namedIn + ")");
  }

  /** The helper's program name, such as {@code docker-credential-ecr-login}. */
  public String name() {
    return executable.getFileName().toString();
  }

  @Override
  public Optional<Credentials> find(String registry) {
    Process process;
    try {
      // its error output is never shown (it may hold a secret), so it is not even read
      process = new ProcessBuilder(executable.toString(), "get").redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      throw new BuilderException("cannot run " + source + ": " + e.getMessage(), e);
    }
    CompletableFuture<String> stdout = readInBackground(process.getInputStream());
    try (OutputStream in = process.getOutputStream()) {
      in.write(RegistryAliases.serverUrl(registry).getBytes(StandardCharsets.UTF_8));
    } catch (IOException helperDidNotRead) {
      // A helper may answer without reading its input; its exit code and output tell what happened.
    }
    int exit = waitFor(process, registry);
    String out = stdout.join();
    if (out.contains("credentials not found")) {
      return Optional.empty(); // the protocol's answer for "nothing stored for this server"
    }
    if (exit != 0) {
      // What it printed is not shown, at any log level: a helper's error output may quote the secret or the command
      // line that holds it, and its standard output is where the secret goes.
      throw new BuilderException(source + " failed for registry " + registry + " (exit code " + exit + "); its"
          + " output is not shown, as it may hold a secret. Run '" + name() + " get' with "
          + RegistryAliases.serverUrl(registry) + " on its input to see why.");
    }
    return parse(out, registry);
  }

  private Optional<Credentials> parse(String out, String registry) {
    JsonNode answer;
    try {
      answer = Json.tree(out.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      answer = null; // the parser's message would quote the output, so it is not shown
    }
    if (answer == null || !answer.isObject()) {
      throw new BuilderException(source + " answered for registry " + registry + " with something other than the"
          + " JSON of the credential-helper protocol ({\"Username\": ..., \"Secret\": ...})");
    }
    String username = text(answer, "Username");
    String secret = text(answer, "Secret");
    if (secret.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Credentials(username, secret, source));
  }

  private int waitFor(Process process, String registry) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new BuilderException(source + " did not answer for registry " + registry + " within "
            + timeout.toSeconds() + " s");
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new BuilderException("interrupted while waiting for " + source);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? "" : value.asText();
  }

  private static CompletableFuture<String> readInBackground(InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        },
        runnable -> {
          Thread reader = new Thread(runnable, "credential-helper-output");
          reader.setDaemon(true);
          reader.start();
        });
  }

  @Override
  public String toString() {
    return source;
  }
}
