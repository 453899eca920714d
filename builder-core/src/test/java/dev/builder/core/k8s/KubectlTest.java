package dev.builder.core.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.builder.core.BuilderException;
import dev.builder.testing.RecordingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kubectl against stand-in scripts; the real kubectl is driven by the integration tests. */
class KubectlTest {
  @TempDir Path dir;
  private final RecordingListener listener = new RecordingListener();

  private Path script(String body) throws Exception {
    Path script = dir.resolve("kubectl");
    Files.writeString(script, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }

  @Test
  void pipesTheYamlToKubectlWithTheVerbAndTheExtraArguments() throws Exception {
    Path script = script("echo \"$@\" > " + dir.resolve("args") + "\ncat > " + dir.resolve("stdin")
        + "\necho 'deployment.apps/orders created'\necho 'Warning: deprecated' >&2");
    String yaml = "kind: Pod\n".repeat(20_000); // more than a pipe holds

    new Kubectl(script.toString(), List.of("--context", "dev"), listener).run("apply", yaml);

    assertThat(Files.readString(dir.resolve("args"))).isEqualTo("apply -f - --context dev\n");
    assertThat(Files.readString(dir.resolve("stdin"))).isEqualTo(yaml);
    assertThat(listener.lines).containsExactly("INFO deployment.apps/orders created", "WARN Warning: deprecated");
  }

  @Test
  void aFailureCarriesKubectlsOwnMessage() throws Exception {
    Path script = script("cat > /dev/null\necho 'error: You must be logged in to the server (Unauthorized)' >&2\n"
        + "exit 1");
    assertThatThrownBy(() -> new Kubectl(script.toString(), List.of(), listener).run("delete", "kind: Pod\n"))
        .isInstanceOf(BuilderException.class)
        .hasMessage(script + " delete -f - failed (exit 1): error: You must be logged in to the server"
            + " (Unauthorized)");
  }

  @Test
  void aKubectlThatStopsReadingEarlyStillReportsItsOwnError() throws Exception {
    Path script = script("echo 'error: no objects passed to apply' >&2\nexit 1");
    assertThatThrownBy(() -> new Kubectl(script.toString(), List.of(), listener).run("apply", "x".repeat(1 << 20)))
        .hasMessageEndingWith("failed (exit 1): error: no objects passed to apply");
  }

  @Test
  void aMissingKubectlSaysHowToGetOne() {
    Path missing = dir.resolve("no-kubectl");
    assertThatThrownBy(() -> new Kubectl(missing.toString(), List.of(), listener).run("apply", ""))
        .isInstanceOf(BuilderException.class)
        .hasMessageStartingWith("cannot run " + missing + ": ")
        .hasMessageEndingWith("Install kubectl and put it on the PATH, or name it in the kubectl setting (its path)");
  }
}
