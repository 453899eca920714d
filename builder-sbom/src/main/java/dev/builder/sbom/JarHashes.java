package dev.builder.sbom;

import dev.builder.sbom.Component.HashAlgorithm;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hashes of the jars an SBOM lists, each file read once however often it is asked for, so that a build can hash
 * its jars on a thread of its own while the image is still being layered, and the SBOM find them done.
 */
public final class JarHashes {
  private final Map<Path, Map<HashAlgorithm, String>> hashes = new ConcurrentHashMap<>();

  /** Hashes {@code file}, unless it was hashed already. */
  public void hash(Path file) {
    of(file);
  }

  Map<HashAlgorithm, String> of(Path file) {
    return hashes.computeIfAbsent(file, FileHashes::of);
  }
}
