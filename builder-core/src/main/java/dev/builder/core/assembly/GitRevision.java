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
      Optional<GitDirectory> checkout = GitDirectory.holding(directory);
      return checkout.isEmpty() ? Optional.empty() : head(checkout.get());
    } catch (IOException e) {
      return Optional.empty(); // no revision is better than a failed build
    }
  }

  private static Optional<String> head(GitDirectory checkout) throws IOException {
    String head = Files.readString(checkout.git().resolve("HEAD"), StandardCharsets.UTF_8).trim();
    if (!head.startsWith("ref:")) {
      return commit(head);
    }
    String ref = head.substring(4).trim();
    for (Path base : List.of(checkout.git(), checkout.common())) {
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
