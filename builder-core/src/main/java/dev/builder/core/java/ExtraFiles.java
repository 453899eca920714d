package dev.builder.core.java;

import dev.builder.core.BuilderException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Extra folders' files (Maven's {@code src/main/builder}, and Jib's {@code <extraDirectories>}) for the image. The
 * folders are often committed by whoever opens a pull request, so nothing in them may reach past them (see
 * {@link FolderEntries}): a link stays a link in the image, and only while it points inside its folder.
 *
 * <p>A file's mode is the one {@link FilePermissions} gives its image path, else 0755 where it is executable in the
 * project and 0644 where not; a folder's likewise, else 0755.
 */
final class ExtraFiles {
  private ExtraFiles() {}

  static void add(Path folder, LayerBuilder layer) {
    add(ExtraDirectory.root(folder), FilePermissions.NONE, layer);
  }

  static void add(ExtraDirectory extra, FilePermissions permissions, LayerBuilder layer) {
    Path root = FolderEntries.realPath(extra.from());
    List<PathMatcher> includes = matchers(extra.includes());
    List<PathMatcher> excludes = matchers(extra.excludes());
    Map<Path, BasicFileAttributes> chosen = new LinkedHashMap<>();
    List<Path> folders = new ArrayList<>();
    for (Path file : FolderEntries.walk(root)) {
      Path relative = root.relativize(file);
      if (excluded(relative, excludes)) {
        continue;
      }
      BasicFileAttributes attributes = FolderEntries.attributes(file);
      if (attributes.isDirectory()) {
        folders.add(file);
      } else if (includes.isEmpty() || includes.stream().anyMatch(m -> m.matches(relative))) {
        chosen.put(file, attributes);
      }
    }
    if (!includes.isEmpty() && chosen.isEmpty()) {
      throw new BuilderException("the extra directory " + extra.from() + " has <includes> " + extra.includes()
          + ", which match no file in it (they match paths relative to the folder, such as *.txt or **/*.sh)."
          + " Correct the patterns, or remove the path if the folder has nothing to add.");
    }
    Set<Path> holding = new HashSet<>();
    chosen.keySet().forEach(f -> {
      for (Path p = f.getParent(); p != null && p.startsWith(root) && !p.equals(root); p = p.getParent()) {
        holding.add(p);
      }
    });
    if (!extra.into().equals("/") && !extra.owner().isRoot()) {
      layer.addDirectory(root, extra.into(), permissions.modeFor(extra.into()).orElse(0755), extra.owner());
    }
    for (Path folder : folders) {
      if (includes.isEmpty() || holding.contains(folder)) {
        String target = target(extra, root, folder);
        layer.addDirectory(folder, target, permissions.modeFor(target).orElse(0755), extra.owner());
      }
    }
    chosen.forEach((file, attributes) -> {
      String target = target(extra, root, file);
      if (attributes.isSymbolicLink()) {
        layer.addSymlink(file, target, FolderEntries.linkInside(root, file, "links there are kept as links, and only"
            + " while they point inside the folder", "Put a copy of the file in the folder instead, or a link"
            + " relative to a file inside it."), extra.owner());
      } else if (attributes.isRegularFile()) {
        int mode = permissions.modeFor(target).orElse(Files.isExecutable(file) ? 0755 : 0644);
        layer.addFile(file, target, mode, extra.owner());
      } else {
        throw FolderEntries.special(root, file);
      }
    });
  }

  /** Left out when the path, or a folder it lies in, matches an exclude. */
  private static boolean excluded(Path relative, List<PathMatcher> excludes) {
    for (Path p = relative; p != null; p = p.getParent()) {
      Path candidate = p;
      if (excludes.stream().anyMatch(m -> m.matches(candidate))) {
        return true;
      }
    }
    return false;
  }

  private static String target(ExtraDirectory extra, Path root, Path file) {
    String relative = root.relativize(file).toString().replace('\\', '/');
    return extra.into().equals("/") ? "/" + relative : extra.into() + "/" + relative;
  }

  private static List<PathMatcher> matchers(List<String> globs) {
    return globs.stream().map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).toList();
  }
}
