package dev.builder.core.java;

import dev.builder.core.BuilderException;
import dev.builder.core.image.Blob;
import dev.builder.core.image.Descriptor;
import dev.builder.core.image.Digest;
import dev.builder.core.image.Layer;
import dev.builder.core.image.MediaTypes;
import dev.builder.core.io.ReproducibleTar;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * Makes one reproducible gzip layer from files: entries sorted by path, parent directories included, owner 0:0
 * unless the caller gives one, one fixed time, modes 0644 / 0755 unless the caller gives others, symbolic links as
 * written. The same files always give the same digest.
 */
final class LayerBuilder {
  private final Instant time;
  private final Map<String, Path> files = new TreeMap<>();
  private final Map<String, Integer> modes = new TreeMap<>();
  private final Map<String, Boolean> directories = new TreeMap<>();
  private final Map<String, String> links = new TreeMap<>();
  /** Only owners other than root, and only folder modes other than 0755: what most layers have needs no entry. */
  private final Map<String, FileOwner> owners = new TreeMap<>();
  private final Map<String, Integer> directoryModes = new TreeMap<>();

  LayerBuilder(Instant time) {
    this.time = time;
  }

  /** Adds a file at an absolute path in the image. */
  void addFile(Path source, String target, int mode) {
    addFile(source, target, mode, FileOwner.ROOT);
  }

  /** Adds a file at an absolute path in the image, owned by {@code owner}. */
  void addFile(Path source, String target, int mode, FileOwner owner) {
    String name = relative(target);
    requireNoWhiteout(name, source);
    links.remove(name);
    files.put(name, source);
    modes.put(name, mode);
    own(name, owner);
    addParents(name);
  }

  private void own(String name, FileOwner owner) {
    if (owner.isRoot()) {
      owners.remove(name);
    } else {
      owners.put(name, owner);
    }
  }

  /** Adds a symbolic link at an absolute path in the image; {@code source} is where it came from, for messages. */
  void addSymlink(Path source, String target, String linkTarget) {
    addSymlink(source, target, linkTarget, FileOwner.ROOT);
  }

  void addSymlink(Path source, String target, String linkTarget, FileOwner owner) {
    String name = relative(target);
    requireNoWhiteout(name, source);
    files.remove(name);
    links.put(name, linkTarget);
    own(name, owner);
    addParents(name);
  }

  void addDirectory(Path source, String target) {
    addDirectory(source, target, 0755, FileOwner.ROOT);
  }

  /** Adds a folder with its own mode and owner; its parents are 0755 and root's unless added so themselves. */
  void addDirectory(Path source, String target, int mode, FileOwner owner) {
    String name = relative(target);
    requireNoWhiteout(name, source);
    int end = name.length();
    while (end > 0 && name.charAt(end - 1) == '/') {
      end--;
    }
    name = name.substring(0, end);
    if (!name.isEmpty()) {
      directories.put(name, true);
      own(name, owner);
      if (mode == 0755) {
        directoryModes.remove(name);
      } else {
        directoryModes.put(name, mode);
      }
      addParents(name);
    }
  }

  /** The path without its leading slashes; by hand, as a regular expression per file shows with thousands of files. */
  private static String relative(String target) {
    int start = 0;
    while (start < target.length() && target.charAt(start) == '/') {
      start++;
    }
    return target.substring(start);
  }

  /**
   * Refuses names that a layer would turn into whiteouts: an image reader deletes the base's file named after
   * {@code .wh.} (or, for {@code .wh..wh..opq}, the folder's whole content) instead of adding one.
   */
  private static void requireNoWhiteout(String name, Path source) {
    for (String part : name.split("/")) {
      if (part.startsWith(".wh.")) {
        throw new BuilderException(source + " would be the image's /" + name + ", but a name starting with '.wh.'"
            + " is a whiteout: image readers delete files of the base instead of adding it. Rename it.");
      }
    }
  }

  boolean isEmpty() {
    return files.isEmpty() && directories.isEmpty() && links.isEmpty();
  }

  private void addParents(String name) {
    for (int slash = name.indexOf('/'); slash > 0; slash = name.indexOf('/', slash + 1)) {
      directories.put(name.substring(0, slash), true);
    }
  }

  /**
   * Writes the layer into {@code directory} as {@code <digest>.tar.gz}, or nothing when the layer is empty; a layer
   * that the same inputs made before is taken from there as it is (see {@link LayerCache}).
   */
  Optional<Layer> build(Path directory) {
    if (isEmpty()) {
      return Optional.empty();
    }
    Map<String, Path> entries = new TreeMap<>();
    directories.keySet().forEach(d -> entries.put(d, null));
    entries.putAll(files);
    LayerCache cache = new LayerCache(directory);
    Map<String, String> attributes = new TreeMap<>();
    owners.forEach((name, owner) -> attributes.put(name, "owner " + owner));
    directoryModes.forEach((name, mode) -> attributes.merge(name, "mode " + Integer.toOctalString(mode),
        (a, b) -> a + " " + b));
    Optional<Digest> key = LayerCache.key(time, entries, modes, links, attributes);
    Optional<Layer> cached = key.flatMap(cache::find);
    if (cached.isPresent()) {
      return cached;
    }
    Layer layer = write(directory);
    key.ifPresent(k -> cache.store(k, layer));
    return Optional.of(layer);
  }

  /** Writes the layer into {@code directory} as {@code <digest>.tar.gz}, with no look-up in a cache. */
  Layer write(Path directory) {
    try {
      Files.createDirectories(directory);
      Path temp = Files.createTempFile(directory, "layer", ".partial");
      Digest.Counting compressed;
      Digest.Counting uncompressed;
      try {
        compressed = new Digest.Counting(new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16));
        GZIPOutputStream gzip = new GZIPOutputStream(compressed, 1 << 16);
        uncompressed = new Digest.Counting(gzip);
        try (ReproducibleTar tar = new ReproducibleTar(uncompressed, time)) {
          Map<String, Boolean> all = new TreeMap<>();
          directories.keySet().forEach(d -> all.put(d, true));
          files.keySet().forEach(f -> all.put(f, false));
          links.keySet().forEach(l -> all.put(l, false));
          for (Map.Entry<String, Boolean> entry : all.entrySet()) {
            String name = entry.getKey();
            FileOwner owner = owners.getOrDefault(name, FileOwner.ROOT);
            if (entry.getValue()) {
              tar.directory(name, directoryModes.getOrDefault(name, 0755), owner.uid(), owner.gid());
            } else if (links.containsKey(name)) {
              tar.symlink(name, links.get(name), owner.uid(), owner.gid());
            } else {
              Path source = files.get(name);
              try (InputStream in = Files.newInputStream(source)) {
                tar.file(name, modes.get(name), owner.uid(), owner.gid(), Files.size(source), in);
              }
            }
          }
          tar.finish();
          uncompressed.flush();
          gzip.finish();
          compressed.flush();
        }
        Digest digest = compressed.digest();
        Path file = new LayerCache(directory).layerFile(digest);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Descriptor descriptor = new Descriptor(MediaTypes.OCI_LAYER_GZIP, digest, compressed.size());
        return new Layer(descriptor, uncompressed.digest(), Blob.ofFile(file, digest, compressed.size()));
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a layer into " + directory, e);
    }
  }
}
