package dev.builder.core.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.builder.core.BuilderException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainClassResolverTest {
  @TempDir Path tmp;

  private Path classes(String... mains) throws IOException {
    Path classes = tmp.resolve("classes");
    Files.createDirectories(classes);
    TestProjects.compile(classes, Map.of("com.example.util.Helper", TestProjects.classSource("com.example.util.Helper", false)));
    for (String main : mains) {
      TestProjects.compile(classes, Map.of(main, TestProjects.classSource(main, true)));
    }
    return classes;
  }

  private JavaApplication app(Path classes, Path jar) {
    return new JavaApplication(classes, List.of(), jar, null);
  }

  @Test
  void theConfiguredClassWins() throws IOException {
    Path jar = TestProjects.jar(tmp.resolve("app.jar"), Map.of("Main-Class", "com.example.FromJar"), "x");

    assertThat(MainClassResolver.resolve("  com.example.Configured ", app(classes("com.example.App"), jar)))
        .contains("com.example.Configured");
  }

  @Test
  void theJarManifestsMainClassComesNext() throws IOException {
    Path jar = TestProjects.jar(tmp.resolve("app.jar"), Map.of("Main-Class", "com.example.FromJar"), "x");

    assertThat(MainClassResolver.resolve(null, app(classes("com.example.App", "com.example.Other"), jar)))
        .contains("com.example.FromJar");
    assertThat(MainClassResolver.resolve(" ", app(classes(), jar))).contains("com.example.FromJar");
  }

  @Test
  void springBootsStartClassWinsOverItsLauncher() throws IOException {
    Path jar = TestProjects.jar(tmp.resolve("boot.jar"),
        Map.of("Main-Class", "org.springframework.boot.loader.launch.JarLauncher",
            "Start-Class", "com.example.BootApp"), "x");

    assertThat(MainClassResolver.resolve(null, app(classes("com.example.App"), jar))).contains("com.example.BootApp");
  }

  @Test
  void aSpringBootLauncherWithoutStartClassIsNotTakenForTheApplication() throws IOException {
    Path jar = TestProjects.jar(tmp.resolve("boot.jar"),
        Map.of("Main-Class", "org.springframework.boot.loader.JarLauncher"), "x");

    assertThat(MainClassResolver.resolve(null, app(classes("com.example.App"), jar))).contains("com.example.App");
  }

  @Test
  void scanningFindsTheOneClassWithAMainMethod() throws IOException {
    assertThat(MainClassResolver.resolve(null, app(classes("com.example.App"), null))).contains("com.example.App");
    assertThat(MainClassResolver.scan(tmp.resolve("classes"))).containsExactly("com.example.App");
  }

  @Test
  void twoMainClassesAreAnErrorThatNamesBoth() throws IOException {
    JavaApplication app = app(classes("com.example.App", "com.example.tools.Migrate"), null);

    assertThatThrownBy(() -> MainClassResolver.resolve(null, app))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("com.example.App")
        .hasMessageContaining("com.example.tools.Migrate")
        .hasMessageContaining("<mainClass>");
  }

  @Test
  void aLibraryWithoutMainHasNone() throws IOException {
    Path jar = TestProjects.jar(tmp.resolve("lib.jar"), Map.of(), "x");

    assertThat(MainClassResolver.resolve(null, app(classes(), jar))).isEmpty();
    assertThat(MainClassResolver.resolve(null, app(tmp.resolve("missing"), null))).isEmpty();
  }
}
