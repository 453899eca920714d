package dev.builder.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builder.core.BuildListener;
import dev.builder.core.image.Blob;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class UploadProgressTest {
  private final List<String> lines = new ArrayList<>();
  private final BuildListener listener = new BuildListener() {
    @Override
    public void info(String message) {
      lines.add(message);
    }
  };

  @Test
  void aBigBlobLogsAtMostOneLinePerIntervalWithBytesAndRate() throws IOException {
    Blob blob = Blob.of(new byte[20 * 1024 * 1024]);
    AtomicLong clock = new AtomicLong();
    Blob watched = UploadProgress.of(blob, listener, () -> clock.get());

    try (InputStream in = watched.open()) {
      byte[] chunk = new byte[1024 * 1024];
      while (in.read(chunk) > 0) {
        clock.addAndGet(1_000_000_000L); // one second per MiB
      }
    }

    // 20 seconds in all: a line at 5, 10 and 15 s, none at the end (the push's own line says it is done)
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).isEqualTo("uploading " + blob.digest().hex().substring(0, 12)
        + ": 6.3 of 21.0 MB (1.3 MB/s)");
    assertThat(watched.digest()).isEqualTo(blob.digest());
    assertThat(watched.size()).isEqualTo(blob.size());
  }

  @Test
  void aSmallBlobIsLeftAsItIs() {
    Blob blob = Blob.of(new byte[1024]);

    assertThat(UploadProgress.of(blob, listener)).isSameAs(blob);
  }
}
