package dev.builder.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Applies image layers to a directory the way a container runtime builds a container's root
 * filesystem, so tests can run what an image really contains (see {@link ContainerRun}).
 * Layers may carry hostile paths; anything that would land outside the rootfs is refused.
 */
public final class RootfsUnpacker {

  private static final String WHITEOUT = ".wh.";
  private static final String OPAQUE = ".wh..wh..opq";
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  private RootfsUnpacker() {
  }

  /** Applies the layers (plain or gzip-compressed tars) in order onto {@code rootfs}. */
  public static void unpack(List<Path> layerFiles, Path rootfs) throws IOException {
    Files.createDirectories(rootfs);
    Path root = rootfs.toRealPath();
    for (Path layer : layerFiles) {
      // Whiteouts hide what lower layers wrote, never what this layer adds, and a tar may list
      // an opaque marker after the directory's new content. So: all deletions first, then writes.
      forEachEntry(layer, (entry, content) -> applyWhiteout(root, entry));
      forEachEntry(layer, (entry, content) -> write(root, entry, content));
    }
  }

  private interface EntryAction {
    void apply(TarArchiveEntry entry, InputStream content) throws IOException;
  }

  private static void forEachEntry(Path layer, EntryAction action) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(layer));
       TarArchiveInputStream tar = new TarArchiveInputStream(gunzipIfCompressed(in))) {
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        action.apply(entry, tar);
      }
    }
  }

  /** OCI allows both tar and tar+gzip layers; the gzip magic 1f 8b tells them apart. */
  private static InputStream gunzipIfCompressed(InputStream in) throws IOException {
    in.mark(2);
    boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
    in.reset();
    return gzip ? new GZIPInputStream(in) : in;
  }

  private static void applyWhiteout(Path root, TarArchiveEntry entry) throws IOException {
    Path name = checkedPath(entry.getName());
    String fileName = name.getFileName().toString();
    if (!fileName.startsWith(WHITEOUT)) {
      return;
    }
    Path dir = resolveInside(root, parentOf(name), false, 0);
    if (dir == null || !Files.isDirectory(dir, NOFOLLOW)) {
      return; // nothing below to hide
    }
    if (fileName.equals(OPAQUE)) {
      try (var children = Files.list(dir)) {
        for (Path child : children.toList()) {
          FileTrees.deleteRecursively(child);
        }
      }
    } else {
      FileTrees.deleteRecursively(dir.resolve(fileName.substring(WHITEOUT.length())));
    }
  }

  private static void write(Path root, TarArchiveEntry entry, InputStream content) throws IOException {
    Path name = checkedPath(entry.getName());
    if (name.getFileName().toString().startsWith(WHITEOUT)) {
      return; // markers are instructions, not files
    }
    Path target = name.toString().isEmpty() ? root
        : resolveInside(root, parentOf(name), true, 0).resolve(name.getFileName());
    boolean keepDirectory = entry.isDirectory() && Files.isDirectory(target, NOFOLLOW);
    if (!keepDirectory && !target.equals(root)) {
      FileTrees.deleteRecursively(target); // a later layer replaces, never writes through
    }
    if (entry.isDirectory()) {
      Files.createDirectories(target);
    } else if (entry.isSymbolicLink()) {
      // Stored verbatim; a link pointing outside is only refused when something writes through it.
      Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
    } else if (entry.isLink()) {
      Path linked = checkedPath(entry.getLinkName());
      Path linkedDir = resolveInside(root, parentOf(linked), false, 0);
      if (linkedDir == null) {
        throw new IOException("hard link " + name + " to missing " + linked);
      }
      Files.createLink(target, linkedDir.resolve(linked.getFileName()));
      return; // a hard link shares the linked file's inode, so owner and mode are already that file's
    } else if (entry.isFile()) {
      Files.copy(content, target);
    } else {
      return; // device nodes and fifos: Java cannot create them and the runtime provides /dev
    }
    // Owner before mode: chown clears setuid/setgid bits. "unix:mode" (unlike
    // setPosixFilePermissions) keeps setuid, setgid and sticky bits, e.g. /tmp's 1777.
    Files.setAttribute(target, "unix:uid", (int) entry.getLongUserId(), NOFOLLOW);
    Files.setAttribute(target, "unix:gid", (int) entry.getLongGroupId(), NOFOLLOW);
    if (!entry.isSymbolicLink()) {
      Files.setAttribute(target, "unix:mode", entry.getMode() & 07777);
    }
  }

  /** The entry name as a relative, normalised path; refuses absolute names and ones that climb out. */
  private static Path checkedPath(String entryName) throws IOException {
    Path path = Path.of(entryName).normalize();
    if (path.isAbsolute() || path.startsWith("..")) {
      throw new IOException("layer entry escapes the rootfs: " + entryName);
    }
    return path;
  }

  private static Path parentOf(Path name) {
    return name.getParent() == null ? Path.of("") : name.getParent();
  }

  /**
   * Resolves a relative directory path inside the rootfs, following symlinks the way they resolve
   * inside the container (absolute targets are relative to the rootfs, not the host) and refusing
   * any that lead outside. Missing directories are created, or give null when {@code create} is false.
   */
  private static Path resolveInside(Path root, Path relative, boolean create, int depth) throws IOException {
    if (depth > 40) {
      throw new IOException("too many levels of symbolic links below " + root);
    }
    Path current = root;
    for (Path part : relative) {
      Path next = current.resolve(part);
      if (Files.isSymbolicLink(next)) {
        Path link = Files.readSymbolicLink(next);
        Path inRoot = (link.isAbsolute() ? link.getRoot().relativize(link)
            : root.relativize(current).resolve(link)).normalize();
        if (inRoot.startsWith("..")) {
          throw new IOException("symlink " + root.relativize(next) + " -> " + link + " points outside the rootfs");
        }
        next = resolveInside(root, inRoot, create, depth + 1);
      } else if (!Files.exists(next, NOFOLLOW)) {
        if (!create) {
          return null;
        }
        Files.createDirectory(next);
      }
      if (next == null) {
        return null;
      }
      current = next;
    }
    return current;
  }
}
