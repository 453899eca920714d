package dev.builder.sbom;

import dev.builder.sbom.Component.HashAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;

/** SHA-1, SHA-256 and SHA-512 of a file, in one read. */
final class FileHashes {
  private FileHashes() {}

  static Map<HashAlgorithm, String> of(Path file) {
    Map<HashAlgorithm, MessageDigest> digests = new EnumMap<>(HashAlgorithm.class);
    try {
      digests.put(HashAlgorithm.SHA1, MessageDigest.getInstance("SHA-1"));
      digests.put(HashAlgorithm.SHA256, MessageDigest.getInstance("SHA-256"));
      digests.put(HashAlgorithm.SHA512, MessageDigest.getInstance("SHA-512"));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-1, SHA-256 and SHA-512", e);
    }
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        for (MessageDigest md : digests.values()) {
          md.update(buffer, 0, n);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot hash " + file, e);
    }
    Map<HashAlgorithm, String> hashes = new EnumMap<>(HashAlgorithm.class);
    digests.forEach((algorithm, md) -> hashes.put(algorithm, HexFormat.of().formatHex(md.digest())));
    return hashes;
  }
}
