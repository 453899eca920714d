package dev.builder.core.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.builder.core.BuilderException;
import dev.builder.core.image.Layer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jib's {@code <extraDirectories>}: several folders, placed, filtered, permitted and owned. */
class ExtraDirectoriesTest {
  private static final Instant TIME = Instant.parse("2024-05-06T07:08:09Z");

  @TempDir Path tmp;

  private Path file(String relative, String content) throws IOException {
    Path file = tmp.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    return file;
  }

  private Map<String, TarArchiveEntry> layer(ExtraDirectories extras, Path legacy) throws IOException {
    JavaApplication app = new JavaApplication(null, List.of(), null, legacy).withExtraDirectories(extras);
    JavaLayers.Result result = JavaLayers.build(app, "/app", TIME, tmp.resolve("layers"));
    Layer layer = result.layers().stream().filter(l -> l.name().equals("extra files")).findFirst().orElseThrow()
        .layer();
    Map<String, TarArchiveEntry> byName = new TreeMap<>();
    JavaLayersTest.entries(layer).forEach(e -> byName.put(e.getName(), e));
    return byName;
  }

  private static ExtraDirectory path(Path from, String into, List<String> includes, List<String> excludes,
      String owner) {
    return new ExtraDirectory(from, into, includes, excludes, FileOwner.parse(owner, "<owner>"));
  }

  @Test
  void placesSeveralFoldersWithTheirModesAndOwners() throws IOException {
    file("src/main/jib/etc/app/app.conf", "x=1\n");
    file("scripts/bin/start.sh", "#!/bin/sh\n");
    file("scripts/bin/notes.txt", "hello\n");
    file("scripts/secret/key.pem", "KEY\n");
    file("data/a.txt", "a\n");
    file("data/deep/b.txt", "b\n");
    file("data/hidden.txt", "h\n");
    file("data/other.bin", "o\n");
    ExtraDirectories extras = new ExtraDirectories(List.of(
        path(tmp.resolve("src/main/jib"), null, List.of(), List.of(), null),
        path(tmp.resolve("scripts"), "/opt/app/", List.of(), List.of("secret"), "65532:65532"),
        path(tmp.resolve("data"), "/srv/data", List.of("*.txt,**/*.txt"), List.of("hidden.txt"), "1000")),
        new FilePermissions(List.of(FilePermissions.Rule.parse("/opt/app/bin/*.sh", "755"),
            FilePermissions.Rule.parse("/srv/data/deep", "700"),
            FilePermissions.Rule.parse("/etc/app/app.conf", "0600"))));

    Map<String, TarArchiveEntry> entries = layer(extras, null);

    assertThat(entries.keySet()).containsExactly("etc/", "etc/app/", "etc/app/app.conf", "opt/", "opt/app/",
        "opt/app/bin/", "opt/app/bin/notes.txt", "opt/app/bin/start.sh", "srv/", "srv/data/", "srv/data/a.txt",
        "srv/data/deep/", "srv/data/deep/b.txt");
    assertThat(entries.get("etc/app/app.conf").getMode() & 07777).isEqualTo(0600);
    assertThat(entries.get("etc/app/app.conf").getLongUserId()).isZero();
    assertThat(entries.get("opt/app/bin/start.sh").getMode() & 07777).isEqualTo(0755);
    assertThat(entries.get("opt/app/bin/notes.txt").getMode() & 07777).isEqualTo(0644);
    assertThat(entries.get("opt/app/bin/start.sh").getLongUserId()).isEqualTo(65532);
    assertThat(entries.get("opt/app/bin/start.sh").getLongGroupId()).isEqualTo(65532);
    assertThat(entries.get("opt/app/").getLongUserId()).as("the folder the path goes into").isEqualTo(65532);
    assertThat(entries.get("opt/").getLongUserId()).as("folders above it stay root's").isZero();
    assertThat(entries.get("opt/").getMode() & 07777).isEqualTo(0755);
    assertThat(entries.get("srv/data/deep/").getMode() & 07777).isEqualTo(0700);
    assertThat(entries.get("srv/data/deep/b.txt").getLongGroupId()).isEqualTo(1000);
    assertThat(entries.get("srv/data/a.txt").getModTime().toInstant()).isEqualTo(TIME);
  }

  @Test
  void theSingleExtraDirectoryStillGoesToTheRootBeforeThePaths() throws IOException {
    file("src/main/builder/etc/motd", "legacy\n");
    file("more/etc/motd", "later\n");
    file("more/etc/other", "x\n");
    ExtraDirectories extras = new ExtraDirectories(List.of(path(tmp.resolve("more"), "/", List.of(), List.of(),
        null)), FilePermissions.NONE);

    Map<String, TarArchiveEntry> entries = layer(extras, tmp.resolve("src/main/builder"));

    assertThat(entries.keySet()).containsExactly("etc/", "etc/motd", "etc/other");
    assertThat(entries.get("etc/motd").getSize()).as("the later folder's file wins").isEqualTo(6);
  }

  @Test
  void theSameConfigurationGivesTheSameLayer() throws IOException {
    file("scripts/run.sh", "#!/bin/sh\n");
    ExtraDirectories extras = new ExtraDirectories(List.of(path(tmp.resolve("scripts"), "/opt", List.of(),
        List.of(), "65532:65532")), FilePermissions.NONE);
    JavaApplication app = new JavaApplication(null, List.of(), null, null).withExtraDirectories(extras);

    Layer first = JavaLayers.build(app, "/app", TIME, tmp.resolve("one")).layers().get(0).layer();
    Layer second = JavaLayers.build(app, "/app", TIME, tmp.resolve("two")).layers().get(0).layer();
    ExtraDirectories rootOwned = new ExtraDirectories(List.of(path(tmp.resolve("scripts"), "/opt", List.of(),
        List.of(), null)), FilePermissions.NONE);
    Layer other = JavaLayers.build(app.withExtraDirectories(rootOwned), "/app", TIME, tmp.resolve("one")).layers()
        .get(0).layer();

    assertThat(second.digest()).isEqualTo(first.digest());
    assertThat(other.digest()).as("the owner is part of the cache key").isNotEqualTo(first.digest());
  }

  @Test
  void includesThatMatchNothingAreAnError() throws IOException {
    file("conf/app.yml", "a: 1\n");
    ExtraDirectories extras = new ExtraDirectories(List.of(path(tmp.resolve("conf"), "/etc", List.of("*.yaml"),
        List.of(), null)), FilePermissions.NONE);

    assertThatThrownBy(() -> layer(extras, null)).isInstanceOf(BuilderException.class)
        .hasMessageContaining("[*.yaml], which match no file");
  }

  @Test
  void aMissingFolderIsAnError() {
    ExtraDirectories extras = new ExtraDirectories(List.of(path(tmp.resolve("nope"), "/etc", List.of(), List.of(),
        null)), FilePermissions.NONE);

    assertThatThrownBy(() -> layer(extras, null)).isInstanceOf(BuilderException.class)
        .hasMessageContaining("nope does not exist");
  }

  @Test
  void badValuesAreClearErrors() {
    assertThatThrownBy(() -> FilePermissions.Rule.parse("/opt/run.sh", "rwx")).isInstanceOf(BuilderException.class)
        .hasMessageContaining("mode 'rwx', which is not octal");
    assertThatThrownBy(() -> FilePermissions.Rule.parse("/opt/run.sh", "789")).isInstanceOf(BuilderException.class);
    assertThatThrownBy(() -> FilePermissions.Rule.parse("opt/run.sh", "755")).isInstanceOf(BuilderException.class)
        .hasMessageContaining("no absolute path");
    assertThatThrownBy(() -> FileOwner.parse("app:app", "<owner>")).isInstanceOf(BuilderException.class)
        .hasMessageContaining("uid:gid");
    assertThatThrownBy(() -> new ExtraDirectory(tmp, "opt", null, null, null)).isInstanceOf(BuilderException.class)
        .hasMessageContaining("write it as /opt");
  }

  @Test
  void anExactPathWinsOverAGlobAndTheFirstGlobOverLaterOnes() {
    FilePermissions permissions = new FilePermissions(List.of(FilePermissions.Rule.parse("/opt/**", "700"),
        FilePermissions.Rule.parse("/opt/bin/*", "750"), FilePermissions.Rule.parse("/opt/bin/run", "755")));

    assertThat(permissions.modeFor("/opt/bin/run")).hasValue(0755);
    assertThat(permissions.modeFor("/opt/bin/other")).hasValue(0700);
    assertThat(permissions.modeFor("/etc/x")).isEmpty();
  }
}
