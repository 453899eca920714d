package dev.builder.core.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitRemoteTest {
  @TempDir Path tmp;

  @Test
  void aTokenInTheRemoteNeverReachesTheImage() throws IOException {
    Path repo = checkout("[remote \"origin\"]\n\turl = https://ci-bot:glpat-SECRET123@gitlab.example.com/team/app.git\n");

    assertThat(GitRemote.of(repo).flatMap(SourceUrl::of)).contains("https://gitlab.example.com/team/app.git");
  }

  @Test
  void aRemoteOnThisMachineIsNoSource() throws IOException {
    Path repo = checkout("[remote \"origin\"]\n\turl = /work/.mirror/acme+orders/repo\n");

    assertThat(GitRemote.of(repo)).contains("/work/.mirror/acme+orders/repo");
    assertThat(GitRemote.of(repo).flatMap(SourceUrl::of)).isEmpty();
  }

  @Test
  void readsOriginFromTheConfigOfTheCheckoutThatHoldsTheFolder() throws IOException {
    Path repo = checkout("""
        [core]
        \trepositoryformatversion = 0
        [remote "upstream"]
        \turl = https://github.com/upstream/orders.git
        [remote "origin"]
        \turl = git@github.com:acme/orders.git
        \tfetch = +refs/heads/*:refs/remotes/origin/*
        [branch "main"]
        \tremote = origin
        """);

    assertThat(GitRemote.of(Files.createDirectories(repo.resolve("services/orders"))))
        .contains("git@github.com:acme/orders.git");
  }

  @Test
  void withoutOriginTheOnlyRemoteCountsAndSeveralSayNothing() throws IOException {
    Path one = checkout("[remote \"github\"]\n  url = https://github.com/acme/one\n");
    assertThat(GitRemote.of(one)).contains("https://github.com/acme/one");

    Path two = checkout("[remote \"a\"]\n url = https://github.com/acme/a\n[remote \"b\"]\n url = https://github.com/acme/b\n");
    assertThat(GitRemote.of(two)).isEmpty();
  }

  @Test
  void aCheckoutWithoutRemotesOrOutsideGitSaysNothing(@TempDir Path elsewhere) throws IOException {
    assertThat(GitRemote.of(checkout("[core]\n  bare = false\n"))).isEmpty();
    assertThat(GitRemote.of(elsewhere)).isEmpty();
  }

  private Path checkout(String config) throws IOException {
    Path repo = Files.createTempDirectory(tmp, "repo");
    Path git = Files.createDirectories(repo.resolve(".git"));
    Files.writeString(git.resolve("HEAD"), "ref: refs/heads/main\n");
    Files.writeString(git.resolve("config"), config);
    return repo;
  }
}
