package dev.builder.core.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.builder.core.BuilderException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("podman")
class DaemonLocatorTest {
  @TempDir Path tmp;

  @Test
  void withNoDaemonTheErrorNamesEverySocketTriedAndHowToPointDockerHostAtOne() throws Exception {
    Path missing = tmp.resolve("missing.sock");
    Path stale = tmp.resolve("stale.sock");
    try (ServerSocketChannel server = ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(stale)); // closing it leaves the file with nobody behind it
    }

    assertThatThrownBy(() -> new DaemonLocator(null, List.of(missing, stale)).connect())
        .isInstanceOf(BuilderException.class)
        .hasMessage("no Docker-API daemon answered: tried unix://" + missing + " (no such socket), unix://" + stale
            + " (connection refused). Start Docker, or Podman's API service (systemctl --user start podman.socket,"
            + " or podman system service --time=0), or point DOCKER_HOST at a daemon's socket:"
            + " DOCKER_HOST=unix:///path/to/docker.sock or DOCKER_HOST=tcp://HOST:2375.");
  }

  @Test
  void dockerHostIsTheOnlyPlaceTriedWhenItIsSet() {
    Path missing = tmp.resolve("docker.sock");

    assertThatThrownBy(() -> new DaemonLocator("unix://" + missing, List.of(tmp.resolve("other.sock"))).connect())
        .isInstanceOf(BuilderException.class)
        .hasMessage("no Docker-API daemon answered at DOCKER_HOST=unix://" + missing + ": tried unix://" + missing
            + " (no such socket). Start the daemon that listens there, or point DOCKER_HOST at one that runs"
            + " (unix:///var/run/docker.sock for Docker, unix://$XDG_RUNTIME_DIR/podman/podman.sock for rootless"
            + " Podman), or unset it to use the usual sockets.");
  }

  @Test
  void withoutDockerHostDockersSocketComesFirstThenPodmansRootlessThenRootful() {
    assertThat(DaemonLocator.fromEnvironment(Map.of("XDG_RUNTIME_DIR", "/run/user/1000")).candidates())
        .extracting(DaemonAddress::uri)
        .containsExactly("unix:///var/run/docker.sock", "unix:///run/user/1000/podman/podman.sock",
            "unix:///run/podman/podman.sock");
    assertThat(DaemonLocator.fromEnvironment(Map.of()).candidates()).extracting(DaemonAddress::uri)
        .containsExactly("unix:///var/run/docker.sock", "unix:///run/podman/podman.sock");
    assertThat(DaemonLocator.fromEnvironment(Map.of("DOCKER_HOST", "tcp://10.0.0.1:2375")).candidates())
        .extracting(DaemonAddress::uri).containsExactly("tcp://10.0.0.1:2375");
  }

  @Test
  void dockerHostIsAUnixSocketOrAPlainTcpAddress() {
    assertThat(DaemonAddress.parse("tcp://docker.example", "DOCKER_HOST").port()).isEqualTo(2375);
    assertThat(DaemonAddress.parse("unix:///run/docker.sock", "DOCKER_HOST").socketPath())
        .isEqualTo(Path.of("/run/docker.sock"));
    assertThatThrownBy(() -> DaemonAddress.parse("ssh://me@host", "DOCKER_HOST"))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("DOCKER_HOST=ssh://me@host is not an address builder can use")
        .hasMessageContaining("ssh -L /tmp/docker.sock:/var/run/docker.sock HOST");
    assertThatThrownBy(() -> DaemonAddress.parse("unix://docker.sock", "DOCKER_HOST"))
        .isInstanceOf(BuilderException.class)
        .hasMessage("DOCKER_HOST=unix://docker.sock names no absolute socket path; write unix:///path/to/docker.sock");
  }
}
