package dev.builder.core.assembly;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The commit checked out in the git work tree that holds a folder, read from {@code .git} directly so that no git
 * binary is needed.
 */
public final class GitRevision {
  private GitRevision() {}

  public static Optional<String> of(Path directory) {
    try {
      for (Path dir = directory.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
        Path git = dir.resolve(".git");
        if (Files.isRegularFile(git)) { // a worktree or submodule: "gitdir: PATH"
          String line = Files.readString(git, StandardCharsets.UTF_8).trim();
          if (line.startsWith("gitdir:")) {
            git = dir.resolve(line.substring(7).trim()).normalize();
          }
        }
        if (Files.isDirectory(git) && Files.isRegularFile(git.resolve("HEAD"))) {
          return head(git);
        }
      }
    } catch (IOException e) {
      return Optional.empty(); // no revision is better than a failed build
    }
    return Optional.empty();
  }

  private static Optional<String> head(Path git) throws IOException {
    String head = Files.readString(git.resolve("HEAD"), StandardCharsets.UTF_8).trim();
    if (!head.startsWith("ref:")) {
      return commit(head);
    }
    String ref = head.substring(4).trim();
    Path common = git;
    Path commonDir = git.resolve("commondir");
    if (Files.isRegularFile(commonDir)) {
      common = git.resolve(Files.readString(commonDir, StandardCharsets.UTF_8).trim()).normalize();
    }
    for (Path base : List.of(git, common)) {
      Path loose = base.resolve(ref);
      if (Files.isRegularFile(loose)) {
        return commit(Files.readString(loose, StandardCharsets.UTF_8).trim());
      }
      Path packed = base.resolve("packed-refs");
      if (Files.isRegularFile(packed)) {
        for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
          if (line.endsWith(" " + ref)) {
            return commit(line.substring(0, line.indexOf(' ')));
          }
        }
      }
    }
    return Optional.empty(); // a branch with no commits yet
  }

  private static Optional<String> commit(String value) {
    return value.matches("[0-9a-f]{40}([0-9a-f]{24})?") ? Optional.of(value) : Optional.empty();
  }
}
