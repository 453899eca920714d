package dev.builder.core.assembly;

import dev.builder.core.Setting;
import dev.builder.core.BuildListener;
import dev.builder.core.BuilderException;
import dev.builder.core.cache.BlobCache;
import dev.builder.core.daemon.DaemonLocator;
import dev.builder.core.image.ConfigFile;
import dev.builder.core.image.ContainerConfig;
import dev.builder.core.image.Image;
import dev.builder.core.image.ImageIndex;
import dev.builder.core.image.ImageSource;
import dev.builder.core.image.Platform;
import dev.builder.core.image.ImageSource.ResolvedImage;
import dev.builder.core.image.Layer;
import dev.builder.core.inventory.InventoryCache;
import dev.builder.core.inventory.JavaRuntime;
import dev.builder.core.java.BytecodeLevel;
import dev.builder.core.java.JavaLayers;
import dev.builder.core.java.JavaLayers.NamedLayer;
import dev.builder.core.java.JlinkRuntime;
import dev.builder.core.java.LaunchFiles;
import dev.builder.core.java.MainClassResolver;
import dev.builder.core.java.WebappLayers;
import dev.builder.core.policy.PolicyCheck;
import dev.builder.core.registry.Registries;
import dev.builder.core.signing.SignedBase;
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

  /**
   * The image (an index with one image per platform when several are asked for), or empty when the application has
   * no main class (a library module); a war always has one, which its base's servlet container starts.
   */
  public Optional<BuiltImages> build(BuildRequest request) {
    BuildListener log = request.listener();
    boolean war = request.application().isWebapp();
    // a war is started by the base's servlet container, not by a main class of its own
    Optional<String> mainClass = war ? Optional.empty()
        : MainClassResolver.resolve(request.mainClass(), request.application());
    if (!war && mainClass.isEmpty() && request.container().entrypoint().isEmpty()) {
      return Optional.empty();
    }
    // The base is read from the network while the application's layers are made from the disk: on a push with no
    // change both are mostly waiting or loading classes, and a build machine has more than one core. Under
    // requireSignedBase the base is read and its signature checked first, so that no layer is built on an unsigned
    // base: the rule promises that, and its few registry requests cost less than the layers would.
    Background<Bases> reading = request.policy().requireSignedBase()
        ? Background.done(bases(request))
        : Background.start("builder base image", () -> bases(request));
    JavaLayers.Result app;
    int bytecode;
    try {
      // built once: every platform's image shares the same application layers, uploaded once
      ImageSettings settings = request.image();
      app = war ? WebappLayers.build(request.application(), settings.appRoot(),
              settings.filesTime(request.creationTime()), request.workDirectory().resolve("layers"))
          : JavaLayers.build(request.application(), settings.appRoot(), settings.filesTime(request.creationTime()),
              request.workDirectory().resolve("layers"), settings.packaged());
      // not for a war: the container would serve the launch files as pages of the webapp
      if (!war && !request.container().entrypoint().isEmpty()) {
        app = withLaunchFiles(app, mainClass.orElse(null), request);
      }
      bytecode = BytecodeLevel.of(request.application().classesDirectory());
    } catch (RuntimeException e) {
      reading.join(); // a problem with the base is reported first, as when the two ran one after the other
      throw e;
    }
    Bases read = reading.join();
    List<Platform> platforms = read.platforms();
    List<ResolvedImage> bases = read.images();
    if (!request.container().entrypoint().isEmpty() && !request.container().jvmFlags().isEmpty()) {
      log.info("jvmFlags " + request.container().jvmFlags() + " are not used: the entrypoint is "
          + (ContainerSettings.inherits(request.container().entrypoint()) ? "the base's (INHERIT)" : "set")
          + "; put them in the entrypoint, or in JAVA_TOOL_OPTIONS with <environment>");
    }
    if (!request.image().format().hasAnnotations()) {
      log.info("image format docker: the image's annotations (created, base, source, ...) are left out, as Docker's"
          + " manifest has none; the labels stay");
    }
    for (int i = 0; i < platforms.size(); i++) {
      log.info("base image " + request.baseFor(platforms.get(i)) + " (" + bases.get(i).digest() + ")"
          + (platforms.size() > 1 ? " for " + platforms.get(i) : ""));
    }
    for (NamedLayer layer : app.layers()) {
      log.debug("layer " + layer.name() + ": " + layer.layer().digest() + " (" + layer.layer().descriptor().size()
          + " bytes)");
    }
    List<BuiltImage> images = new ArrayList<>();
    JdkModules jdks = jdkModules(request);
    for (int i = 0; i < platforms.size(); i++) {
      ResolvedImage base = bases.get(i);
      List<Layer> layers = new ArrayList<>(base.image().layers());
      Optional<JlinkRuntime.Linked> runtime = runtime(request, jdks, platforms.get(i));
      runtime.ifPresent(r -> layers.add(r.layer()));
      app.layers().forEach(l -> layers.add(l.layer()));
      ConfigFile config = config(request, base.image().config(), platforms.get(i), mainClass.orElse(null), app,
          runtime);
      Image image = Image.of(config, layers, annotations(request, List.of(base)), request.image().format());
      // with a linked runtime the image's own config says its Java, which the check reads as it reads a base's
      ResolvedImage javaSource = runtime.isEmpty() ? base
          : new ResolvedImage(image, base.name() + " with the linked runtime", base.digest());
      PolicyCheck.checkImage(request.policy(), image, javaSource, bytecode,
          new InventoryCache(request.cacheDirectory())::of);
      images.add(new BuiltImage(image, base, mainClass.orElse(null), app.layers(), app.jarPaths(),
          runtime.map(r -> new JavaRuntime(JlinkRuntime.HOME, r.version(), r.vendor(), r.modules(), r.origin()))));
    }
    if (images.size() == 1) {
      return Optional.of(BuiltImages.single(images.get(0)));
    }
    ImageIndex index = ImageIndex.of(images.stream().map(BuiltImage::image).toList(), annotations(request, bases),
        request.image().format());
    return Optional.of(new BuiltImages(images, Optional.of(index)));
  }

  /**
   * Where linked runtimes take their modules from; JDK images are opened once per name, as bases are, under the
   * policy's rules on base names (allowed, pinned). A signature is not required of them: requireSignedBase is about
   * the base.
   */
  private JdkModules jdkModules(BuildRequest request) {
    Map<String, ImageSource> sources = new LinkedHashMap<>();
    return new JdkModules(request.runtime(), request.javaRelease(), name -> sources.computeIfAbsent(name, n -> {
      PolicyCheck.checkJdkImage(request.policy(), n); // before anything is pulled, as for a base
      return BaseImages.open(n, request.projectDirectory(), registries, new BlobCache(request.cacheDirectory()),
          request.cacheDirectory(), daemons);
    }), request.cacheDirectory(), request.listener());
  }

  /**
   * The application's layers and, after them, the classpath and main class as files: a launch command of the user's
   * own (or the base's) reads them, as builder's own reads neither.
   */
  private static JavaLayers.Result withLaunchFiles(JavaLayers.Result app, String mainClass, BuildRequest request) {
    List<NamedLayer> layers = new ArrayList<>(app.layers());
    LaunchFiles.build(app.classpath(), mainClass, request.image().appRoot(),
        request.image().filesTime(request.creationTime()), request.workDirectory().resolve("launch"))
        .ifPresent(layers::add);
    return new JavaLayers.Result(layers, app.classpath(), app.jarPaths());
  }

  /** The runtime builder links for {@code platform}, when asked to instead of using the base's Java. */
  private static Optional<JlinkRuntime.Linked> runtime(BuildRequest request, JdkModules jdks, Platform platform) {
    if (!request.runtime().jlink()) {
      return Optional.empty();
    }
    JlinkRuntime.requireRelease(request.javaRelease()); // before a JDK image is pulled for nothing
    JlinkRuntime.Linked linked = JlinkRuntime.link(request.application(), request.javaRelease(),
        request.runtime().jlinkModules(), jdks.of(platform), request.creationTime(), request.cacheDirectory(),
        request.listener());
    request.listener().debug("layer java runtime: " + linked.layer().digest() + " ("
        + linked.layer().descriptor().size() + " bytes)");
    return Optional.of(linked);
  }

  /** The platforms to build and the base of each, in that order. */
  private Bases bases(BuildRequest request) {
    Map<String, ImageSource> sources = new LinkedHashMap<>();
    List<Platform> platforms = platforms(request, sources);
    List<ResolvedImage> bases = new ArrayList<>();
    for (Platform platform : platforms) {
      ResolvedImage base = source(request, request.baseFor(platform), sources).resolve(platform);
      if (request.policy().requireSignedBase()) {
        new SignedBase(registries).require(request.baseFor(platform), base.digest(), request.policy().baseKeys());
        request.listener().info("base image " + request.baseFor(platform) + " (" + base.digest()
            + ") is signed by one of the " + request.policy().baseKeys().size() + " trusted key(s)");
      }
      bases.add(base);
      request.listener().baseResolved(base);
    }
    return new Bases(platforms, bases);
  }

  private record Bases(List<Platform> platforms, List<ResolvedImage> images) {}

  /**
   * The platforms to build: those listed, or for {@code all} every platform of the base image and of
   * {@code platformBases} (only the latter when no base is set but platform bases are).
   */
  private List<Platform> platforms(BuildRequest request, Map<String, ImageSource> sources) {
    if (!request.platforms().all()) {
      return request.platforms().listed();
    }
    List<Platform> all = new ArrayList<>();
    boolean baseSet = request.base() != null && !request.base().isBlank();
    if (baseSet || request.platformBases().isEmpty()) {
      all.addAll(source(request, request.baseOrDefault(), sources).platforms());
    }
    for (Platform platform : request.platformBases().keySet()) {
      if (all.stream().noneMatch(platform::sameAs)) {
        all.add(platform);
      }
    }
    if (all.isEmpty()) {
      throw new BuilderException("base image " + request.baseOrDefault() + " lists no platform to build for;"
          + " name the platforms with " + Setting.PLATFORMS.mention());
    }
    return all;
  }

  /** The source of a base, opened once per name; the policy allows the name before anything is read. */
  private ImageSource source(BuildRequest request, String baseName, Map<String, ImageSource> sources) {
    return sources.computeIfAbsent(baseName, name -> {
      PolicyCheck.checkBase(request.policy(), name);
      return BaseImages.open(name, request.projectDirectory(), registries, new BlobCache(request.cacheDirectory()),
          request.cacheDirectory(), daemons);
    });
  }

  private static ConfigFile config(
      BuildRequest request, ConfigFile base, Platform platform, String mainClass, JavaLayers.Result app,
      Optional<JlinkRuntime.Linked> runtime) {
    ContainerSettings settings = request.container();
    ContainerConfig from = base.config();

    Map<String, String> env = new LinkedHashMap<>(from.envMap());
    runtime.ifPresent(r -> {
      // as Java bases say it: the policy check, SBOM tools and scripts in the image read these
      env.put("JAVA_HOME", JlinkRuntime.HOME);
      env.put("JAVA_VERSION", r.version());
      String path = env.getOrDefault("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
      env.put("PATH", JlinkRuntime.HOME + "/bin" + (path.isEmpty() ? "" : ":" + path));
    });
    env.putAll(new TreeMap<>(settings.environment()));
    List<String> envList = new ArrayList<>();
    env.forEach((k, v) -> envList.add(k + "=" + v));

    List<String> entrypoint = settings.entrypoint();
    List<String> cmd = settings.args();
    boolean inherit = ContainerSettings.inherits(entrypoint);
    if (inherit) {
      if (from.entrypoint().isEmpty() && from.cmd().isEmpty()) {
        throw new BuilderException("<entrypoint>INHERIT</entrypoint> keeps the base's entrypoint and command, but "
            + request.baseFor(platform) + " has neither: set <entrypoint> to the command that starts the"
            + " application, or leave it out for builder's java command");
      }
      entrypoint = from.entrypoint();
      cmd = settings.args().isEmpty() ? from.cmd() : settings.args();
    } else if (entrypoint.isEmpty() && request.application().isWebapp()) {
      throw new BuilderException("a war is started by its base's servlet container: set <entrypoint>INHERIT</entrypoint>"
          + " (the default for a war) or the container's own start command");
    } else if (entrypoint.isEmpty()) {
      entrypoint = new ArrayList<>();
      entrypoint.add(runtime.isPresent() ? JlinkRuntime.HOME + "/bin/java" : "java");
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

    // the base's own launch expects its own user and folder; never root, though, unless asked for
    String user = !blank(settings.user()) ? settings.user()
        : inherit && !blank(from.user()) && !isRoot(from.user()) ? from.user() : ContainerSettings.DEFAULT_USER;
    String workingDirectory = !blank(settings.workingDirectory()) ? settings.workingDirectory()
        : inherit && !blank(from.workingDir()) ? from.workingDir() : request.image().appRoot();
    ContainerConfig container = new ContainerConfig(
        user,
        envList,
        entrypoint,
        cmd,
        workingDirectory,
        ports,
        volumes,
        labels,
        from.stopSignal());

    List<ConfigFile.History> history = new ArrayList<>(base.history());
    runtime.ifPresent(r -> history.add(new ConfigFile.History(request.creationTime(), "builder: java runtime "
        + r.version() + " (jlink: " + String.join(",", r.modules()) + ")", null, false)));
    for (NamedLayer layer : app.layers()) {
      history.add(new ConfigFile.History(request.creationTime(), "builder: " + layer.name(), null, false));
    }
    return new ConfigFile(platformOf(base, platform), request.creationTime(), container, base.diffIds(), history);
  }

  /**
   * The base's platform, with the variant asked for when the base's config names none (many arm64 configs do not),
   * so that the index entry and the config say the same.
   */
  private static Platform platformOf(ConfigFile base, Platform asked) {
    Platform own = base.platform();
    return own.variant() == null && asked.variant() != null && own.architecture().equals(asked.architecture())
        ? new Platform(own.os(), own.architecture(), asked.variant())
        : own;
  }

  /**
   * The annotations of an image, or of the index over several: the base's name and digest only where every image
   * stands on the same base, as an index over separately published bases has no single one.
   */
  private static Map<String, String> annotations(BuildRequest request, List<ResolvedImage> bases) {
    Map<String, String> annotations = new TreeMap<>();
    if (request.project() != null) {
      annotations.putAll(request.project().annotations());
    }
    annotations.put("org.opencontainers.image.created", request.creationTime().toString());
    ResolvedImage first = bases.get(0);
    if (bases.stream().allMatch(b -> b.name().equals(first.name()) && b.digest().equals(first.digest()))) {
      annotations.put("org.opencontainers.image.base.name", first.name());
      annotations.put("org.opencontainers.image.base.digest", first.digest().toString());
    }
    annotations.putAll(request.annotations());
    return annotations;
  }

  private static boolean isRoot(String user) {
    String name = user.split(":", 2)[0].trim();
    return name.equals("0") || name.equals("root");
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
