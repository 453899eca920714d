package dev.builder.core.build;

import dev.builder.core.BuildListener;
import dev.builder.core.cache.BlobCache;
import dev.builder.core.daemon.DaemonLocator;
import dev.builder.core.image.ConfigFile;
import dev.builder.core.image.ContainerConfig;
import dev.builder.core.image.Image;
import dev.builder.core.image.ImageSource;
import dev.builder.core.image.ImageSource.ResolvedImage;
import dev.builder.core.image.Layer;
import dev.builder.core.java.BytecodeLevel;
import dev.builder.core.java.JavaLayers;
import dev.builder.core.java.JavaLayers.NamedLayer;
import dev.builder.core.java.MainClassResolver;
import dev.builder.core.policy.PolicyCheck;
import dev.builder.core.registry.Registries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds an application image: reads the base, lays the application out in layers on top of it, and writes the
 * config and manifest. Nothing is written outside the request's work and cache folders, and the base is never
 * changed: the result is a new value.
 */
public final class ImageBuilder {
  private final Registries registries;
  private final DaemonLocator daemons;

  /** {@code daemons} says where {@code docker://} bases are read from. */
  public ImageBuilder(Registries registries, DaemonLocator daemons) {
    this.registries = registries;
    this.daemons = daemons;
  }

  /** The image, or empty when the application has no main class (a library module). */
  public Optional<BuiltImage> build(BuildRequest request) {
    BuildListener log = request.listener();
    Optional<String> mainClass = MainClassResolver.resolve(request.mainClass(), request.application());
    if (mainClass.isEmpty() && request.container().entrypoint().isEmpty()) {
      return Optional.empty();
    }
    String baseName = request.baseOrDefault();
    PolicyCheck.checkBase(request.policy(), baseName);
    ImageSource source = BaseImages.open(baseName, request.projectDirectory(), registries,
        new BlobCache(request.cacheDirectory()), request.cacheDirectory(), daemons);
    ResolvedImage base = source.resolve(request.platform());
    log.info("base image " + baseName + " (" + base.digest() + ")");

    JavaLayers.Result app = JavaLayers.build(request.application(), BuildRequest.APP_ROOT, request.creationTime(),
        request.workDirectory().resolve("layers"));
    List<Layer> layers = new ArrayList<>(base.image().layers());
    app.layers().forEach(l -> layers.add(l.layer()));
    for (NamedLayer layer : app.layers()) {
      log.debug("layer " + layer.name() + ": " + layer.layer().digest() + " (" + layer.layer().descriptor().size()
          + " bytes)");
    }
    ConfigFile config = config(request, base.image().config(), mainClass.orElse(null), app);
    Image image = Image.of(config, layers, annotations(request, base));
    PolicyCheck.checkImage(request.policy(), image, base, BytecodeLevel.of(request.application().classesDirectory()));
    return Optional.of(new BuiltImage(image, base, mainClass.orElse(null), app.layers(), app.jarPaths()));
  }

  private static ConfigFile config(BuildRequest request, ConfigFile base, String mainClass, JavaLayers.Result app) {
    ContainerSettings settings = request.container();
    ContainerConfig from = base.config();

    Map<String, String> env = new LinkedHashMap<>(from.envMap());
    env.putAll(new TreeMap<>(settings.environment()));
    List<String> envList = new ArrayList<>();
    env.forEach((k, v) -> envList.add(k + "=" + v));

    List<String> entrypoint = settings.entrypoint();
    if (entrypoint.isEmpty()) {
      entrypoint = new ArrayList<>();
      entrypoint.add("java");
      entrypoint.addAll(settings.jvmFlags());
      entrypoint.add("-cp");
      entrypoint.add(String.join(":", app.classpath()));
      entrypoint.add(mainClass);
    }
    TreeSet<String> ports = new TreeSet<>(from.exposedPorts());
    settings.ports().forEach(p -> ports.add(p.contains("/") ? p : p + "/tcp"));
    TreeSet<String> volumes = new TreeSet<>(from.volumes());
    volumes.addAll(settings.volumes());
    TreeMap<String, String> labels = new TreeMap<>(from.labels());
    labels.putAll(settings.labels());

    ContainerConfig container = new ContainerConfig(
        blank(settings.user()) ? ContainerSettings.DEFAULT_USER : settings.user(),
        envList,
        entrypoint,
        settings.args(),
        blank(settings.workingDirectory()) ? BuildRequest.APP_ROOT : settings.workingDirectory(),
        ports,
        volumes,
        labels,
        from.stopSignal());

    List<ConfigFile.History> history = new ArrayList<>(base.history());
    for (NamedLayer layer : app.layers()) {
      history.add(new ConfigFile.History(request.creationTime(), "builder: " + layer.name(), null, false));
    }
    return new ConfigFile(base.platform(), request.creationTime(), container, base.diffIds(), history);
  }

  private static Map<String, String> annotations(BuildRequest request, ResolvedImage base) {
    Map<String, String> annotations = new TreeMap<>();
    if (request.project() != null) {
      annotations.putAll(request.project().annotations());
    }
    annotations.put("org.opencontainers.image.created", request.creationTime().toString());
    annotations.put("org.opencontainers.image.base.name", base.name());
    annotations.put("org.opencontainers.image.base.digest", base.digest().toString());
    annotations.putAll(request.annotations());
    return annotations;
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
