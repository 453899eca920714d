package dev.builder.testing;

import dev.builder.core.BuildListener;
import dev.builder.core.cache.BlobCache;
import dev.builder.core.image.ContainerConfig;
import dev.builder.core.image.Image;
import dev.builder.core.image.Layer;
import dev.builder.core.image.Platform;
import dev.builder.core.registry.CredentialSource;
import dev.builder.core.registry.ImageName;
import dev.builder.core.registry.Registries;
import dev.builder.core.registry.RegistrySource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs an image from a registry the way {@code docker run} would, with no container runtime: pulls it, unpacks its
 * layers in order into a root filesystem, and starts its entrypoint there with the config's user, env and working
 * directory, plus any extra environment (like {@code docker run -e}).
 */
public final class ImageRun {
  private ImageRun() {}

  /** The image as a registry serves it. */
  public static Image pull(String reference, Path cache) {
    try (Registries registries = new Registries(BuildListener.SILENT, CredentialSource.ANONYMOUS, false)) {
      return new RegistrySource(registries, new BlobCache(cache), ImageName.parse(reference))
          .resolve(Platform.LINUX_AMD64)
          .image();
    }
  }

  /** Pulls {@code reference} and starts it; the caller closes the run. */
  public static ContainerRun start(String reference, Path workDirectory, Map<String, String> extraEnv)
      throws IOException {
    // the layers are fetched when start reads them, so the registry connections stay open until it has
    try (Registries registries = new Registries(BuildListener.SILENT, CredentialSource.ANONYMOUS, false)) {
      Image image = new RegistrySource(registries, new BlobCache(workDirectory.resolve("cache")),
          ImageName.parse(reference)).resolve(Platform.LINUX_AMD64).image();
      return start(image, workDirectory, extraEnv);
    }
  }

  /** Starts an image read from anywhere (a registry, a daemon, a layout); the caller closes the run. */
  public static ContainerRun start(Image image, Path workDirectory, Map<String, String> extraEnv) throws IOException {
    Path layers = Files.createDirectories(workDirectory.resolve("layers"));
    Path rootfs = Files.createDirectories(workDirectory.resolve("rootfs"));
    List<Path> files = new ArrayList<>();
    for (Layer layer : image.layers()) {
      Path file = layers.resolve(layer.digest().hex());
      try (InputStream in = layer.blob().open()) {
        Files.copy(in, file);
      }
      files.add(file);
    }
    RootfsUnpacker.unpack(files, rootfs);
    ContainerConfig config = image.config().config();
    Map<String, String> env = new LinkedHashMap<>(config.envMap());
    env.putAll(extraEnv);
    List<String> envList = new ArrayList<>();
    env.forEach((k, v) -> envList.add(k + "=" + v));
    List<String> command = new ArrayList<>(config.entrypoint());
    command.addAll(config.cmd());
    String user = config.user() == null ? "" : config.user();
    String dir = config.workingDir() == null ? "/" : config.workingDir();
    return ContainerRun.start(rootfs, user, envList, dir, command, workDirectory.resolve("container.log"));
  }
}
