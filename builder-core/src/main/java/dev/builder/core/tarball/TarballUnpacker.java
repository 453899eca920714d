package dev.builder.core.tarball;

import dev.builder.core.BuilderException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks an image tarball (the outer archive of {@code docker save} or an OCI archive, not a layer) into a folder,
 * trusting nothing in it. Only directories and regular files are written, and only inside the folder: a name that
 * leaves it is refused, as are device files, FIFOs and sparse entries (no image tarball holds any). No symbolic link
 * is ever created, so nothing is written through one: a link entry that stays inside (old {@code docker save} and
 * skopeo link {@code <id>/layer.tar} to the layer) becomes a hard link to (or a copy of) its target, one that leaves
 * is refused. Everything unpacked together may not exceed a budget (a file's own size, which only sparse entries
 * could), so a small file cannot fill the disk.
 */
final class TarballUnpacker {
  private final String name;
  private final String what;

  /**
   * @param name the base image as the user wrote it, for errors
   * @param what where the archive comes from, for errors: a file, a daemon
   */
  TarballUnpacker(String name, String what) {
    this.name = name;
    this.what = what;
  }

  /** Unpacks {@code archive} into {@code target}, an empty folder, writing at most {@code budget} bytes. */
  void unpackInto(InputStream archive, Path target, long budget) throws IOException {
    Map<Path, Path> links = new LinkedHashMap<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new BufferedInputStream(archive))) {
      for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
        Path out = inside(target, e.getName(), e.getName());
        if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
          throw refuse("has an entry '" + e.getName() + "' that is a device, FIFO or other special file; image"
              + " tarballs hold only files and folders");
        } else if (e.isDirectory()) {
          Files.createDirectories(out);
        } else if (e.isSymbolicLink()) {
          links.put(out, inside(target, out.getParent() == null ? e.getLinkName()
              : target.relativize(out.getParent()).resolve(e.getLinkName()).toString(), e.getName()));
        } else if (e.isLink()) {
          links.put(out, inside(target, e.getLinkName(), e.getName()));
        } else if (e.isSparse()) {
          throw refuse("has a sparse entry '" + e.getName() + "'; image tarballs hold none");
        } else if (e.isFile()) {
          Files.createDirectories(out.getParent());
          budget -= copy(tar, out, budget);
        } else {
          throw refuse("has an entry '" + e.getName() + "' that is a device, FIFO or other special file; image"
              + " tarballs hold only files and folders");
        }
      }
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e); // commons-compress reports malformed headers this way
    }
    for (Map.Entry<Path, Path> link : links.entrySet()) {
      copyLinkTarget(link.getKey(), link.getValue());
    }
  }

  /** {@code entryName} resolved in {@code root}; a name that leaves it (by .. or an absolute path) is refused. */
  private Path inside(Path root, String entryName, String reportedName) {
    Path path = root.resolve(entryName).normalize();
    if (!path.startsWith(root)) {
      throw refuse("has an entry '" + reportedName + "' that points outside the archive; refusing to read it");
    }
    return path;
  }

  /**
   * A link inside the archive becomes a hard link to the regular file it points at (both are inside the folder, so
   * nothing can be reached through it), or a copy where the file system has no hard links; a dangling one is left
   * out.
   */
  private static void copyLinkTarget(Path link, Path target) throws IOException {
    if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) && !Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectories(link.getParent());
      try {
        Files.createLink(link, target);
      } catch (UnsupportedOperationException | IOException e) {
        Files.copy(target, link, StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
  }

  private long copy(InputStream in, Path out, long budget) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long written = 0;
    try (OutputStream stream = Files.newOutputStream(out)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        written += n;
        if (written > budget) {
          throw refuse("unpacks to more than its own size; refusing to fill the disk with it");
        }
        stream.write(buffer, 0, n);
      }
    }
    return written;
  }

  private BuilderException refuse(String problem) {
    return new BuilderException(name + ": " + what + " " + problem);
  }
}
