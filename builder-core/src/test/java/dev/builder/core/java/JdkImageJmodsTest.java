package dev.builder.core.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.builder.core.BuildListener;
import dev.builder.core.BuilderException;
import dev.builder.core.image.Image;
import dev.builder.core.image.Layer;
import dev.builder.core.image.Platform;
import dev.builder.testing.BaseImageFixture;
import dev.builder.testing.JdkImageFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jmods of a JDK image, taken out of its layers into the cache, and a runtime linked from them. */
class JdkImageJmodsTest {
  private static final int RELEASE = Runtime.version().feature();
  private static final Instant TIME = Instant.parse("2026-01-01T00:00:00Z");
  private static final Path JDK = Path.of(System.getProperty("java.home"));
  private static final Platform ARM64 = new Platform("linux", "arm64", "v8");

  @TempDir Path tmp;

  @Test
  void takesTheJmodsOutOnceAndTheRuntimeLinkedFromThemIsTheBuildJdksBytes() throws Exception {
    Image jdk = JdkImageFixture.image(JDK.resolve("jmods"), "opt/java/openjdk",
        JdkImageFixture.release(JDK, Map.of("IMPLEMENTOR", "Stand-in Adoptium")), Platform.LINUX_AMD64,
        tmp.resolve("work"));
    Path cache = tmp.resolve("cache");
    Jmods jmods = JdkImageJmods.of(jdk, "test-jdk:17", Platform.LINUX_AMD64, cache);
    assertThat(jmods.folder()).isEqualTo(cache.resolve("jdk").resolve(jdk.digest().hex()).resolve("jmods"));
    assertThat(jmods.has("java.base")).isTrue();
    assertThat(jmods.has("jdk.httpserver")).isTrue();
    assertThat(jmods.vendor()).isEqualTo("Stand-in Adoptium");
    assertThat(jmods.feature()).isEqualTo(RELEASE);
    assertThat(jmods.origin()).isEqualTo("JDK image test-jdk:17 (" + jdk.digest() + ")");
    assertThat(Files.mismatch(jmods.folder().resolve("java.base.jmod"), JDK.resolve("jmods/java.base.jmod")))
        .isEqualTo(-1);

    // taken out once: a second build reads the folder as it is
    Path base = jmods.folder().resolve("java.base.jmod");
    Files.setLastModifiedTime(base, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
    assertThat(JdkImageJmods.of(jdk, "test-jdk:17", Platform.LINUX_AMD64, cache).folder())
        .isEqualTo(jmods.folder());
    assertThat(Files.getLastModifiedTime(base).toInstant()).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));

    JavaApplication app = httpServer();
    JlinkRuntime.Linked fromImage = JlinkRuntime.link(app, RELEASE, List.of(), jmods, TIME, cache,
        BuildListener.SILENT);
    assertThat(fromImage.vendor()).isEqualTo("Stand-in Adoptium");
    assertThat(fromImage.origin()).isEqualTo(jmods.origin());
    assertThat(fromImage.modules()).contains("java.base", "jdk.httpserver", "jdk.crypto.ec");
    // the same modules give the same runtime wherever they were read from: nothing was lost on the way
    JlinkRuntime.Linked fromBuildJdk = JlinkRuntime.link(app, RELEASE, List.of(), Platform.LINUX_AMD64, TIME,
        tmp.resolve("other-cache"), BuildListener.SILENT);
    assertThat(fromImage.layer().diffId()).isEqualTo(fromBuildJdk.layer().diffId());
    // cached by the JDK image: linked from it again, jlink does not run
    assertThat(JlinkRuntime.link(app, RELEASE, List.of(), jmods, TIME, cache, BuildListener.SILENT).fromCache())
        .isTrue();
  }

  @Test
  void findsTheJmodsOfAJdkElsewhereAndHonoursWhiteouts() throws Exception {
    Path onlyBase = Files.createDirectories(tmp.resolve("only-base"));
    Files.copy(JDK.resolve("jmods/java.base.jmod"), onlyBase.resolve("java.base.jmod"));
    Image old = JdkImageFixture.image(onlyBase, "opt/old", null, Platform.LINUX_AMD64, tmp.resolve("work"));
    Image other = JdkImageFixture.image(onlyBase, "usr/lib/jvm/jdk", "JAVA_VERSION=\"" + RELEASE + ".0.1\"\n",
        Platform.LINUX_AMD64, tmp.resolve("work"));
    List<Layer> layers = new ArrayList<>(old.layers());
    layers.add(BaseImageFixture.fileLayer("opt/.wh.old", ""));
    layers.addAll(other.layers());
    Image jdk = Image.of(other.config(), layers, Map.of());

    Jmods jmods = JdkImageJmods.of(jdk, "debian-jdk", Platform.LINUX_AMD64, tmp.resolve("cache"));
    assertThat(jmods.version()).isEqualTo(RELEASE + ".0.1");
    assertThat(jmods.vendor()).isNull();
    assertThat(jmods.has("java.base")).isTrue();

    // without a release file, java.base's own version says which Java it is
    Jmods bare = JdkImageJmods.of(old, "bare-jdk", Platform.LINUX_AMD64, tmp.resolve("cache"));
    assertThat(bare.feature()).isEqualTo(RELEASE);
  }

  @Test
  void refusesAnImageWithoutJmodsOneForAnotherArchitectureAndOneOfAnotherJava() throws Exception {
    Image jre = Image.of(JdkImageFixture.image(Files.createDirectories(tmp.resolve("empty")), "opt/java/openjdk",
        "JAVA_VERSION=\"17.0.15\"\n", Platform.LINUX_AMD64, tmp.resolve("work")).config(),
        List.of(BaseImageFixture.fileLayer("opt/java/openjdk/release", "JAVA_VERSION=\"17.0.15\"\n")), Map.of());
    assertThatThrownBy(() -> JdkImageJmods.of(jre, "a-jre", Platform.LINUX_AMD64, tmp.resolve("cache")))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("JDK image a-jre has no jmods folder (no jmods/java.base.jmod in it; Temurin's is"
            + " /opt/java/openjdk/jmods): name a JDK image, not a JRE, in jdkImage");
    assertThat(tmp.resolve("cache/jdk")).isEmptyDirectory();

    Path onlyBase = Files.createDirectories(tmp.resolve("only-base"));
    Files.copy(JDK.resolve("jmods/java.base.jmod"), onlyBase.resolve("java.base.jmod"));
    Image amd64Inside = JdkImageFixture.image(onlyBase, "opt/java/openjdk", JdkImageFixture.release(JDK,
        Map.of("OS_ARCH", "x86_64")), ARM64, tmp.resolve("work"));
    assertThatThrownBy(() -> JdkImageJmods.of(amd64Inside, "mislabelled", ARM64, tmp.resolve("cache")))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("is meant for linux/arm64/v8, but its JDK is for x86_64 (OS_ARCH of its release"
            + " file)");

    Image newer = JdkImageFixture.image(onlyBase, "opt/java/openjdk", "JAVA_VERSION=\"" + (RELEASE + 4)
        + ".0.2\"\n", Platform.LINUX_AMD64, tmp.resolve("work"));
    Jmods jmods = JdkImageJmods.of(newer, "newer-jdk", Platform.LINUX_AMD64, tmp.resolve("cache"));
    assertThatThrownBy(() -> JlinkRuntime.link(httpServer(), RELEASE, List.of(), jmods, TIME, tmp.resolve("cache"),
        BuildListener.SILENT))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("the modules of JDK image newer-jdk (" + newer.digest() + ") are Java " + (RELEASE + 4)
            + ".0.2, but the project's release is Java " + RELEASE + ": name a JDK image of Java " + RELEASE
            + " in jdkImage (such as eclipse-temurin:" + RELEASE + "-jdk)");
  }

  private JavaApplication httpServer() throws Exception {
    return TestProjects.httpServer(tmp.resolve("classes"));
  }
}
