package dev.builder.core.java;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builder.core.image.Blob;
import dev.builder.core.image.Digest;
import dev.builder.core.image.Layer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerCacheTest {
  private static final Instant TIME = Instant.parse("2024-05-06T07:08:09Z");
  private static final FileTime MODIFIED = FileTime.from(Instant.parse("2025-01-02T03:04:05Z"));

  @TempDir Path tmp;
  private Path classes;
  private Path layers;

  @BeforeEach
  void files() throws IOException {
    classes = tmp.resolve("classes");
    layers = tmp.resolve("layers");
    Files.createDirectories(classes.resolve("com/example"));
    write("com/example/App.class", "app-v1");
    write("com/example/Util.class", "util-v1");
  }

  @Test
  void unchangedInputsReuseTheLayerWithoutWritingIt() throws IOException {
    Layer first = build();
    Layer second = build();

    assertThat(second.descriptor()).isEqualTo(first.descriptor());
    assertThat(second.diffId()).isEqualTo(first.diffId());
    assertThat(fromCache(first)).isFalse();
    assertThat(fromCache(second)).isTrue();
    assertThat(digestOfFile(second)).isEqualTo(first.digest());
  }

  @Test
  void changedContentOfTheSameSizeMakesANewLayer() throws IOException {
    Layer first = build();
    write("com/example/App.class", "app-v2"); // same size, a later time, as a compiler leaves it
    Files.setLastModifiedTime(classes.resolve("com/example/App.class"), FileTime.from(MODIFIED.toInstant().plusSeconds(1)));

    Layer second = build();

    assertThat(fromCache(second)).isFalse();
    assertThat(second.digest()).isNotEqualTo(first.digest());
    assertThat(second.digest()).isEqualTo(fresh().digest());
  }

  @Test
  void changedSizeMakesANewLayer() throws IOException {
    Layer first = build();
    write("com/example/Util.class", "util-version-2");

    Layer second = build();

    assertThat(fromCache(second)).isFalse();
    assertThat(second.digest()).isNotEqualTo(first.digest());
  }

  @Test
  void aNewTimeAloneIsEnoughToRebuild() throws IOException {
    Layer first = build();
    Files.setLastModifiedTime(classes.resolve("com/example/Util.class"), FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));

    Layer second = build();

    assertThat(fromCache(second)).isFalse();
    assertThat(second.digest()).isEqualTo(first.digest()); // file times never reach the layer
  }

  @Test
  void anotherPathInTheImageOrAnotherCreationTimeMakesANewLayer() throws IOException {
    Layer first = build();

    LayerBuilder moved = new LayerBuilder(TIME);
    moved.addFile(classes.resolve("com/example/App.class"), "/app/classes/com/example/Main.class", 0644);
    moved.addFile(classes.resolve("com/example/Util.class"), "/app/classes/com/example/Util.class", 0644);
    Layer renamed = moved.build(layers).orElseThrow();
    LayerBuilder later = builder(TIME.plusSeconds(1));
    Layer retimed = later.build(layers).orElseThrow();

    assertThat(fromCache(renamed)).isFalse();
    assertThat(fromCache(retimed)).isFalse();
    assertThat(renamed.digest()).isNotEqualTo(first.digest());
    assertThat(retimed.digest()).isNotEqualTo(first.digest());
  }

  @Test
  void aDamagedEntryIsRebuilt() throws IOException {
    Layer first = build();
    try (Stream<Path> entries = Files.list(layers.resolve("cache"))) {
      for (Path entry : entries.toList()) {
        Files.writeString(entry, "digest=not a digest\n");
      }
    }

    Layer second = build();

    assertThat(fromCache(second)).isFalse();
    assertThat(second.digest()).isEqualTo(first.digest());
    assertThat(fromCache(build())).isTrue(); // and recorded again
  }

  @Test
  void aTruncatedOrMissingLayerFileIsRebuilt() throws IOException {
    Layer first = build();
    Path file = layers.resolve(first.digest().hex() + ".tar.gz");
    Files.write(file, new byte[10]);

    Layer second = build();

    assertThat(fromCache(second)).isFalse();
    assertThat(digestOfFile(second)).isEqualTo(first.digest());

    Files.delete(file);
    Layer third = build();
    assertThat(fromCache(third)).isFalse();
    assertThat(digestOfFile(third)).isEqualTo(first.digest());
  }

  @Test
  void aLayerFileRewrittenInPlaceIsRebuilt() throws IOException {
    Layer first = build();
    Path file = layers.resolve(first.digest().hex() + ".tar.gz");
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 1; // same size, but written after the entry was
    Files.write(file, bytes);
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));

    Layer second = build();

    assertThat(fromCache(second)).isFalse();
    assertThat(digestOfFile(second)).isEqualTo(first.digest());
  }

  private Layer build() {
    return builder(TIME).build(layers).orElseThrow();
  }

  private LayerBuilder builder(Instant time) {
    LayerBuilder builder = new LayerBuilder(time);
    builder.addFile(classes.resolve("com/example/App.class"), "/app/classes/com/example/App.class", 0644);
    builder.addFile(classes.resolve("com/example/Util.class"), "/app/classes/com/example/Util.class", 0644);
    return builder;
  }

  /** The layer these files make with no cache at all. */
  private Layer fresh() {
    return builder(TIME).build(tmp.resolve("fresh-" + System.nanoTime())).orElseThrow();
  }

  private void write(String name, String content) throws IOException {
    Path file = classes.resolve(name);
    Files.writeString(file, content);
    Files.setLastModifiedTime(file, MODIFIED);
  }

  /** Layers taken from the cache are read as checked blobs; freshly written ones are not. */
  private static boolean fromCache(Layer layer) {
    return ((Blob.FileBlob) layer.blob()).checked();
  }

  private static Digest digestOfFile(Layer layer) throws IOException {
    try (InputStream in = Files.newInputStream(((Blob.FileBlob) layer.blob()).file())) {
      return Digest.of(in);
    }
  }
}
