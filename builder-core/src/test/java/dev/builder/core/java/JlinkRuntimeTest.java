package dev.builder.core.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.builder.core.BuildListener;
import dev.builder.core.BuilderException;
import dev.builder.core.image.Platform;
import dev.builder.testing.RecordingListener;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime jlink makes from the build JDK: its modules, its reproducible bytes, and its cache. */
class JlinkRuntimeTest {
  private static final int RELEASE = Runtime.version().feature();
  private static final Instant TIME = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path tmp;
  private JavaApplication app;

  @BeforeEach
  void compileAnHttpServer() throws Exception {
    app = TestProjects.httpServer(tmp.resolve("classes"));
  }

  @Test
  void linksTheModulesTheClassesUseWithTheDefaultsAndTheSameBytesInAnyCache() throws Exception {
    RecordingListener log = new RecordingListener();
    JlinkRuntime.Linked first = JlinkRuntime.link(app, RELEASE, List.of(), Platform.LINUX_AMD64, TIME,
        tmp.resolve("cache-1"), log);
    assertThat(first.fromCache()).isFalse();
    assertThat(first.modules()).contains("java.base", "jdk.httpserver", "jdk.crypto.ec", "jdk.naming.dns")
        .doesNotContain("java.desktop", "java.sql");
    assertThat(first.version()).startsWith(RELEASE + ".");

    Map<String, TarArchiveEntry> entries = entries(first);
    assertThat(entries).containsKeys("opt/java/bin/java", "opt/java/lib/modules", "opt/java/release");
    assertThat(entries.get("opt/java/bin/java").getMode() & 0777).isEqualTo(0755);
    assertThat(entries.get("opt/java/release").getMode() & 0777).isEqualTo(0644);
    assertThat(entries.keySet()).noneMatch(name -> name.startsWith("opt/java/include") || name.startsWith(
        "opt/java/man"));
    assertThat(entries.values()).allMatch(e -> e.getLastModifiedDate().toInstant().equals(TIME));

    JlinkRuntime.Linked elsewhere = JlinkRuntime.link(app, RELEASE, List.of(), Platform.LINUX_AMD64, TIME,
        tmp.resolve("cache-2"), BuildListener.SILENT);
    // entry by entry first, so that a difference names the file
    assertThat(sizes(entries(elsewhere))).isEqualTo(sizes(entries));
    assertThat(elsewhere.layer().descriptor()).isEqualTo(first.layer().descriptor());
    assertThat(elsewhere.layer().diffId()).isEqualTo(first.layer().diffId());
  }

  @Test
  void anUnchangedModuleSetIsTakenFromTheCacheAndAnAddedModuleLinksAgain() {
    Path cache = tmp.resolve("cache");
    JlinkRuntime.Linked first = JlinkRuntime.link(app, RELEASE, List.of(), Platform.LINUX_AMD64, TIME, cache,
        BuildListener.SILENT);
    RecordingListener log = new RecordingListener();
    JlinkRuntime.Linked again = JlinkRuntime.link(app, RELEASE, List.of(), Platform.LINUX_AMD64, TIME, cache, log);
    assertThat(again.fromCache()).isTrue();
    assertThat(again.layer().descriptor()).isEqualTo(first.layer().descriptor());

    JlinkRuntime.Linked withSql = JlinkRuntime.link(app, RELEASE, List.of("java.sql"), Platform.LINUX_AMD64, TIME,
        cache, BuildListener.SILENT);
    assertThat(withSql.fromCache()).isFalse();
    assertThat(withSql.modules()).contains("java.sql");
    assertThat(withSql.layer().digest()).isNotEqualTo(first.layer().digest());
  }

  @Test
  void refusesWhatTheBuildJdkCannotLink() {
    assertThatThrownBy(() -> JlinkRuntime.link(app, RELEASE, List.of("jdk.nothing"), Platform.LINUX_AMD64, TIME,
        tmp.resolve("cache"), BuildListener.SILENT))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("module jdk.nothing of jlinkModules is not among the modules of the build JDK");
    assertThatThrownBy(() -> JlinkRuntime.link(app, RELEASE - 1, List.of(), Platform.LINUX_AMD64, TIME,
        tmp.resolve("cache"), BuildListener.SILENT))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("the build JDK's jlink, which is Java " + RELEASE + " and links only Java " + RELEASE
            + " modules, but the project's release is Java " + (RELEASE - 1) + ": run Maven on a JDK " + (RELEASE - 1));
    assertThatThrownBy(() -> JlinkRuntime.link(app, RELEASE, List.of(), new Platform("linux", "arm64", "v8"), TIME,
        tmp.resolve("cache"), BuildListener.SILENT))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("cannot make a runtime for linux/arm64/v8: name a JDK image for it (jdkImage)");
  }

  private static Map<String, String> sizes(Map<String, TarArchiveEntry> entries) {
    Map<String, String> sizes = new TreeMap<>();
    entries.forEach((name, e) -> sizes.put(name, e.getSize() + " " + Integer.toOctalString(e.getMode())
        + (e.isSymbolicLink() ? " -> " + e.getLinkName() : "")));
    return sizes;
  }

  private static Map<String, TarArchiveEntry> entries(JlinkRuntime.Linked linked) throws Exception {
    Map<String, TarArchiveEntry> entries = new TreeMap<>();
    try (InputStream in = linked.layer().blob().open();
        TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(in))) {
      for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
        entries.put(e.getName().replaceFirst("/$", ""), e);
      }
    }
    return entries;
  }
}
