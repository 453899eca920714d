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
 * The extra folder's files (Maven's {@code src/main/builder}) for the image root. The folder is often committed by
 * whoever opens a pull request, so nothing in it may reach past it: a link stays a link in the image, and only while
 * it points inside the folder (following one out would copy a file of the build machine, such as its registry
 * credentials, into the image); FIFOs, sockets and devices are refused without being opened, as reading a FIFO waits
 * forever.
 */
final class ExtraFiles {
  private static final int TYPE_BITS = 0170000;

  private ExtraFiles() {}

  static void add(Path folder, LayerBuilder layer) {
    Path root = realPath(folder);
    for (Path file : walk(root)) {
      String target = "/" + root.relativize(file).toString().replace('\\', '/');
      BasicFileAttributes attributes = attributes(file);
      if (attributes.isSymbolicLink()) {
        layer.addSymlink(file, target, linkTarget(root, file));
      } else if (attributes.isDirectory()) {
        layer.addDirectory(file, target);
      } else if (attributes.isRegularFile()) {
        layer.addFile(file, target, Files.isExecutable(file) ? 0755 : 0644);
      } else {
        throw new BuilderException(file + " is " + kind(file) + "; an image takes only files, folders and links from "
            + root + ". Remove it from there.");
      }
    }
  }

  /** The link's target as written, once it is known to lead to something inside the folder. */
  private static String linkTarget(Path root, Path link) {
    Path target;
    try {
      target = Files.readSymbolicLink(link);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the link " + link, e);
    }
    String fix = " Put a copy of the file in the folder instead, or a link relative to a file inside it.";
    if (target.isAbsolute() || !link.getParent().resolve(target).normalize().startsWith(root)) {
      throw new BuilderException(link + " is a symbolic link to " + target + ", outside " + root
          + ": links there are kept as links, and only while they point inside the folder." + fix);
    }
    Path real;
    try {
      real = link.toRealPath();
    } catch (NoSuchFileException e) {
      throw new BuilderException(link + " is a symbolic link to " + target + ", which does not exist." + fix);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot follow the link " + link, e);
    }
    if (!real.startsWith(root)) {
      throw new BuilderException(link + " is a symbolic link to " + target + ", which leads to " + real + ", outside "
          + root + ": links there are kept as links, and only while they point inside the folder." + fix);
    }
    return target.toString().replace('\\', '/');
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

  private static BasicFileAttributes attributes(Path file) {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static Path realPath(Path folder) {
    try {
      return folder.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + folder, e);
    }
  }

  /** Every path under the folder, sorted; links are listed, never followed. */
  private static List<Path> walk(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> !p.equals(root)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + root, e);
    }
  }
}
