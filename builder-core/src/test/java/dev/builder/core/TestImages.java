package dev.builder.core;

import dev.builder.core.image.ConfigFile;
import dev.builder.core.image.ContainerConfig;
import dev.builder.core.image.Image;
import dev.builder.core.image.Layer;
import dev.builder.core.image.Platform;
import dev.builder.core.java.JavaApplication;
import dev.builder.core.java.JavaLayers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small images made the way builder makes them, for tests of where images are written and read. */
public final class TestImages {
  public static final Instant TIME = Instant.parse("2024-01-02T03:04:05Z");

  private TestImages() {}

  /** A linux/amd64 image with one layer ({@code /app/resources/hello.txt} holding {@code text}), made in {@code work}. */
  public static Image small(Path work, String text) {
    return on(List.of(), work, text);
  }

  /** An image of {@code base}'s layers plus one layer of its own ({@code /app/resources/hello.txt}). */
  public static Image on(List<Layer> base, Path work, String text) {
    try {
      Path classes = work.resolve("classes");
      Files.createDirectories(classes);
      Files.writeString(classes.resolve("hello.txt"), text);
      JavaLayers.Result app =
          JavaLayers.build(new JavaApplication(classes, List.of(), null, null), "/app", TIME, work.resolve("layers"));
      List<Layer> layers = new ArrayList<>(base);
      app.layers().forEach(l -> layers.add(l.layer()));
      List<ConfigFile.History> history = new ArrayList<>();
      layers.forEach(l -> history.add(new ConfigFile.History(TIME, "test layer", null, false)));
      ConfigFile config = new ConfigFile(
          Platform.LINUX_AMD64,
          TIME,
          new ContainerConfig("65532", List.of("PATH=/usr/bin:/bin"), List.of("/bin/sh", "-c"),
              List.of("cat /app/resources/hello.txt"), "/app", null, null, null, null),
          List.of(),
          history);
      return Image.of(config, layers, Map.of("org.opencontainers.image.title", "test"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
