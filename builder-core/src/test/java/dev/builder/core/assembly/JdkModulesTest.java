package dev.builder.core.assembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.builder.core.BuildListener;
import dev.builder.core.BuilderException;
import dev.builder.core.cache.BlobCache;
import dev.builder.core.image.Image;
import dev.builder.core.image.ImageSource;
import dev.builder.core.image.Platform;
import dev.builder.core.java.Jmods;
import dev.builder.core.layout.OciLayoutSink;
import dev.builder.core.layout.OciLayoutSource;
import dev.builder.core.tarball.TarballSink;
import dev.builder.testing.JdkImageFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which JDK's modules each platform's runtime is linked from. */
class JdkModulesTest {
  private static final int RELEASE = Runtime.version().feature();
  private static final Platform ARM64 = new Platform("linux", "arm64", "v8");

  @TempDir Path tmp;

  @Test
  void theBuildJdksOwnForItsPlatformTheDefaultJdkImageForAnother() {
    List<String> opened = new ArrayList<>();
    Function<String, ImageSource> open = name -> {
      opened.add(name);
      throw new BuilderException("no network here");
    };
    JdkModules modules = new JdkModules(new RuntimeSettings(true, List.of()), RELEASE, open, tmp,
        BuildListener.SILENT);
    Jmods own = modules.of(Platform.LINUX_AMD64);
    assertThat(own.folder()).isEqualTo(Path.of(System.getProperty("java.home"), "jmods"));
    assertThat(opened).isEmpty();

    assertThatThrownBy(() -> modules.of(ARM64))
        .isInstanceOf(BuilderException.class)
        .hasMessage("JDK image eclipse-temurin:" + RELEASE + "-jdk (jdkImage), for the Java runtime of linux/arm64/v8:"
            + " no network here");
    assertThat(opened).containsExactly("eclipse-temurin:" + RELEASE + "-jdk");
  }

  @Test
  void aNamedJdkImageServesEveryPlatformAndOneForAnotherPlatformIsRefused() throws Exception {
    Path onlyBase = Files.createDirectories(tmp.resolve("only-base"));
    Files.copy(Path.of(System.getProperty("java.home"), "jmods/java.base.jmod"), onlyBase.resolve("java.base.jmod"));
    Image amd64 = JdkImageFixture.image(onlyBase, "opt/java/openjdk", "JAVA_VERSION=\"" + RELEASE + ".0.9\"\n",
        Platform.LINUX_AMD64, tmp.resolve("work"));
    Path layout = tmp.resolve("jdk-layout");
    new OciLayoutSink(layout).write(amd64, List.of("latest"));
    Function<String, ImageSource> open = name -> new OciLayoutSource(layout, "latest", name);
    JdkModules modules = new JdkModules(new RuntimeSettings(true, List.of(), "my-jdk:latest"), RELEASE, open,
        tmp.resolve("cache"), BuildListener.SILENT);

    Jmods jmods = modules.of(Platform.LINUX_AMD64);
    assertThat(jmods.version()).isEqualTo(RELEASE + ".0.9");
    assertThat(jmods.origin()).startsWith("JDK image ");

    assertThatThrownBy(() -> modules.of(ARM64))
        .isInstanceOf(BuilderException.class)
        .hasMessageStartingWith("JDK image my-jdk:latest (jdkImage), for the Java runtime of linux/arm64/v8:")
        .hasMessageContaining("is for linux/amd64 only, not linux/arm64/v8");
  }

  /** A JDK image in a tarball (tar://), opened as a base is: its jmods serve the platform it is for. */
  @Test
  void aJdkImageInATarballIsReadAsABaseIs() throws Exception {
    Path onlyBase = Files.createDirectories(tmp.resolve("only-base"));
    Files.copy(Path.of(System.getProperty("java.home"), "jmods/java.base.jmod"), onlyBase.resolve("java.base.jmod"));
    Image arm64 = JdkImageFixture.image(onlyBase, "opt/java/openjdk", "JAVA_VERSION=\"" + RELEASE + ".0.3\"\n"
        + "OS_ARCH=\"aarch64\"\nIMPLEMENTOR=\"Tarball JDK\"\n", ARM64, tmp.resolve("work"));
    new TarballSink(tmp.resolve("jdk.tar")).write(arm64, List.of("jdk:latest"));
    Path cache = tmp.resolve("cache");
    Function<String, ImageSource> open = name -> BaseImages.open(name, tmp, null, new BlobCache(cache), cache, null);
    JdkModules modules = new JdkModules(new RuntimeSettings(true, List.of(), "tar://jdk.tar"), RELEASE, open, cache,
        BuildListener.SILENT);

    Jmods jmods = modules.of(ARM64);
    assertThat(jmods.platform()).isEqualTo(new Platform("linux", "arm64", null));
    assertThat(jmods.vendor()).isEqualTo("Tarball JDK");
    assertThat(jmods.origin()).isEqualTo("JDK image tar://jdk.tar (" + arm64.digest() + ")");
    assertThat(jmods.has("java.base")).isTrue();
  }
}
