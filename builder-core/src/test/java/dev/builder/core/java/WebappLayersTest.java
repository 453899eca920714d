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
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebappLayersTest {
  private static final Instant TIME = Instant.parse("2024-05-06T07:08:09Z");
  private static final String ROOT = "/var/lib/jetty/webapps/ROOT";

  @TempDir
  Path dir;

  @Test
  void anExplodedWarIsLaidOutInTheLayersAJarGets() throws IOException {
    Path webapp = dir.resolve("target/shop-1.0");
    write(webapp.resolve("WEB-INF/lib/util-1.0.jar"));
    write(webapp.resolve("WEB-INF/lib/core-2.0-SNAPSHOT.jar"));
    write(webapp.resolve("WEB-INF/lib/model-1.0.jar"));
    write(webapp.resolve("WEB-INF/classes/com/shop/Servlet.class"));
    write(webapp.resolve("WEB-INF/classes/app.properties"));
    write(webapp.resolve("WEB-INF/web.xml"));
    write(webapp.resolve("index.html"));
    // the repository's snapshot carries a timestamp; maven-war-plugin names it with the base version
    List<Dependency> dependencies = List.of(
        new Dependency(dir.resolve("repo/core-2.0-20240101.120000-3.jar"), "com.shop", "core", "2.0-SNAPSHOT",
            Dependency.Kind.SNAPSHOT),
        new Dependency(dir.resolve("repo/model-1.0.jar"), "com.shop", "model", "1.0", Dependency.Kind.PROJECT));
    JavaApplication app = new JavaApplication(dir.resolve("target/classes"), dependencies, null, null)
        .withWebappDirectory(webapp);

    JavaLayers.Result result = WebappLayers.build(app, ROOT, TIME, dir.resolve("layers"));

    assertThat(result.layers()).extracting(NamedLayer::name).containsExactly("dependencies",
        "snapshot dependencies", "project dependencies", "resources", "classes");
    assertThat(files(result, "dependencies")).containsExactly("var/lib/jetty/webapps/ROOT/WEB-INF/lib/util-1.0.jar");
    assertThat(files(result, "snapshot dependencies"))
        .containsExactly("var/lib/jetty/webapps/ROOT/WEB-INF/lib/core-2.0-SNAPSHOT.jar");
    assertThat(files(result, "project dependencies"))
        .containsExactly("var/lib/jetty/webapps/ROOT/WEB-INF/lib/model-1.0.jar");
    assertThat(files(result, "resources")).containsExactlyInAnyOrder("var/lib/jetty/webapps/ROOT/index.html",
        "var/lib/jetty/webapps/ROOT/WEB-INF/web.xml", "var/lib/jetty/webapps/ROOT/WEB-INF/classes/app.properties");
    assertThat(files(result, "classes"))
        .containsExactly("var/lib/jetty/webapps/ROOT/WEB-INF/classes/com/shop/Servlet.class");
    assertThat(result.classpath()).isEmpty();
    assertThat(result.jarPaths()).containsEntry(dir.resolve("repo/model-1.0.jar"),
        ROOT + "/WEB-INF/lib/model-1.0.jar");
  }

  @Test
  void aMissingExplodedWebappSaysToPackageFirst() {
    JavaApplication app = new JavaApplication(dir.resolve("target/classes"), List.of(), null, null)
        .withWebappDirectory(dir.resolve("target/shop-1.0"));
    assertThatThrownBy(() -> WebappLayers.build(app, ROOT, TIME, dir.resolve("layers")))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("the exploded webapp " + dir.resolve("target/shop-1.0") + " does not exist")
        .hasMessageContaining("Run the package phase first");
  }

  private static void write(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, file.getFileName().toString());
  }

  private static List<String> files(JavaLayers.Result result, String name) throws IOException {
    NamedLayer layer = result.layers().stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
    return JavaLayersTest.entries(layer.layer()).stream().filter(TarArchiveEntry::isFile)
        .map(e -> e.getName().replaceFirst("^\\.?/", "")).toList();
  }
}
