package dev.builder.core.java;

import dev.builder.core.BuilderException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads a folder of the project for a layer without reaching past it: links are listed, never followed out of the
 * folder (that would copy a file of the build machine, such as its registry credentials, into the image), and
 * FIFOs, sockets and devices are reported without being opened, as reading a FIFO waits forever.
 */
final class FolderEntries {
  private static final int TYPE_BITS = 0170000;

  private FolderEntries() {}

  /** The folder with every link on its way resolved, so that what lies inside it can be told by its path. */
  static Path realPath(Path folder) {
    try {
      return folder.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + folder, e);
    }
  }

  /** Every path under the folder, sorted; links are listed, never followed. */
  static List<Path> walk(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> !p.equals(root)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + root, e);
    }
  }

  /** The entry's own attributes: a link's, not its target's. */
  static BasicFileAttributes attributes(Path file) {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * The link's target as written, once it is known to be relative and to lead to something inside {@code root}
   * (a real path: {@code root} as {@link #realPath} gives it), as written and once every link on the way is
   * followed.
   *
   * @param rule what the folder does with links, for the message
   * @param fix how to do without the link, for the message
   */
  static String linkInside(Path root, Path link, String rule, String fix) {
    Path target;
    try {
      target = Files.readSymbolicLink(link);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the link " + link, e);
    }
    if (target.isAbsolute() || !link.getParent().resolve(target).normalize().startsWith(root)) {
      throw new BuilderException(link + " is a symbolic link to " + target + ", outside " + root + ": " + rule + ". "
          + fix);
    }
    Path real;
    try {
      real = link.toRealPath();
    } catch (NoSuchFileException e) {
      throw new BuilderException(link + " is a symbolic link to " + target + ", which does not exist. " + fix);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot follow the link " + link, e);
    }
    if (!real.startsWith(root)) {
      throw new BuilderException(link + " is a symbolic link to " + target + ", which leads to " + real + ", outside "
          + root + ": " + rule + ". " + fix);
    }
    return target.toString().replace('\\', '/');
  }

  /** The error for an entry that is neither file, folder nor link. */
  static BuilderException special(Path root, Path file) {
    return new BuilderException(file + " is " + kind(file) + "; an image takes only files, folders and links from "
        + root + ". Remove it from there.");
  }

  private static String kind(Path file) {
    try {
      int type = (Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS) & TYPE_BITS;
      return switch (type) {
        case 0010000 -> "a FIFO (named pipe)";
        case 0140000 -> "a socket";
        case 0020000 -> "a character device";
        case 0060000 -> "a block device";
        default -> "a special file";
      };
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "a FIFO, socket, device or other special file";
    }
  }
}
