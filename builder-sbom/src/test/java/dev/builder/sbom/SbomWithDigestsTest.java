package dev.builder.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.builder.core.image.Digest;
import dev.builder.core.image.Platform;
import dev.builder.core.inventory.ImageInventory;
import dev.builder.core.inventory.JavaRuntime;
import dev.builder.core.inventory.OsPackage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The promise the SBOM cache stands on: an SBOM remade for new image digests ({@link Sbom#withDigests}) is byte for
 * byte the document the writer gives when it is made from scratch for those digests, in every format, for a single
 * image and for an index, and when the image has the name of its base (identifiers that collide). SPDX 3 is not
 * remade ({@link SbomFormat#remadeForNewDigests()}); the last test shows why.
 */
class SbomWithDigestsTest {
  private static final Digest BASE = Digest.of("base".getBytes(StandardCharsets.UTF_8));
  private static final int TRIES = 12;

  @TempDir Path tmp;

  @ParameterizedTest
  @EnumSource(value = SbomFormat.class, names = {"SPDX", "CYCLONEDX"})
  void aSingleImageRemadeForAnotherDigestIsWhatTheWriterGives(SbomFormat format) throws Exception {
    assertRemade(format, digests -> SbomAssembler.assemble(input("registry.example:5000/apps/orders",
        digests.get(0), Platform.LINUX_AMD64)), 1);
  }

  @ParameterizedTest
  @EnumSource(value = SbomFormat.class, names = {"SPDX", "CYCLONEDX"})
  void anImageNamedLikeItsBaseRemadeForAnotherDigestIsWhatTheWriterGives(SbomFormat format) throws Exception {
    assertRemade(format, digests -> SbomAssembler.assemble(input("registry.example:5000/base/java", digests.get(0),
        Platform.LINUX_AMD64)), 1);
  }

  @ParameterizedTest
  @EnumSource(value = SbomFormat.class, names = {"SPDX", "CYCLONEDX"})
  void theSbomOfAnIndexRemadeForOtherDigestsIsWhatTheWriterGives(SbomFormat format) throws Exception {
    assertRemade(format, digests -> SbomAssembler.assembleIndex(digests.get(0), List.of(
        input("registry.example:5000/apps/orders", digests.get(1), Platform.LINUX_AMD64),
        input("registry.example:5000/apps/orders", digests.get(2), Platform.parse("linux/arm64")))), 3);
  }

  @Test
  void spdx3IsNotRemadeSinceTheOrderOfItsElementsChangesWithTheDigest() {
    Sbom spdx3 = new Sbom(SbomFormat.SPDX3, new byte[] {'{', '}'});

    assertThat(SbomFormat.SPDX3.remadeForNewDigests()).isFalse();
    assertThatThrownBy(() -> spdx3.withDigests(Map.of(BASE, BASE))).isInstanceOf(IllegalStateException.class);
  }

  /**
   * Writes the document of {@code count} random digests, remakes it for other random digests and compares it with the
   * document written for those, {@value #TRIES} times: digests that sort either way round all come up.
   */
  private void assertRemade(SbomFormat format, Function<List<Digest>, SbomDocument> document, int count) {
    SbomWriter writer = SbomWriters.forFormat(format);
    Random random = new Random(format.ordinal());
    for (int i = 0; i < TRIES; i++) {
      List<Digest> before = digests(random, count);
      List<Digest> after = digests(random, count);
      Sbom made = new Sbom(format, writer.write(document.apply(before)));
      Map<Digest, Digest> replacements = new LinkedHashMap<>();
      for (int d = 0; d < count; d++) {
        replacements.put(before.get(d), after.get(d));
      }

      Sbom remade = made.withDigests(replacements);

      String expected = new String(writer.write(document.apply(after)), StandardCharsets.UTF_8);
      assertThat(new String(remade.bytes(), StandardCharsets.UTF_8)).isEqualTo(expected);
      for (Digest old : before) {
        assertThat(expected).doesNotContain(old.hex());
      }
    }
  }

  private static List<Digest> digests(Random random, int count) {
    List<Digest> digests = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] seed = new byte[16];
      random.nextBytes(seed);
      digests.add(Digest.of(seed));
    }
    return digests;
  }

  private SbomInput input(String name, Digest digest, Platform platform) {
    try {
      Path web = Files.writeString(tmp.resolve("web-1.0.jar"), "web");
      JavaArtifact app = new JavaArtifact("com.example", "orders", "1.0.0", null, "jar", null, "/app/classes",
          List.of("Apache License, Version 2.0"), "Example Corp", List.of("org.example:web"));
      JavaArtifact webJar = new JavaArtifact("org.example", "web", "1.0", null, "jar", web, "/app/libs/web-1.0.jar",
          List.of("MIT", "Some Licence 1.0"), "Example Web", List.of());
      ImageInventory inventory = new ImageInventory(List.of(new OsPackage("deb", "libc6", "2.36-9+deb12u14",
          platform.architecture(), "debian-12", "GNU Libc Maintainers", "LGPL-2.1-or-later")),
          Optional.of(new JavaRuntime("/opt/java", "17.0.15", "Debian")), "debian-12");
      return new SbomInput(name, List.of("1.0.0", "latest"), digest, platform, Instant.parse("2026-01-01T00:00:00Z"),
          "registry.example:5000/base/java:17", BASE, inventory, app, List.of(webJar), "Example Corp",
          "builder-maven-plugin", "0.1.0");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
