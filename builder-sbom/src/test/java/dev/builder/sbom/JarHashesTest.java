package dev.builder.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builder.sbom.Component.HashAlgorithm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarHashesTest {
  @TempDir
  Path dir;

  @Test
  void theNextBuildFindsTheHashesOfAJarThatDidNotChangeInTheCacheFolder() throws IOException {
    Path jar = jar("lib-1.0.jar", "the classes of lib 1.0");
    Path cache = dir.resolve("cache");
    Map<HashAlgorithm, String> first = new JarHashes(cache).of(jar);
    FileTime time = Files.getLastModifiedTime(jar);

    // same size, same time, other bytes: only a kept entry can still give the first hashes
    Files.writeString(jar, "THE CLASSES OF LIB 1.0");
    Files.setLastModifiedTime(jar, time);

    assertThat(first).isEqualTo(SbomFixtures.hashes("the classes of lib 1.0"));
    assertThat(new JarHashes(cache).of(jar)).isEqualTo(first);
    assertThat(new JarHashes().of(jar)).isEqualTo(SbomFixtures.hashes("THE CLASSES OF LIB 1.0"));
  }

  @Test
  void aJarWithAnotherTimeOrSizeIsHashedAgain() throws IOException {
    Path jar = jar("lib-1.0.jar", "version one");
    Path cache = dir.resolve("cache");
    new JarHashes(cache).of(jar);

    Files.writeString(jar, "version two");
    Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 2000));

    assertThat(new JarHashes(cache).of(jar)).isEqualTo(SbomFixtures.hashes("version two"));
  }

  @Test
  void anEntryThatCannotBeReadIsHashedAgainAndRewritten() throws IOException {
    Path jar = jar("lib-1.0.jar", "lib");
    Path cache = dir.resolve("cache");
    new JarHashes(cache).of(jar);
    Path entry;
    try (Stream<Path> entries = Files.list(cache.resolve("jar-hashes"))) {
      entry = entries.findFirst().orElseThrow();
    }
    Files.writeString(entry, "SHA1 not-hex\n");

    assertThat(new JarHashes(cache).of(jar)).isEqualTo(SbomFixtures.hashes("lib"));
    assertThat(Files.readString(entry)).contains("SHA256 " + SbomFixtures.hashes("lib").get(HashAlgorithm.SHA256));
  }

  private Path jar(String name, String content) throws IOException {
    Path jar = dir.resolve("repo").resolve(name);
    Files.createDirectories(jar.getParent());
    return Files.writeString(jar, content);
  }
}
