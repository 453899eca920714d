package dev.builder.core.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitRevisionTest {
  private static final String MAIN = "0123456789abcdef0123456789abcdef01234567";
  private static final String OTHER = "89abcdef0123456789abcdef0123456789abcdef";

  @TempDir Path tmp;
  private Path repo;
  private Path git;
  private Path module;

  @BeforeEach
  void gitDirectory() throws IOException {
    repo = Files.createDirectories(tmp.resolve("repo"));
    git = Files.createDirectories(repo.resolve(".git"));
    Files.createDirectories(git.resolve("refs/heads"));
    module = Files.createDirectories(repo.resolve("services/orders"));
  }

  @Test
  void readsTheBranchHeadFromALooseRef() throws IOException {
    Files.writeString(git.resolve("HEAD"), "ref: refs/heads/main\n");
    Files.writeString(git.resolve("refs/heads/main"), MAIN + "\n");

    assertThat(GitRevision.of(module)).contains(MAIN);
    assertThat(GitRevision.of(repo)).contains(MAIN);
  }

  @Test
  void readsTheBranchHeadFromPackedRefs() throws IOException {
    Files.writeString(git.resolve("HEAD"), "ref: refs/heads/main\n");
    Files.writeString(git.resolve("packed-refs"),
        "# pack-refs with: peeled fully-peeled sorted \n"
            + OTHER + " refs/heads/main-old\n"
            + MAIN + " refs/heads/main\n"
            + OTHER + " refs/tags/v1.0\n"
            + "^" + OTHER + "\n");

    assertThat(GitRevision.of(module)).contains(MAIN);
  }

  @Test
  void aLooseRefIsNewerThanThePackedOne() throws IOException {
    Files.writeString(git.resolve("HEAD"), "ref: refs/heads/main\n");
    Files.writeString(git.resolve("packed-refs"), OTHER + " refs/heads/main\n");
    Files.writeString(git.resolve("refs/heads/main"), MAIN + "\n");

    assertThat(GitRevision.of(module)).contains(MAIN);
  }

  @Test
  void readsADetachedHead() throws IOException {
    Files.writeString(git.resolve("HEAD"), MAIN + "\n");

    assertThat(GitRevision.of(module)).contains(MAIN);
  }

  @Test
  void readsTheHeadOfALinkedWorktree() throws IOException {
    Files.writeString(git.resolve("HEAD"), "ref: refs/heads/main\n");
    Files.writeString(git.resolve("refs/heads/main"), MAIN + "\n");
    Files.writeString(git.resolve("refs/heads/feature"), OTHER + "\n");
    Path worktreeGit = Files.createDirectories(git.resolve("worktrees/feature"));
    Files.writeString(worktreeGit.resolve("HEAD"), "ref: refs/heads/feature\n");
    Files.writeString(worktreeGit.resolve("commondir"), "../..\n");
    Path worktree = Files.createDirectories(tmp.resolve("feature-checkout"));
    Files.writeString(worktree.resolve(".git"), "gitdir: ../repo/.git/worktrees/feature\n");

    assertThat(GitRevision.of(worktree)).contains(OTHER);
  }

  @Test
  void aBranchWithoutCommitsHasNoRevision() throws IOException {
    Files.writeString(git.resolve("HEAD"), "ref: refs/heads/main\n");

    assertThat(GitRevision.of(module)).isEmpty();
  }

  @Test
  void aFolderOutsideAnyWorkTreeHasNoRevision(@TempDir Path elsewhere) {
    assertThat(GitRevision.of(elsewhere)).isEmpty();
  }
}
