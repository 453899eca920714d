package dev.builder.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Whole-tree file operations shared by the fixtures. Trees here are container root filesystems,
 * so both operations must treat symlinks as links and never follow them: a rootfs is full of
 * absolute links (/usr/bin/java -> /opt/java/bin/java) that would otherwise point at the host.
 */
public final class FileTrees {

  private FileTrees() {
  }

  /** Deletes a file or a directory tree; symlinks are removed, not followed. Missing is fine. */
  public static void deleteRecursively(Path path) {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      // walkFileTree does not follow links by default, so a link to / is deleted as a link.
      Files.walkFileTree(path, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
          if (failure != null) {
            throw failure;
          }
          Files.delete(dir);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + path, e);
    }
  }

  /**
   * Copies a tree with {@code cp -a}: it keeps owners, modes, symlinks and hard links exactly,
   * which Files.copy cannot do for a whole tree, and it is fast for the ~50 MB Java rootfs.
   */
  public static void copyTree(Path source, Path target) {
    Commands.run("cp", "-a", source.toString(), target.toString());
  }
}
