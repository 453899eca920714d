package dev.builder.core.java;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The extra folder's files (Maven's {@code src/main/builder}) for the image root. The folder is often committed by
 * whoever opens a pull request, so nothing in it may reach past it (see {@link FolderEntries}): a link stays a link
 * in the image, and only while it points inside the folder.
 */
final class ExtraFiles {
  private ExtraFiles() {}

  static void add(Path folder, LayerBuilder layer) {
    Path root = FolderEntries.realPath(folder);
    for (Path file : FolderEntries.walk(root)) {
      String target = "/" + root.relativize(file).toString().replace('\\', '/');
      BasicFileAttributes attributes = FolderEntries.attributes(file);
      if (attributes.isSymbolicLink()) {
        layer.addSymlink(file, target, FolderEntries.linkInside(root, file, "links there are kept as links, and only"
            + " while they point inside the folder", "Put a copy of the file in the folder instead, or a link relative"
            + " to a file inside it."));
      } else if (attributes.isDirectory()) {
        layer.addDirectory(file, target);
      } else if (attributes.isRegularFile()) {
        layer.addFile(file, target, Files.isExecutable(file) ? 0755 : 0644);
      } else {
        throw FolderEntries.special(root, file);
      }
    }
  }
}
