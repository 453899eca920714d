package dev.builder.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builder.core.image.Image;
import dev.builder.core.image.Layer;
import dev.builder.core.image.LayerCompression;
import dev.builder.core.image.Platform;
import dev.builder.core.layout.OciLayoutSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Nothing of the build machine ends up in what builder makes: not its folders (the project's, the base layout's,
 * the home folder), not the user's name, not the build's environment. Checked in the manifest, the config, every
 * tar entry of every layer builder added (names, link names, owners, PAX headers and contents), and the SBOM.
 */
@Tag("maven")
@Tag("registry")
@Tag("root")
class NoLeaksIT {

  @Test
  void theImageHoldsNoPathUserNameOrEnvironmentValueOfTheBuild() throws Exception {
    String secret = "builder-it-secret-" + UUID.randomUUID();
    Path project = Maven.sample("hello-http", "no-leaks");
    Path baseLayout = Fixtures.baseLayout();
    new Maven(project.getParent())
        .run(project, Map.of("BUILDER_IT_SECRET", secret), "package", "builder:build", "builder:sbom",
            "-Dbuilder.repository=registry.example/apps", "-Dbuilder.from=oci-layout://" + baseLayout + ":latest")
        .succeeded();

    List<String> needles = new ArrayList<>(List.of(secret, project.toAbsolutePath().toString(),
        Path.of(System.getProperty("it.work")).toAbsolutePath().toString(), baseLayout.toAbsolutePath().toString()));
    String home = System.getProperty("user.home");
    if (home != null && home.length() > 1) {
      needles.add(home);
    }
    String user = System.getProperty("user.name");
    if (user != null && !user.equals("root")) {
      needles.add(user); // root's name is in every base image's /etc/passwd; its home, /root, is checked instead
    }

    Image image = new OciLayoutSource(project.resolve("target/builder/image"), "latest", "the build's layout")
        .resolve(Platform.LINUX_AMD64).image();
    int baseLayers = new OciLayoutSource(baseLayout, "latest", "base").resolve(Platform.LINUX_AMD64).image()
        .layers().size();
    assertFree("the manifest", new String(image.manifestBytes(), StandardCharsets.UTF_8), needles);
    assertFree("the config", new String(image.configBytes(), StandardCharsets.UTF_8), needles);
    List<Layer> added = image.layers().subList(baseLayers, image.layers().size());
    assertThat(added).as("layers builder added").isNotEmpty();
    for (Layer layer : added) {
      for (String entry : entries(layer)) {
        assertFree("layer " + layer.digest(), entry, needles);
      }
    }
    assertFree("the SBOM", Files.readString(project.resolve("target/builder/sbom.spdx.json")), needles);
  }

  private static void assertFree(String where, String text, List<String> needles) {
    for (String needle : needles) {
      assertThat(text).as("%s must not contain %s", where, needle).doesNotContain(needle);
    }
  }

  /** Every entry of a layer as text: its header fields and its content. */
  private static List<String> entries(Layer layer) throws IOException {
    List<String> entries = new ArrayList<>();
    try (InputStream raw = layer.blob().open();
        InputStream in = LayerCompression.ofMediaType(layer.descriptor().mediaType()).decompress(raw);
        TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        tar.transferTo(content);
        entries.add(String.join("\n", e.getName(), e.getLinkName(), e.getUserName(), e.getGroupName(),
            String.valueOf(e.getExtraPaxHeaders()), content.toString(StandardCharsets.ISO_8859_1)));
      }
    }
    return entries;
  }
}
