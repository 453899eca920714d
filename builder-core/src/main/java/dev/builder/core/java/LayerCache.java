package dev.builder.core.java;

import dev.builder.core.image.Blob;
import dev.builder.core.image.Descriptor;
import dev.builder.core.image.Digest;
import dev.builder.core.image.Layer;
import dev.builder.core.image.MediaTypes;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Remembers which layer a set of input files made, so that a rebuild with unchanged inputs neither re-tars nor
 * re-compresses them: a Spring Boot app's dependency layer costs far more to gzip than the whole rest of a build.
 *
 * <p>The key is a digest of everything the layer's bytes depend on: its creation time, and for each entry its path in
 * the image, its mode and, for files, the source's absolute path, size and modification time. Any change of content
 * that a compiler or Maven makes changes the size or the time, so it makes a new key. An entry is only trusted while
 * its layer file still has the size and modification time recorded with it; anything else (a missing, truncated,
 * rewritten or unreadable entry) means the layer is built again, never an error. The layer file is also read as a
 * checked blob, so a same-size corruption fails the push rather than pushing wrong bytes.
 */
final class LayerCache {
  /** Bump when the layer format changes, so that old entries are never matched. */
  private static final String FORMAT = "builder-layer-cache-1";

  private final Path layerDirectory;
  private final Path entries;

  LayerCache(Path layerDirectory) {
    this.layerDirectory = layerDirectory;
    this.entries = layerDirectory.resolve("cache");
  }

  /**
   * The key of a layer. {@code entries} maps each path in the layer to its source file (null for a directory);
   * {@code modes} gives each file's mode, {@code links} each symbolic link's target. Empty when a file cannot be
   * read: then building the layer says why. {@code special} holds each entry's owner and folder mode where they
   * are not the usual root and 0755.
   */
  static Optional<Digest> key(Instant time, Map<String, Path> entries, Map<String, Integer> modes,
      Map<String, String> links, Map<String, String> special) {
    StringBuilder text = new StringBuilder(FORMAT).append('\n').append(time).append('\n');
    try {
      for (Map.Entry<String, Path> entry : entries.entrySet()) {
        Path source = entry.getValue();
        if (source == null) {
          text.append("d ").append(entry.getKey()).append('\n');
        } else {
          BasicFileAttributes attributes = Files.readAttributes(source, BasicFileAttributes.class);
          // the time as a number: no date formatting for each of hundreds of jars
          text.append("f ").append(entry.getKey()).append(' ').append(Integer.toOctalString(modes.get(entry.getKey())))
              .append(' ').append(attributes.size())
              .append(' ').append(attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS))
              .append(' ').append(source.toAbsolutePath()).append('\n');
        }
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    // after the files, so that a layer without links keeps the key it had before links were written; NUL, which no
    // path holds, between name and target, so that spaces cannot make two links read alike
    links.forEach((name, target) -> text.append("l ").append(name).append('\0').append(target).append('\n'));
    // likewise last, so that layers with only root's files and 0755 folders keep their keys
    special.forEach((name, value) -> text.append("a ").append(name).append('\0').append(value).append('\n'));
    return Optional.of(Digest.of(text.toString().getBytes(StandardCharsets.UTF_8)));
  }

  /** The layer these inputs made before, if its file is still as it was written. */
  Optional<Layer> find(Digest key) {
    Path entry = entries.resolve(key.hex());
    try {
      if (!Files.isRegularFile(entry)) {
        return Optional.empty();
      }
      Properties values = values(entry);
      Digest digest = Digest.parse(values.getProperty("digest"));
      Digest diffId = Digest.parse(values.getProperty("diffId"));
      long size = Long.parseLong(values.getProperty("size"));
      String modified = values.getProperty("modified");
      Path file = layerFile(digest);
      if (!Files.isRegularFile(file)) {
        return Optional.empty();
      }
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      if (attributes.size() != size || !attributes.lastModifiedTime().toInstant().toString().equals(modified)) {
        return Optional.empty();
      }
      Descriptor descriptor = new Descriptor(MediaTypes.OCI_LAYER_GZIP, digest, size);
      return Optional.of(new Layer(descriptor, diffId, Blob.ofStoredFile(file, digest, size)));
    } catch (IOException | RuntimeException unusable) {
      return Optional.empty(); // a damaged entry only costs a rebuild
    }
  }

  /** Records the layer that these inputs made; a failure to record only costs a rebuild next time. */
  void store(Digest key, Layer layer) {
    try {
      Path file = layerFile(layer.descriptor().digest());
      String text = "digest=" + layer.descriptor().digest() + "\ndiffId=" + layer.diffId() + "\nsize="
          + layer.descriptor().size() + "\nmodified=" + Files.getLastModifiedTime(file).toInstant() + "\n";
      Files.createDirectories(entries);
      Path temp = Files.createTempFile(entries, "entry", ".partial");
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      Files.move(temp, entries.resolve(key.hex()), StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // the layer itself is fine; the next build just cannot skip it
    }
  }

  /**
   * Deletes the layer files, and the entries naming them, that none of {@code kept} (a build's layers) is: the folder
   * then holds the last build's layers, not one more for every change since {@code mvn clean}. The last build's
   * entries stay, so an unchanged build reuses everything; going back to an earlier dependency set builds its layer
   * again. What cannot be deleted stays: it costs disk, never a wrong layer.
   */
  void retainOnly(Set<Digest> kept) {
    Set<String> keptHex = new HashSet<>();
    kept.forEach(d -> keptHex.add(d.hex()));
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(entries)) {
      for (Path entry : stream) {
        if (entry.getFileName().toString().endsWith(".partial")) {
          continue; // another build's entry, being written
        }
        boolean keep;
        try {
          keep = kept.contains(Digest.parse(values(entry).getProperty("digest")));
        } catch (IOException | RuntimeException unreadable) {
          keep = false; // a damaged entry is never used: delete it too
        }
        if (!keep) {
          deleteIfPossible(entry);
        }
      }
    } catch (IOException e) {
      // no entries yet
    }
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(layerDirectory, "*.tar.gz")) {
      for (Path file : stream) {
        String name = file.getFileName().toString();
        if (!keptHex.contains(name.substring(0, name.length() - ".tar.gz".length()))) {
          deleteIfPossible(file);
        }
      }
    } catch (IOException e) {
      // no layers yet
    }
  }

  private static Properties values(Path entry) throws IOException {
    Properties values = new Properties();
    values.load(new StringReader(Files.readString(entry, StandardCharsets.UTF_8)));
    return values;
  }

  private static void deleteIfPossible(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // it stays: disk, never a wrong layer
    }
  }

  Path layerFile(Digest digest) {
    return layerDirectory.resolve(digest.hex() + ".tar.gz");
  }
}
