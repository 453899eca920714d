package dev.builder.core.assembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.builder.core.BuilderException;
import dev.builder.core.TestImages;
import dev.builder.core.daemon.DaemonLocator;
import dev.builder.core.daemon.DaemonSource;
import dev.builder.core.image.Image;
import dev.builder.core.image.ImageSource;
import dev.builder.core.image.Platform;
import dev.builder.core.layout.OciLayoutSink;
import dev.builder.core.tarball.TarballSink;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaseImagesTest {
  @TempDir Path project;

  private ImageSource open(String spec) {
    return BaseImages.open(spec, project, null, null, project.resolve("cache"),
        new DaemonLocator("unix://" + project.resolve("no-daemon.sock"), List.of()));
  }

  @Test
  void dockerSchemeReadsFromTheDaemonThatDockerHostNames() {
    ImageSource source = open("docker://eclipse-temurin:17");

    assertThat(source).isInstanceOf(DaemonSource.class);
    assertThatThrownBy(() -> source.resolve(Platform.LINUX_AMD64))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining(
            "no Docker-API daemon answered at DOCKER_HOST=unix://" + project.resolve("no-daemon.sock"));
  }

  @Test
  void theBaseNameADaemonMayKnow() {
    assertThat(BaseImages.nameInDaemon("docker://eclipse-temurin:17")).contains("eclipse-temurin:17");
    assertThat(BaseImages.nameInDaemon("gcr.io/distroless/java17-debian12:nonroot"))
        .contains("gcr.io/distroless/java17-debian12:nonroot");
    assertThat(BaseImages.nameInDaemon("oci-layout://base")).isEmpty();
    assertThat(BaseImages.nameInDaemon("tar://base.tar")).isEmpty();
  }

  @Test
  void refusesAnUnknownScheme() {
    assertThatThrownBy(() -> open("foo://x"))
        .isInstanceOf(BuilderException.class)
        .hasMessage("base image foo://x: unknown scheme; write a registry reference, oci-layout://DIR, tar://FILE or"
            + " docker://NAME");
  }

  @Test
  void refusesAMissingBase() {
    assertThatThrownBy(() -> open("  "))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("no base image given");
  }

  @Test
  void readsAnOciLayoutRelativeToTheProjectByTagOrDigest() {
    Image image = TestImages.small(project.resolve("work"), "base\n");
    new OciLayoutSink(project.resolve("base/layout")).write(image, List.of("17", "latest"));

    assertThat(open("oci-layout://base/layout:17").resolve(Platform.LINUX_AMD64).digest()).isEqualTo(image.digest());
    assertThat(open("oci-layout://base/layout@" + image.digest()).resolve(Platform.LINUX_AMD64).digest())
        .isEqualTo(image.digest());
    assertThat(open("oci-layout://base/layout").resolve(Platform.LINUX_AMD64).digest()).isEqualTo(image.digest());
  }

  @Test
  void readsATarballRelativeToTheProject() {
    Image image = TestImages.small(project.resolve("work"), "base\n");
    new TarballSink(project.resolve("base/image.tar")).write(image, List.of("localhost:5000/base:1"));

    assertThat(open(" tar://base/image.tar ").resolve(Platform.LINUX_AMD64).digest()).isEqualTo(image.digest());
  }

  @Test
  void theDefaultBaseFollowsTheJavaRelease() {
    assertThat(BaseImages.defaultFor(11)).isEqualTo("gcr.io/distroless/java17-debian12:nonroot");
    assertThat(BaseImages.defaultFor(17)).isEqualTo("gcr.io/distroless/java17-debian12:nonroot");
    assertThat(BaseImages.defaultFor(21)).isEqualTo("gcr.io/distroless/java21-debian12:nonroot");
    assertThat(BaseImages.defaultFor(25)).isEqualTo("gcr.io/distroless/java25-debian13:nonroot");
  }
}
