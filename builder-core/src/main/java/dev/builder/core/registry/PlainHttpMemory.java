package dev.builder.core.registry;

import dev.builder.core.image.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which registries on this machine answered in plain HTTP, remembered between builds in the cache folder. A registry
 * on loopback may speak HTTPS or plain HTTP; finding out costs every build a failed TLS handshake, and with it the
 * JVM's TLS start-up, a third of a second or more of an inner loop that is a few seconds long. A registry remembered
 * here is asked in plain HTTP first; one that no longer answers so is forgotten and asked as if it were new.
 */
public final class PlainHttpMemory {
  private final Path directory;
  private final Set<String> known = ConcurrentHashMap.newKeySet();

  /** {@code directory} holds one empty file per registry; null remembers for this JVM only. */
  public PlainHttpMemory(Path directory) {
    this.directory = directory;
  }

  /** {@code hostAndPort} as {@code 127.0.0.1:5000}. */
  public boolean speaksPlainHttp(String hostAndPort) {
    return known.contains(hostAndPort) || (directory != null && Files.exists(file(hostAndPort)));
  }

  public void plainHttp(String hostAndPort) {
    if (known.add(hostAndPort) && directory != null) {
      try {
        Files.createDirectories(directory);
        Files.write(file(hostAndPort), new byte[0]);
      } catch (IOException e) {
        // not remembered: the next build finds out again, as without the memory
      }
    }
  }

  public void forget(String hostAndPort) {
    known.remove(hostAndPort);
    if (directory != null) {
      try {
        Files.deleteIfExists(file(hostAndPort));
      } catch (IOException e) {
        // then the next build tries plain HTTP once more and forgets it again
      }
    }
  }

  private Path file(String hostAndPort) {
    return directory.resolve(Digest.of(hostAndPort.getBytes(StandardCharsets.UTF_8)).hex());
  }
}
