package dev.builder.core.assembly;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The git work tree that holds a folder, found by walking up to its {@code .git}, a folder or, for a linked worktree
 * or a submodule, a file naming the folder.
 *
 * @param workTree the top folder of the checkout
 * @param git this work tree's git folder: its {@code HEAD}
 * @param common the git folder shared by every work tree of the repository: its refs and {@code config}
 */
public record GitDirectory(Path workTree, Path git, Path common) {

  public static Optional<GitDirectory> holding(Path directory) throws IOException {
    for (Path dir = directory.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      Path git = dir.resolve(".git");
      if (Files.isRegularFile(git)) { // a worktree or submodule: "gitdir: PATH"
        String line = Files.readString(git, StandardCharsets.UTF_8).trim();
        if (line.startsWith("gitdir:")) {
          git = dir.resolve(line.substring(7).trim()).normalize();
        }
      }
      if (Files.isDirectory(git) && Files.isRegularFile(git.resolve("HEAD"))) {
        Path common = git;
        Path commonDir = git.resolve("commondir");
        if (Files.isRegularFile(commonDir)) {
          common = git.resolve(Files.readString(commonDir, StandardCharsets.UTF_8).trim()).normalize();
        }
        return Optional.of(new GitDirectory(dir, git, common));
      }
    }
    return Optional.empty();
  }
}
