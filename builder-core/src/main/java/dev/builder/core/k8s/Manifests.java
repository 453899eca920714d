package dev.builder.core.k8s;

import dev.builder.core.BuilderException;
import dev.builder.core.io.Files2;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The Kubernetes files of one folder ({@code .yaml}, {@code .yml} and {@code .json}, found recursively and taken in
 * the order of their names) or one file. A value: {@link #select} and {@link #resolve} return new ones.
 */
public final class Manifests {
  /**
   * The largest file read: many times the CRD bundles people apply with kubectl (a few MiB), and small enough that a
   * file named by mistake cannot take the build's memory.
   */
  public static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

  private final Path root;
  private final List<ManifestFile> files;

  private Manifests(Path root, List<ManifestFile> files) {
    this.root = root;
    this.files = List.copyOf(files);
  }

  /** Reads a folder of files, or one file; a missing folder has no files. */
  public static Manifests read(Path folderOrFile) {
    if (!Files.exists(folderOrFile)) {
      return new Manifests(folderOrFile, List.of());
    }
    boolean folder = Files.isDirectory(folderOrFile);
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(folderOrFile)) {
      paths = walk.filter(Files::isRegularFile)
          .filter(p -> !folder || p.getFileName().toString().matches("(?i).*\\.(ya?ml|json)"))
          .sorted(Comparator.comparing(p -> folderOrFile.relativize(p).toString()))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folderOrFile, e);
    }
    List<ManifestFile> files = new ArrayList<>();
    for (Path path : paths) {
      Path relative = folder ? folderOrFile.relativize(path) : path.getFileName();
      files.add(ManifestFile.parse(path, relative, readUtf8(path)));
    }
    return new Manifests(folder ? folderOrFile : folderOrFile.getParent(), files);
  }

  /** The folder the files were read from. */
  public Path root() {
    return root;
  }

  public List<ManifestFile> files() {
    return files;
  }

  public boolean isEmpty() {
    return files.isEmpty();
  }

  /** Every reference in every file, in file order. */
  public List<Reference> references() {
    return files.stream().flatMap(f -> f.references().stream()).toList();
  }

  /** How many documents hold an object, in all files. */
  public int objectCount() {
    return files.stream().mapToInt(ManifestFile::objectCount).sum();
  }

  /** Only the objects whose labels match; a file left with no object is left out. */
  public Manifests select(LabelSelector selector) {
    if (selector.matchesEverything()) {
      return this;
    }
    return new Manifests(root, files.stream().map(f -> f.select(selector)).filter(f -> f.objectCount() > 0).toList());
  }

  /** Every reference replaced by {@code image.apply(reference)}. */
  public Manifests resolve(Function<Reference, String> image) {
    return new Manifests(root, files.stream().map(f -> f.resolve(image)).toList());
  }

  /**
   * Writes every file under {@code directory} with its relative name, after removing what an earlier run left
   * there; each file is written beside its place and moved in whole.
   */
  public void write(Path directory) {
    try {
      Files2.deleteRecursively(directory);
      for (ManifestFile file : files) {
        Path target = directory.resolve(file.relativePath().toString());
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling(target.getFileName() + ".partial");
        Files.writeString(temp, file.text(), StandardCharsets.UTF_8);
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the resolved files to " + directory, e);
    }
  }

  /**
   * All files as one YAML stream for {@code kubectl -f -}: each opens with a {@code # Source:} comment (which also
   * keeps kubectl from reading the stream as JSON when the first file is JSON) and the next starts after a
   * {@code ---} line.
   */
  public String stream() {
    StringBuilder out = new StringBuilder();
    for (ManifestFile file : files) {
      if (out.length() > 0) {
        out.append("---\n");
      }
      out.append("# Source: ").append(file.relativePath().toString().replace('\\', '/')).append('\n');
      out.append(file.text());
      if (!file.text().isEmpty() && !file.text().endsWith("\n")) {
        out.append('\n');
      }
    }
    return out.toString();
  }

  private static String readUtf8(Path path) {
    try {
      long size = Files.size(path);
      if (size > MAX_FILE_BYTES) {
        throw new BuilderException(path + ": " + size + " bytes, over the limit of " + (MAX_FILE_BYTES >> 20)
            + " MiB that builder reads of one Kubernetes file; split it into several files");
      }
      return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(path))).toString();
    } catch (CharacterCodingException e) {
      throw new BuilderException(path + ": not UTF-8 text; Kubernetes files must be UTF-8");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }
}
