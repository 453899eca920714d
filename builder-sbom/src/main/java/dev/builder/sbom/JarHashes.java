package dev.builder.sbom;

import dev.builder.core.image.Digest;
import dev.builder.sbom.Component.HashAlgorithm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The hashes of the jars an SBOM lists, each file read once however often it is asked for, so that a build can hash
 * its jars on a thread of its own while the image is still being layered, and the SBOM find them done.
 *
 * <p>With a cache folder, the hashes of a jar are also kept there, by its path, size and modification time, for the
 * next build on this machine: a build whose dependencies changed then hashes only the jars that are new to it, not
 * the hundred it had already hashed (three hashes of every byte: the SBOM's largest CPU cost once its writer is warm).
 * A jar rewritten in place with the same size and time would keep its old hashes; the local repository never does
 * that, and {@code -Dbuilder.cacheDirectory} on a fresh folder starts over.
 */
public final class JarHashes {
  private static final String FORMAT = "builder-jar-hashes-1";
  private static final Pattern LINE = Pattern.compile("(SHA1|SHA256|SHA512) [0-9a-f]+");

  private final Path cache;
  private final Map<Path, Map<HashAlgorithm, String>> hashes = new ConcurrentHashMap<>();

  /** Hashes kept for this build only. */
  public JarHashes() {
    this.cache = null;
  }

  /** Hashes kept for this build and, under {@code cacheDirectory/jar-hashes}, for the next ones. */
  public JarHashes(Path cacheDirectory) {
    this.cache = cacheDirectory.resolve("jar-hashes");
  }

  /** Hashes {@code file}, unless it was hashed already. */
  public void hash(Path file) {
    of(file);
  }

  Map<HashAlgorithm, String> of(Path file) {
    return hashes.computeIfAbsent(file, this::read);
  }

  private Map<HashAlgorithm, String> read(Path file) {
    Path entry = cache == null ? null : entry(file);
    if (entry != null) {
      Optional<Map<HashAlgorithm, String>> kept = kept(entry);
      if (kept.isPresent()) {
        return kept.get();
      }
    }
    Map<HashAlgorithm, String> computed = FileHashes.of(file);
    if (entry != null) {
      keep(entry, computed);
    }
    return computed;
  }

  /** Where the hashes of {@code file} as it is now are kept; null when it cannot be looked at. */
  private Path entry(Path file) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      String key = FORMAT + "\n" + file.toAbsolutePath().normalize() + "\n" + attributes.size() + "\n"
          + attributes.lastModifiedTime().toMillis();
      return cache.resolve(Digest.of(key.getBytes(StandardCharsets.UTF_8)).hex());
    } catch (IOException e) {
      return null;
    }
  }

  private static Optional<Map<HashAlgorithm, String>> kept(Path entry) {
    try {
      List<String> lines = Files.readAllLines(entry, StandardCharsets.UTF_8);
      Map<HashAlgorithm, String> kept = new EnumMap<>(HashAlgorithm.class);
      for (String line : lines) {
        if (LINE.matcher(line).matches()) {
          kept.put(HashAlgorithm.valueOf(line.substring(0, line.indexOf(' '))), line.substring(line.indexOf(' ') + 1));
        }
      }
      return kept.size() == HashAlgorithm.values().length ? Optional.of(kept) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty(); // not kept, or unreadable: hashed again
    }
  }

  /** Written whole under another name and then moved, so that a build running beside this one never reads half. */
  private static void keep(Path entry, Map<HashAlgorithm, String> computed) {
    StringBuilder text = new StringBuilder();
    computed.forEach((algorithm, value) -> text.append(algorithm).append(' ').append(value).append('\n'));
    try {
      Files.createDirectories(entry.getParent());
      Path partial = Files.createTempFile(entry.getParent(), entry.getFileName().toString(), ".partial");
      Files.writeString(partial, text, StandardCharsets.UTF_8);
      try {
        Files.move(partial, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(partial, entry, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      // a cache that cannot be written costs the next build the hashing, nothing else
    }
  }
}
