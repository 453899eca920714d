package dev.builder.maven;

import dev.builder.core.BuildListener;
import dev.builder.core.BuilderException;
import dev.builder.core.assembly.BuildRequest;
import dev.builder.core.assembly.ContainerSettings;
import dev.builder.core.assembly.BaseImages;
import dev.builder.core.assembly.ImageSettings;
import dev.builder.core.assembly.ImageTimes;
import dev.builder.core.assembly.PlatformSelection;
import dev.builder.core.assembly.RuntimeSettings;
import dev.builder.core.credentials.CredentialEnvironment;
import dev.builder.core.daemon.DaemonLocator;
import dev.builder.core.image.ImageFormat;
import dev.builder.core.image.Platform;
import dev.builder.core.java.JavaApplication;
import dev.builder.core.java.SpringBootRepackage;
import dev.builder.core.policy.ImagePolicy;
import dev.builder.core.policy.PolicyInheritance;
import dev.builder.core.registry.ImageName;
import dev.builder.core.registry.PlainHttpMemory;
import dev.builder.core.registry.Registries;
import dev.builder.core.signing.PublicKeys;
import dev.builder.sbom.SbomFormat;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.maven.plugin.logging.Log;

/**
 * Turns the plugin's parameters into builder-core's requests, checking each value on the way: a wrong one fails with
 * a message that names the parameter and the fix, before anything is built or pushed. Nothing here builds anything.
 */
final class ImageRequests {
  /** The repository that means the local Docker or Podman daemon, as ko's {@code ko.local}. */
  static final String LOCAL_REPOSITORY = "builder.local";

  private final ImageParameters p;
  private final Map<String, String> environment;

  ImageRequests(ImageParameters parameters) {
    this(parameters, System.getenv());
  }

  /** {@code environment} stands for the process's: {@code BUILDER_REPO}, {@code DOCKER_HOST}, ... */
  ImageRequests(ImageParameters parameters, Map<String, String> environment) {
    this.p = parameters;
    this.environment = environment;
  }

  /** The image name without tag: {@code image}, else {@code repository/artifactId}, else empty. */
  Optional<ImageName> targetName() {
    return ImageNaming.target(p.image, repository(), blank(p.repository) ? "the environment variable BUILDER_REPO"
        : "<repository> or -Dbuilder.repository", p.project.getArtifactId());
  }

  /** The target name, which {@code push} cannot do without. */
  ImageName pushTarget() {
    if (toDaemon()) {
      throw new BuilderException(LOCAL_REPOSITORY + " is the local daemon, not a registry that Kubernetes can pull from"
          + " by digest: set -Dbuilder.repository=REGISTRY/PATH for this goal (builder:push and builder:load load into"
          + " the daemon).");
    }
    return targetName().orElseThrow(() -> new BuilderException(
        "no repository to push " + p.project.getArtifactId() + " to. Set <repository> in the plugin configuration,"
            + " -Dbuilder.repository=REGISTRY/PATH or the environment variable BUILDER_REPO,"
            + " for example localhost:5000/apps"));
  }

  private String repository() {
    return blank(p.repository) ? environment.get("BUILDER_REPO") : p.repository;
  }

  /** True when the repository is {@code builder.local}: the image goes to the local daemon, not to a registry. */
  boolean toDaemon() {
    String repo = repository();
    return repo != null && repo.trim().equals(LOCAL_REPOSITORY);
  }

  /** The image's name in the daemon: {@code image} when set (checked as {@link #targetName} does), else artifactId. */
  String localName() {
    if (blank(p.image)) {
      return ImageNaming.local(p.project.getArtifactId());
    }
    targetName(); // a valid name, with no tag or digest of its own
    return p.image.trim();
  }

  /** The name the build's outputs carry: the daemon's, the target's, else one made from the artifactId. */
  String displayName() {
    return toDaemon() ? localName()
        : targetName().map(ImageName::repositoryName).orElse(ImageNaming.fromArtifactId(p.project.getArtifactId()));
  }

  DaemonLocator daemons() {
    return DaemonLocator.of(blank(p.dockerHost) ? environment.get("DOCKER_HOST") : p.dockerHost,
        environment.get("XDG_RUNTIME_DIR"));
  }

  /** The tags, checked: {@code tags}, else the project version and {@code latest}. */
  List<String> tags(ImageName name) {
    List<String> list = new ArrayList<>();
    String version = p.project.getVersion();
    boolean byDefault = p.tags == null || p.tags.isEmpty();
    for (String tag : byDefault ? List.of(version, "latest") : p.tags) {
      String t = tag.trim();
      if (byDefault && t.equals(version) && !ImageName.isValidTag(t)) {
        // the user wrote no tag: say where this one came from, and give one that works
        String suggested = t.replaceAll("[^A-Za-z0-9_.-]", "_").replaceFirst("^[.-]", "_");
        suggested = suggested.substring(0, Math.min(128, suggested.length()));
        throw new BuilderException("the project version '" + t + "' is not a valid image tag, and builder tags"
            + " images with the project version unless tags are set: a tag has up to 128 letters, digits, '_', '.'"
            + " and '-', and does not start with '.' or '-'. Set <tags> in the plugin configuration or"
            + " -Dbuilder.tags, for example -Dbuilder.tags=" + suggested + ",latest");
      }
      if (!t.isEmpty() && !list.contains(t)) {
        name.withTag(t); // validates
        list.add(t);
      }
    }
    return list;
  }

  /** The SBOM format, checked, so that a wrong one fails before anything is pushed. */
  SbomFormat sbomFormat() {
    return SbomFormat.parse(p.sbom);
  }

  /** The registry connections of one build: credentials, CAs, mirrors, proxies and network settings. */
  Registries registries(BuildListener listener) {
    if (p.registryTimeout < 1) {
      throw new BuilderException("builder.registryTimeout must be at least 1 (seconds), not " + p.registryTimeout);
    }
    if (p.retries < 0) {
      throw new BuilderException("builder.retries must be 0 or more, not " + p.retries);
    }
    if (p.retryTime < 0) {
      throw new BuilderException("builder.retryTime must be 0 or more (seconds), not " + p.retryTime);
    }
    return new Registries(listener, RegistryAccess.options(p.auth, p.caCertificates, p.allowInsecureRegistries,
        RegistryAccess.mirrors(p.registryMirrors, p.registryMirrorList), p.session.getSettings(),
        p.settingsDecrypter, CredentialEnvironment.ofThisProcess(), listener)
        .withNetwork(p.registryTimeout, p.retries, p.retryTime),
        new PlainHttpMemory(p.cacheDirectory.toPath().resolve("plain-http")));
  }

  /** Everything builder-core needs to build this project's image. */
  BuildRequest buildRequest(BuildListener listener, Log log) {
    boolean war = WarWebapp.isWar(p.project);
    return new BuildRequest(
        p.from,
        platformBases(),
        ProjectReader.javaRelease(p.project),
        platforms(),
        p.project.getBasedir().toPath(),
        application(log),
        p.mainClass,
        new ContainerSettings(list(p.jvmFlags), list(p.args), war ? WarWebapp.entrypoint(list(p.entrypoint))
            : list(p.entrypoint), map(p.environment), labels(),
            list(p.ports), list(p.volumes), p.user, p.workingDirectory),
        ProjectReader.info(p.project, ProjectSource.of(p.project, p.session).orElse(null)),
        map(p.annotations),
        ImageTimes.parse(p.creationTime, "creationTime", fileTime(), Clock.systemUTC()),
        p.workDirectory.toPath(),
        p.cacheDirectory.toPath(),
        policy(),
        listener,
        RuntimeSettings.of(p.runtime, list(p.jlinkModules), p.jdkImage),
        new ImageSettings(ImageFormat.parse(p.format), war && blank(p.appRoot) ? BaseImages.WAR_APP_ROOT : p.appRoot,
            ImageTimes.parse(p.filesModificationTime,
            "filesModificationTime", fileTime(), Clock.systemUTC()), ImageSettings.packaged(p.containerizingMode)));
  }

  /** The time builder stamps on files by default: project.build.outputTimestamp, else SOURCE_DATE_EPOCH, else 1970. */
  private java.time.Instant fileTime() {
    return ProjectReader.creationTime(p.outputTimestamp, environment.get("SOURCE_DATE_EPOCH"));
  }

  /** The application as the image holds it; one line says which jars were left out, and how to keep them. */
  private JavaApplication application(Log log) {
    LaunchConventions.check(p.project);
    Optional<SpringBootRepackage> springBoot = SpringBootPlugin.repackage(p.project, p.session.getUserProperties());
    Map<String, List<String>> leftOut = new LinkedHashMap<>();
    JavaApplication application = ProjectReader.application(p.project, p.session.getProjects(),
        p.extraDirectory.toPath(), springBoot, p.includeDevtools,
        (artifact, why) -> leftOut.computeIfAbsent(why, k -> new ArrayList<>()).add(artifact.getArtifactId()))
        .withExtraDirectories(ExtraDirectoriesParameter.toCore(p.extraDirectories, p.project.getBasedir().toPath()));
    if (WarWebapp.isWar(p.project)) {
      application = application.withWebappDirectory(WarWebapp.directory(p.project));
    }
    if (!leftOut.isEmpty()) {
      String jars = leftOut.entrySet().stream().map(e -> String.join(", ", e.getValue()) + " (" + e.getKey() + ")")
          .collect(Collectors.joining("; "));
      String devtools = leftOut.containsKey("excludeDevtools") || leftOut.containsKey("DevTools")
          ? ". DevTools must not run in production; for a debug image keep them with -Dbuilder.includeDevtools=true"
          : "";
      log.info("builder: left out of the image" + (springBoot.isPresent()
          ? ", as spring-boot-maven-plugin's repackage leaves them out of BOOT-INF/lib: " : ": ") + jars + devtools);
    }
    return application;
  }

  /** {@code platforms}, or the former {@code platform}; both at once is a mistake the user should hear about. */
  PlatformSelection platforms() {
    String list = String.join(",", list(p.platforms));
    if (!blank(p.platform) && !list.isEmpty()) {
      throw new BuilderException("both builder.platform (" + p.platform + ") and builder.platforms (" + list
          + ") are set; set only platforms, the list that replaced platform");
    }
    return PlatformSelection.parse(list.isEmpty() ? p.platform : list);
  }

  Map<Platform, String> platformBases() {
    Map<Platform, String> map = new LinkedHashMap<>();
    for (PlatformBase base : p.platformBases == null ? List.<PlatformBase>of() : p.platformBases) {
      if (base == null || blank(base.platform) || blank(base.from)) {
        throw new BuilderException("every <platformBase> needs a <platform> (such as linux/arm64) and a <from> (the"
            + " base image for it)");
      }
      Platform parsed = Platform.parse(base.platform);
      if (map.keySet().stream().anyMatch(parsed::sameAs)) {
        throw new BuilderException("<platformBases> names platform " + parsed + " twice; give each platform one base");
      }
      map.put(parsed, base.from.trim());
    }
    return map;
  }

  /** The policy this module's configuration gives, checked against what its parent POM lets it loosen. */
  ImagePolicy policy() {
    Optional<ParentPolicy.Declared> parent = ParentPolicy.of(p.project);
    ImagePolicy effective = new ImagePolicy(p.allowedBaseImages, p.requireBaseDigest, p.requiredLabels,
        p.requiredAnnotations, p.checkJavaVersion, p.requireSignedBase,
        p.requireSignedBase ? baseKeys(parent) : List.of());
    parent.ifPresent(declared ->
        PolicyInheritance.check(declared.policy(), effective, declared.allowOverrides(), declared.parentName()));
    return effective;
  }

  /**
   * The keys of {@code baseKeys}, read. A module inherits its parent's {@code <baseKeys>} as written, so a path the
   * parent declares is the parent's, relative to the parent's folder; any other, to this module's.
   */
  private List<PublicKey> baseKeys(Optional<ParentPolicy.Declared> parent) {
    List<PublicKey> keys = new ArrayList<>();
    for (String path : p.baseKeys == null ? List.<String>of() : p.baseKeys) {
      if (blank(path)) {
        continue;
      }
      Path declaredByParent = parent.map(d -> d.keyFiles().get(path.trim())).orElse(null);
      keys.add(PublicKeys.read(declaredByParent != null ? declaredByParent
          : p.project.getBasedir().toPath().resolve(path.trim())));
    }
    return keys;
  }

  /** {@code labels}, with {@code -Dbuilder.labels=k=v,k2=v2} added over them. */
  Map<String, String> labels() {
    Map<String, String> all = new LinkedHashMap<>(map(p.labels));
    if (!blank(p.labelList)) {
      for (String pair : p.labelList.split(",")) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          throw new BuilderException("builder.labels: '" + pair + "' is not key=value; write -Dbuilder.labels=k=v,k2=v2");
        }
        all.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
      }
    }
    return all;
  }

  private static List<String> list(List<String> value) {
    return value == null ? List.of() : value.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private static Map<String, String> map(Map<String, String> value) {
    Map<String, String> copy = new LinkedHashMap<>();
    if (value != null) {
      value.forEach((k, v) -> copy.put(k, v == null ? "" : v));
    }
    return copy;
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
