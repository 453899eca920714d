package dev.builder.core.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.builder.core.BuilderException;
import dev.builder.core.java.JavaLayers.NamedLayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jib's {@code containerizingMode packaged}: the project's jar, with its manifest, instead of its classes. */
class PackagedLayersTest {
  private static final Instant TIME = Instant.parse("2024-05-06T07:08:09Z");

  @TempDir Path tmp;

  @Test
  void theJarStandsWhereResourcesAndClassesWouldAndLeadsTheClasspath() throws IOException {
    Path classes = tmp.resolve("target/classes");
    TestProjects.compile(classes, Map.of("com.example.App", TestProjects.classSource("com.example.App", true)));
    Path jar = TestProjects.jar(tmp.resolve("target/orders-1.2.jar"),
        Map.of("Implementation-Version", "1.2", "Main-Class", "com.example.App"), "app");
    Dependency lib = new Dependency(TestProjects.jar(tmp.resolve("repo/lib-1.jar"), Map.of(), "lib"), "org.acme",
        "lib", "1", Dependency.Kind.RELEASE);
    JavaApplication app = new JavaApplication(classes, List.of(lib), jar, null);

    JavaLayers.Result result = JavaLayers.build(app, "/srv", TIME, tmp.resolve("layers"), true);

    assertThat(result.layers()).extracting(NamedLayer::name).containsExactly("dependencies", "jar");
    assertThat(result.classpath()).containsExactly("/srv/orders-1.2.jar", "/srv/libs/lib-1.jar");
    List<TarArchiveEntry> entries = JavaLayersTest.entries(result.layers().get(1).layer());
    assertThat(entries).extracting(TarArchiveEntry::getName).containsExactly("srv/", "srv/orders-1.2.jar");
    assertThat(entries.get(1).getSize()).as("the jar as it is").isEqualTo(Files.size(jar));
  }

  @Test
  void withoutAJarItSaysToPackageFirst() {
    JavaApplication app = new JavaApplication(tmp.resolve("target/classes"), List.of(), null, null);

    assertThatThrownBy(() -> JavaLayers.build(app, "/app", TIME, tmp.resolve("layers"), true))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("containerizingMode packaged")
        .hasMessageContaining("mvn package builder:build");
  }
}
