package dev.builder.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootfsUnpackerTest {

  @TempDir
  Path temp;

  @AfterEach
  void deleteRootfs() {
    // Our own delete, because JUnit's warns about every symlink that points outside the temp dir.
    FileTrees.deleteRecursively(temp.resolve("rootfs"));
  }

  @Test
  void appliesLayersInOrderWithWhiteouts() throws IOException {
    Path base = layer("base.tar.gz", true, tar -> {
      directory(tar, "etc/", 0755);
      file(tar, "etc/config", "one", 0640, 1000, 1001);
      link(tar, "etc/link", "config", TarConstants.LF_SYMLINK);
      link(tar, "etc/hard", "etc/config", TarConstants.LF_LINK);
      file(tar, "remove-me", "gone soon", 0644, 0, 0);
      directory(tar, "cache/", 0755);
      file(tar, "cache/a", "a", 0644, 0, 0);
      directory(tar, "tmp/", 01777);
    });
    Path top = layer("top.tar", false, tar -> {
      file(tar, ".wh.remove-me", "", 0644, 0, 0);
      file(tar, "cache/new", "new", 0644, 0, 0);
      // The opaque marker after the layer's own content: it must hide only the lower layer's files.
      file(tar, "cache/.wh..wh..opq", "", 0644, 0, 0);
    });
    Path rootfs = temp.resolve("rootfs");

    RootfsUnpacker.unpack(List.of(base, top), rootfs);

    Path config = rootfs.resolve("etc/config");
    assertThat(config).hasContent("one");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-r-----");
    assertThat(Files.getAttribute(config, "unix:uid")).isEqualTo(1000);
    assertThat(Files.getAttribute(config, "unix:gid")).isEqualTo(1001);
    assertThat(Files.readSymbolicLink(rootfs.resolve("etc/link"))).isEqualTo(Path.of("config"));
    assertThat(Files.isSameFile(rootfs.resolve("etc/hard"), config)).isTrue();
    assertThat(rootfs.resolve("remove-me")).doesNotExist();
    assertThat(names(rootfs.resolve("cache"))).containsExactly("new");
    assertThat((int) Files.getAttribute(rootfs.resolve("tmp"), "unix:mode") & 07777).isEqualTo(01777);
    try (Stream<Path> all = Files.walk(rootfs)) {
      assertThat(all.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".wh."));
    }
  }

  @Test
  void refusesEntriesThatClimbOutOfTheRootfs() throws IOException {
    Path evil = layer("evil.tar", false, tar -> file(tar, "../evil", "pwned", 0644, 0, 0));

    assertThatThrownBy(() -> RootfsUnpacker.unpack(List.of(evil), temp.resolve("rootfs")))
        .isInstanceOf(IOException.class).hasMessageContaining("../evil");
    assertThat(temp.resolve("evil")).doesNotExist();
  }

  @Test
  void refusesWritingThroughASymlinkThatLeadsOutside() throws IOException {
    Path evil = layer("evil.tar", false, tar -> {
      link(tar, "up", "../..", TarConstants.LF_SYMLINK);
      file(tar, "up/evil", "pwned", 0644, 0, 0);
    });

    assertThatThrownBy(() -> RootfsUnpacker.unpack(List.of(evil), temp.resolve("rootfs")))
        .isInstanceOf(IOException.class).hasMessageContaining("points outside the rootfs");
    assertThat(temp.resolve("evil")).doesNotExist();
    assertThat(temp.getParent().resolve("evil")).doesNotExist();
  }

  @Test
  void absoluteSymlinksResolveInsideTheRootfsNotOnTheHost() throws IOException {
    Path layer = layer("abs.tar", false, tar -> {
      link(tar, "conf", "/etc", TarConstants.LF_SYMLINK);
      file(tar, "conf/builder-test-marker", "inside", 0644, 0, 0);
    });
    Path rootfs = temp.resolve("rootfs");

    RootfsUnpacker.unpack(List.of(layer), rootfs);

    assertThat(rootfs.resolve("etc/builder-test-marker")).hasContent("inside");
    assertThat(Path.of("/etc/builder-test-marker")).doesNotExist();
  }

  private interface TarContent {
    void write(TarArchiveOutputStream tar) throws IOException;
  }

  private Path layer(String name, boolean gzip, TarContent content) throws IOException {
    Path file = temp.resolve(name);
    try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file);
       TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      content.write(tar);
    }
    return file;
  }

  private static void directory(TarArchiveOutputStream tar, String name, int mode) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setMode(TarArchiveEntry.DEFAULT_DIR_MODE & ~07777 | mode);
    tar.putArchiveEntry(entry);
    tar.closeArchiveEntry();
  }

  private static void file(TarArchiveOutputStream tar, String name, String text, int mode, int uid, int gid)
      throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    TarArchiveEntry entry = new TarArchiveEntry(name, true); // preserve "../" so the unpacker sees it
    entry.setMode(TarArchiveEntry.DEFAULT_FILE_MODE & ~07777 | mode);
    entry.setIds(uid, gid);
    entry.setSize(bytes.length);
    tar.putArchiveEntry(entry);
    tar.write(bytes);
    tar.closeArchiveEntry();
  }

  private static void link(TarArchiveOutputStream tar, String name, String target, byte type) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name, type);
    entry.setLinkName(target);
    tar.putArchiveEntry(entry);
    tar.closeArchiveEntry();
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> children = Files.list(dir)) {
      return children.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
