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

    assertThat(MainClassResolver.resolve("  com.example.Configured ",
        app(classes("com.example.App", "com.example.Configured"), jar)))
        .contains("com.example.Configured");
  }

  @Test
  void aConfiguredClassMayComeFromADependencyJar() throws IOException {
    Path library = tmp.resolve("library-classes");
    TestProjects.compile(library, Map.of("org.acme.Launcher", TestProjects.classSource("org.acme.Launcher", true)));
    Path jar = tmp.resolve("launcher.jar");
    try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new java.util.jar.JarEntry("org/acme/Launcher.class"));
      out.write(Files.readAllBytes(library.resolve("org/acme/Launcher.class")));
      out.closeEntry();
    }
    JavaApplication app = new JavaApplication(classes(), List.of(new Dependency(jar, "org.acme", "launcher", "1",
        Dependency.Kind.RELEASE)), null, null);

    assertThat(MainClassResolver.resolve("org.acme.Launcher", app)).contains("org.acme.Launcher");
  }

  @Test
  void aConfiguredClassThatIsNowhereIsAnErrorNamingIt() throws IOException {
    JavaApplication app = app(classes("com.example.App"), TestProjects.jar(tmp.resolve("app.jar"), Map.of(), "x"));

    assertThatThrownBy(() -> MainClassResolver.resolve("does.not.Exist", app))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("the main class does.not.Exist is neither in " + tmp.resolve("classes"))
        .hasMessageContaining("nor in any jar of the runtime classpath");
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
        .hasMessageContaining("the mainClass setting");
  }

  @Test
  void aLibraryWithoutMainHasNone() throws IOException {
    Path jar = TestProjects.jar(tmp.resolve("lib.jar"), Map.of(), "x");

    assertThat(MainClassResolver.resolve(null, app(classes(), jar))).isEmpty();
    assertThat(MainClassResolver.resolve(null, app(tmp.resolve("missing"), null))).isEmpty();
  }
}
