package dev.builder.maven;

import dev.builder.core.BuildListener;
import dev.builder.core.BuilderException;
import dev.builder.core.assembly.Background;
import dev.builder.core.assembly.BaseImages;
import dev.builder.core.assembly.BuildOutputs;
import dev.builder.core.assembly.BuildRequest;
import dev.builder.core.assembly.BuiltImage;
import dev.builder.core.assembly.BuiltImages;
import dev.builder.core.assembly.PlatformSelection;
import dev.builder.core.assembly.RuntimeSettings;
import dev.builder.core.assembly.ContainerSettings;
import dev.builder.core.assembly.ImageBuilder;
import dev.builder.core.credentials.CredentialEnvironment;
import dev.builder.core.daemon.DaemonLocator;
import dev.builder.core.daemon.DaemonSink;
import dev.builder.core.daemon.DaemonSink.LoadResult;
import dev.builder.core.image.Digest;
import dev.builder.core.image.ImageIndex;
import dev.builder.core.java.JavaApplication;
import dev.builder.core.java.SpringBootRepackage;
import dev.builder.core.image.Platform;
import dev.builder.core.registry.ImageName;
import dev.builder.core.registry.PlainHttpMemory;
import dev.builder.core.registry.Registries;
import dev.builder.core.registry.Attachments;
import dev.builder.core.registry.Attachments.Attached;
import dev.builder.core.registry.RegistrySink;
import dev.builder.core.registry.RegistrySink.PushResult;
import dev.builder.core.registry.UploadLedger;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.builder.core.inventory.InventoryCache;
import dev.builder.core.policy.ImagePolicy;
import dev.builder.core.policy.PolicyInheritance;
import dev.builder.sbom.JavaArtifact;
import dev.builder.sbom.Sbom;
import dev.builder.sbom.SbomAssembler;
import dev.builder.sbom.SbomFormat;
import dev.builder.sbom.SbomInput;
import dev.builder.sbom.SbomWriter;
import dev.builder.sbom.SbomWriters;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.project.ProjectBuilder;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

/**
 * The configuration that {@code build}, {@code push} and {@code load} share, the one call that turns it into an
 * image, and the one that loads the image into the local daemon.
 */
abstract class AbstractBuilderMojo extends AbstractMojo {
  /** The repository that means the local Docker or Podman daemon, as ko's {@code ko.local}. */
  static final String LOCAL_REPOSITORY = "builder.local";

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  protected MavenProject project;

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  protected MavenSession session;

  /** Base image: a registry reference, {@code oci-layout://DIR} or {@code tar://FILE}. Default: distroless Java. */
  @Parameter(property = "builder.from")
  protected String from;

  /**
   * Where the image's Java comes from: {@code base} (the base image's) or {@code jlink} (a runtime linked from the
   * build JDK, cut to the modules the application uses, on a base without Java).
   */
  @Parameter(property = "builder.runtime", defaultValue = "base")
  protected String runtime;

  /** Modules added to a {@code jlink} runtime, for services loaded by name, such as {@code jdk.localedata}. */
  @Parameter(property = "builder.jlinkModules")
  protected List<String> jlinkModules;

  /**
   * Registry and path the image goes to, such as {@code ghcr.io/acme}; the image is REPOSITORY/artifactId.
   * {@code builder.local} means the local Docker or Podman daemon: {@code push} loads the image there.
   */
  @Parameter(property = "builder.repository")
  protected String repository;

  /** The whole image name, such as {@code ghcr.io/acme/orders}; overrides {@code repository}. */
  @Parameter(property = "builder.image")
  protected String image;

  /** Tags to push; default: the project version and {@code latest}. */
  @Parameter(property = "builder.tags")
  protected List<String> tags;

  /** The class to run; default: from the jar manifest, else the one class with a main method. */
  @Parameter(property = "builder.mainClass")
  protected String mainClass;

  /** JVM flags placed before the main class, such as {@code -XX:MaxRAMPercentage=75}. */
  @Parameter(property = "builder.jvmFlags")
  protected List<String> jvmFlags;

  /** Arguments passed to the main class (the image's Cmd). */
  @Parameter(property = "builder.args")
  protected List<String> args;

  /** A whole entrypoint that replaces the Java command. */
  @Parameter
  protected List<String> entrypoint;

  /** Environment variables of the container. */
  @Parameter
  protected Map<String, String> environment;

  /** Image config labels. */
  @Parameter
  protected Map<String, String> labels;

  /** More labels from the command line: {@code -Dbuilder.labels=k=v,k2=v2}. */
  @Parameter(property = "builder.labels")
  protected String labelList;

  /** Manifest annotations added to (and overriding) the ones builder fills from the POM. */
  @Parameter
  protected Map<String, String> annotations;

  /** Ports the container listens on, such as {@code 8080} or {@code 53/udp}. */
  @Parameter
  protected List<String> ports;

  /** Volume mount points. */
  @Parameter
  protected List<String> volumes;

  /** User (and group) the container runs as; default {@code 65532:65532}, non-root. */
  @Parameter(property = "builder.user")
  protected String user;

  /** Working directory of the container; default {@code /app}. */
  @Parameter
  protected String workingDirectory;

  /** Files copied to the image root as they are. */
  @Parameter(defaultValue = "${project.basedir}/src/main/builder")
  protected File extraDirectory;

  /**
   * Keep Spring Boot's DevTools in the image, for a debug image only: builder leaves {@code spring-boot-devtools} out
   * by default, as Spring's {@code repackage} does, because DevTools must never run in production.
   */
  @Parameter(property = "builder.includeDevtools", defaultValue = "false")
  protected boolean includeDevtools;

  /**
   * Platforms to build for, such as {@code linux/amd64,linux/arm64,linux/arm/v7}, or {@code all} for every platform of
   * the base image. Default: {@code linux/amd64}. More than one gives an OCI image index under every tag. In the POM
   * either {@code <platforms>linux/amd64,linux/arm64</platforms>} or one {@code <platform>} element each.
   */
  @Parameter(property = "builder.platforms")
  protected List<String> platforms;

  /** The former name of {@code platforms}, for one platform; kept so that it is never silently ignored. */
  @Parameter(property = "builder.platform")
  protected String platform;

  /**
   * A base image per platform, for bases published as separate tags rather than as one index:
   * {@code <platformBase><platform>linux/arm64</platform><from>REF</from></platformBase>}. Platforms not named here
   * stand on {@code from}.
   */
  @Parameter
  protected List<PlatformBase> platformBases;

  /** Where base layers are kept between builds. */
  @Parameter(property = "builder.cacheDirectory", defaultValue = "${user.home}/.cache/builder")
  protected File cacheDirectory;

  /**
   * Credentials for the base image's registry ({@code <from>}) and the target's ({@code <to>}): {@code <username>}
   * and {@code <password>} (write {@code ${env.VARIABLE}}, not the password itself), or a credential {@code <helper>}
   * ({@code pass} runs {@code docker-credential-pass}). Without them, builder looks in settings.xml servers, the
   * Docker config, the Podman auth file and known credential helpers, in that order.
   */
  @Parameter
  protected Auth auth;

  /** PEM files of CAs to trust, besides the JVM's trust store, for registries with a private CA. */
  @Parameter(property = "builder.caCertificates")
  protected List<File> caCertificates;

  /**
   * The daemon {@code load} (and {@code docker://} bases) talk to: {@code unix:///path/to/docker.sock} or
   * {@code tcp://host:2375}. Default: {@code $DOCKER_HOST}, else Docker's socket, else Podman's.
   */
  @Parameter(property = "builder.dockerHost")
  protected String dockerHost;

  /** Allow plain HTTP and unverified HTTPS to registries that are not on this machine. */
  @Parameter(property = "builder.allowInsecureRegistries", defaultValue = "false")
  protected boolean allowInsecureRegistries;

  /**
   * Seconds a registry may stay silent, while connecting or before answering a request, until the request fails.
   * A registry that never answers fails the build after this long, once.
   */
  @Parameter(property = "builder.registryTimeout", defaultValue = "20")
  protected int registryTimeout;

  /** How many times a registry request is tried again after a fault that may pass (timeouts, resets, 429, 5xx). */
  @Parameter(property = "builder.retries", defaultValue = "4")
  protected int retries;

  /** Seconds, from a registry request's first try, after which no retry of it starts. */
  @Parameter(property = "builder.retryTime", defaultValue = "60")
  protected int retryTime;

  /**
   * Mirrors that base image pulls try, in order, before the registry itself (Jib's spelling):
   * {@code <mirror><registry>docker.io</registry><mirrors><mirror>mirror.acme.example</mirror></mirrors></mirror>}.
   * Pushes never go to a mirror.
   */
  @Parameter
  protected List<RegistryMirror> registryMirrors;

  /**
   * Mirrors from the command line, replacing those of the POM for the registries named:
   * {@code -Dbuilder.registryMirrors=docker.io=mirror.acme.example,mirror2.acme.example;quay.io=mirror.acme.example}.
   */
  @Parameter(property = "builder.registryMirrors")
  protected String registryMirrorList;

  /** Skip builder entirely. */
  @Parameter(property = "builder.skip", defaultValue = "false")
  protected boolean skip;

  /** Glob patterns the base image must match, such as {@code registry.acme.example/base/*}; empty allows all. */
  @Parameter(property = "builder.allowedBaseImages")
  protected List<String> allowedBaseImages;

  /** The base image must be pinned by digest. */
  @Parameter(property = "builder.requireBaseDigest", defaultValue = "false")
  protected boolean requireBaseDigest;

  /** Config label keys every image must carry. */
  @Parameter(property = "builder.requiredLabels")
  protected List<String> requiredLabels;

  /** Manifest annotation keys every image must carry. */
  @Parameter(property = "builder.requiredAnnotations")
  protected List<String> requiredAnnotations;

  /** Fail when the base image's Java is older than the bytecode the project compiles to. */
  @Parameter(property = "builder.checkJavaVersion", defaultValue = "true")
  protected boolean checkJavaVersion;

  /** In a parent POM: the policy settings that modules may loosen (by default, none). */
  @Parameter
  protected List<String> allowOverrides;

  /** SBOM format written by {@code sbom} and attached by {@code push}: spdx, cyclonedx, spdx3 or none. */
  @Parameter(property = "builder.sbom", defaultValue = "spdx")
  protected String sbom;

  /**
   * A private key that {@code push} signs every pushed digest with, as {@code cosign sign --key} does: a PEM PKCS#8
   * EC P-256 key ({@code openssl genpkey}) or cosign's encrypted {@code cosign.key}, whose password comes from
   * {@code BUILDER_SIGNING_PASSWORD}, {@code COSIGN_PASSWORD} or the settings.xml server {@code builder-signing}.
   */
  @Parameter(property = "builder.signingKey")
  protected File signingKey;

  /** SLSA provenance attached by {@code push}: {@code slsa} (signed with {@code signingKey} when set) or none. */
  @Parameter(property = "builder.provenance", defaultValue = "slsa")
  protected String provenance;

  @Parameter(defaultValue = "${plugin}", readonly = true)
  protected PluginDescriptor plugin;

  @Component
  protected ProjectBuilder projectBuilder;

  @Component
  protected RepositorySystem repositorySystem;

  /** Maven's own decryption of settings.xml passwords ({@code mvn --encrypt-password}). */
  @Component
  protected SettingsDecrypter settingsDecrypter;

  @Parameter(defaultValue = "${project.build.outputTimestamp}", readonly = true)
  protected String outputTimestamp;

  @Parameter(defaultValue = "${project.build.directory}/builder", readonly = true)
  protected File workDirectory;

  /** True when this module gets no image: builder is skipped, or the module is a POM. */
  protected boolean skipped() {
    if (skip) {
      getLog().info("builder: skipped (builder.skip)");
      return true;
    }
    if ("pom".equals(project.getPackaging())) {
      getLog().info("builder: skipped, packaging pom has no image");
      return true;
    }
    return false;
  }

  /** The image name without tag: {@code image}, else {@code repository/artifactId}, else empty. */
  protected Optional<ImageName> targetName() {
    return ImageNaming.target(image, repositoryValue(), blank(repository) ? "the environment variable BUILDER_REPO"
        : "<repository> or -Dbuilder.repository", project.getArtifactId());
  }

  private String repositoryValue() {
    return blank(repository) ? System.getenv("BUILDER_REPO") : repository;
  }

  /** True when the repository is {@code builder.local}: the image goes to the local daemon, not to a registry. */
  protected boolean toDaemon() {
    String repo = repositoryValue();
    return repo != null && repo.trim().equals(LOCAL_REPOSITORY);
  }

  /** The image's name in the daemon: {@code image} when set (checked as {@link #targetName} does), else artifactId. */
  private String localName() {
    if (blank(image)) {
      return ImageNaming.local(project.getArtifactId());
    }
    targetName(); // a valid name, with no tag or digest of its own
    return image.trim();
  }

  private DaemonLocator daemons() {
    return DaemonLocator.of(blank(dockerHost) ? System.getenv("DOCKER_HOST") : dockerHost,
        System.getenv("XDG_RUNTIME_DIR"));
  }

  protected List<String> tagList(ImageName name) {
    List<String> list = new ArrayList<>();
    boolean byDefault = tags == null || tags.isEmpty();
    List<String> given = byDefault ? List.of(project.getVersion(), "latest") : tags;
    for (String tag : given) {
      String t = tag.trim();
      if (byDefault && t.equals(project.getVersion()) && !ImageName.isValidTag(t)) {
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

  /** Builds the image for this project, or empty for a library module; the outputs are written when asked. */
  protected Optional<BuildState> build(boolean writeOutputs) {
    BuildListener listener = new MavenBuildListener(getLog());
    Path work = workDirectory.toPath();
    BuildOutputs outputs = new BuildOutputs(work);
    if (writeOutputs) {
      outputs.clear();
    }
    ImageName name = targetName().orElseGet(() -> ImageName.parse(ImageNaming.local(project.getArtifactId())));
    String displayName = toDaemon() ? localName()
        : targetName().map(ImageName::repositoryName).orElse(ImageNaming.fromArtifactId(project.getArtifactId()));
    List<String> tagNames = tagList(name);
    Registries registries = new Registries(listener, RegistryAccess.options(auth, caCertificates,
        allowInsecureRegistries, RegistryAccess.mirrors(registryMirrors, registryMirrorList), session.getSettings(),
        settingsDecrypter, CredentialEnvironment.ofThisProcess(), listener).withNetwork(registryTimeout, retries,
        retryTime),
        new PlainHttpMemory(cacheDirectory.toPath().resolve("plain-http")));
    BuildRequest request = new BuildRequest(
        from,
        platformBaseMap(),
        ProjectReader.javaRelease(project),
        platformSelection(),
        project.getBasedir().toPath(),
        application(),
        mainClass,
        new ContainerSettings(list(jvmFlags), list(args), list(entrypoint), map(environment), allLabels(),
            list(ports), list(volumes), user, workingDirectory),
        ProjectReader.info(project),
        map(annotations),
        ProjectReader.creationTime(outputTimestamp, System.getenv("SOURCE_DATE_EPOCH")),
        work,
        cacheDirectory.toPath(),
        policy(),
        listener,
        RuntimeSettings.of(runtime, list(jlinkModules)));
    Optional<BuiltImages> built = new ImageBuilder(registries, daemons()).build(request);
    if (built.isEmpty()) {
      ReactorNames.withoutImage(session, project);
      getLog().info("builder: skipped, " + project.getArtifactId() + " has no main class (a library); set"
          + " <mainClass> to build an image of it");
      return Optional.empty();
    }
    BuildState state = new BuildState(registries, built.get(), displayName, tagNames, List.of());
    if (writeOutputs) {
      outputs.writeImage(built.get(), displayName, tagNames);
      outputs.writeImageJson(displayName, built.get(), tagNames, false);
      built.get().index().ifPresent(index -> getLog().info("builder: " + outputs.tarball() + " is an OCI archive of"
          + " the index for " + platformList(built.get()) + "; docker load takes one platform's image: build with"
          + " -Dbuilder.platforms=" + built.get().images().get(0).image().config().platform()
          + " for a tarball docker load reads"));
    }
    state.storeIn(project);
    return Optional.of(state);
  }

  /**
   * The ledger of blobs uploaded in this Maven session, shared by the modules that {@code -T} pushes in parallel so
   * that a common base layer crosses the network once. It lives in the session's data, not in a static field.
   */
  protected UploadLedger uploadLedger() {
    return SessionValues.computeIfAbsent(session, UploadLedger.class, UploadLedger::new);
  }

  /** The application as the image holds it; one line says which jars were left out, and how to keep them. */
  private JavaApplication application() {
    LaunchConventions.check(project);
    Optional<SpringBootRepackage> springBoot = SpringBootPlugin.repackage(project, session.getUserProperties());
    Map<String, List<String>> leftOut = new java.util.LinkedHashMap<>();
    JavaApplication application = ProjectReader.application(project, session.getProjects(), extraDirectory.toPath(),
        springBoot, includeDevtools, (artifact, why) -> leftOut.computeIfAbsent(why, k -> new ArrayList<>())
            .add(artifact.getArtifactId()));
    if (!leftOut.isEmpty()) {
      String jars = leftOut.entrySet().stream().map(e -> String.join(", ", e.getValue()) + " (" + e.getKey() + ")")
          .collect(java.util.stream.Collectors.joining("; "));
      String devtools = leftOut.containsKey("excludeDevtools") || leftOut.containsKey("DevTools")
          ? ". DevTools must not run in production; for a debug image keep them with -Dbuilder.includeDevtools=true"
          : "";
      getLog().info("builder: left out of the image" + (springBoot.isPresent()
          ? ", as spring-boot-maven-plugin's repackage leaves them out of BOOT-INF/lib: " : ": ") + jars + devtools);
    }
    return application;
  }

  /** {@code platforms}, or the former {@code platform}; both at once is a mistake the user should hear about. */
  private PlatformSelection platformSelection() {
    String list = String.join(",", list(platforms));
    if (!blank(platform) && !list.isEmpty()) {
      throw new BuilderException("both builder.platform (" + platform + ") and builder.platforms (" + list
          + ") are set; set only platforms, the list that replaced platform");
    }
    return PlatformSelection.parse(list.isEmpty() ? platform : list);
  }

  private Map<Platform, String> platformBaseMap() {
    Map<Platform, String> map = new LinkedHashMap<>();
    for (PlatformBase base : platformBases == null ? List.<PlatformBase>of() : platformBases) {
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

  private static String platformList(BuiltImages built) {
    return String.join(", ", built.images().stream().map(i -> i.image().config().platform().toString()).toList());
  }

  /** The policy this module's configuration gives, checked against what its parent POM lets it loosen. */
  private ImagePolicy policy() {
    ImagePolicy effective = new ImagePolicy(allowedBaseImages, requireBaseDigest, requiredLabels, requiredAnnotations,
        checkJavaVersion);
    ParentPolicy.of(project).ifPresent(parent ->
        PolicyInheritance.check(parent.policy(), effective, parent.allowOverrides(), parent.parentName()));
    return effective;
  }

  /**
   * The SBOMs of the image in {@code state}, written this session or made now (and written to the work folder): one
   * for a single image; for an index, one for the index and one per platform. Empty when SBOMs are switched off.
   * Every document is made before any is written, so an SBOM that fails leaves none behind.
   */
  protected List<ImageSbom> sbomsOf(BuildState state) {
    SbomFormat format = SbomFormat.parse(sbom);
    if (format == SbomFormat.NONE) {
      return List.of();
    }
    if (!state.sboms().isEmpty() && state.sboms().get(0).sbom().format() == format) {
      return state.sboms();
    }
    BuiltImages built = state.built();
    String toolVersion = plugin == null ? "unknown" : plugin.getVersion();
    SbomCache cache = new SbomCache(workDirectory.toPath(), format);
    Digest key = SbomCache.key(project, session.getProjects(), built.digest(), state.name(), state.tags(), format,
        toolVersion);
    Optional<List<byte[]>> reused = cache.find(key).filter(d -> d.size() == built.images().size()
        + (built.index().isPresent() ? 1 : 0));
    if (reused.isEmpty()) {
      SbomLibraries.load(plugin, repositorySystem, session.getRepositorySession(),
          project.getRemotePluginRepositories(), cacheDirectory.toPath(), getLog());
    }
    Iterator<byte[]> documents = reused.map(List::iterator).orElse(null);
    List<SbomInput> inputs = reused.isPresent() ? null : sbomInputs(state, toolVersion);
    SbomWriter writer = reused.isPresent() ? null : SbomWriters.forFormat(format);
    List<ImageSbom> sboms = new ArrayList<>();
    if (built.index().isPresent()) {
      ImageIndex index = built.index().get();
      sboms.add(new ImageSbom(index.descriptor(), "index", null, new Sbom(format,
          documents != null ? documents.next() : writer.write(SbomAssembler.assembleIndex(index.digest(), inputs)))));
    }
    for (int i = 0; i < built.images().size(); i++) {
      String platform = built.images().get(i).image().config().platform().toString();
      sboms.add(new ImageSbom(built.images().get(i).image().descriptor(),
          built.index().isPresent() ? platform + " image" : "image",
          built.index().isPresent() ? platform.replace('/', '-') : null,
          new Sbom(format, documents != null ? documents.next() : writer.write(SbomAssembler.assemble(inputs.get(i))))));
    }
    List<Path> files = new ArrayList<>();
    for (ImageSbom written : sboms) {
      Path file = written.fileQualifier() == null
          ? written.sbom().writeTo(workDirectory.toPath())
          : written.sbom().writeTo(workDirectory.toPath(), written.fileQualifier());
      files.add(file);
      getLog().info("builder: SBOM (" + format.id() + ") of " + state.name() + "@" + written.subject().digest()
          + (built.index().isPresent() ? " (" + written.what() + ")" : "") + " in " + file);
    }
    cache.store(key, files);
    state.withSboms(sboms).storeIn(project);
    return sboms;
  }

  /** What the SBOM of each image is made from; this reads the POM of every dependency. */
  private List<SbomInput> sbomInputs(BuildState state, String toolVersion) {
    BuiltImages built = state.built();
    SbomFacts facts = new SbomFacts(session, projectBuilder);
    JavaArtifact application = facts.application(project, built.jarPaths());
    List<JavaArtifact> libraries = facts.libraries(project, built.jarPaths());
    List<SbomInput> inputs = new ArrayList<>();
    for (BuiltImage image : built.images()) {
      inputs.add(new SbomInput(state.name(), state.tags(), image.image().digest(),
          image.image().config().platform(), image.image().config().created(), image.base().name(),
          image.base().digest(), new InventoryCache(cacheDirectory.toPath()).of(image.base().image())
              .withLinkedRuntime(image.linkedRuntime()), application,
          libraries,
          project.getOrganization() == null ? null : project.getOrganization().getName(),
          "builder-maven-plugin", toolVersion));
    }
    return inputs;
  }

  /**
   * Pushes this project's image to every tag and returns what was pushed, or empty for a library module. The image
   * is the one built in this session when {@code build} ran (else it is built now, writing only {@code image.json});
   * a project already pushed in this session is not pushed again.
   */
  protected Optional<PushedImage> push() {
    Optional<PushedImage> done = PushedImage.of(project);
    if (done.isPresent()) {
      return done;
    }
    if (toDaemon()) {
      throw new BuilderException(LOCAL_REPOSITORY + " is the local daemon, not a registry that Kubernetes can pull from"
          + " by digest: set -Dbuilder.repository=REGISTRY/PATH for this goal (builder:push and builder:load load into"
          + " the daemon).");
    }
    ImageName target = targetName().orElseThrow(() -> new BuilderException(
        "no repository to push " + project.getArtifactId() + " to. Set <repository> in the plugin configuration,"
            + " -Dbuilder.repository=REGISTRY/PATH or the environment variable BUILDER_REPO,"
            + " for example localhost:5000/apps"));
    List<String> tags = tagList(target);
    SbomFormat.parse(sbom); // a wrong format fails before anything is pushed
    boolean withProvenance = Signing.provenance(provenance);
    Optional<dev.builder.core.signing.Signer> signer = Signing.signer(this); // a bad key, too
    Optional<BuildState> state = BuildState.of(project).or(() -> build(false));
    if (state.isEmpty()) {
      return Optional.empty();
    }
    ReactorNames.check(session, project, target.repositoryName(), tags); // before this module or the other pushes
    BuiltImages built = state.get().built();
    RegistrySink sink = new RegistrySink(state.get().registries(), new MavenBuildListener(getLog()), uploadLedger());
    // The SBOMs need the image's digest, not the registry: they are made while the image is pushed, and attached
    // once both are done. Making one is mostly reading POMs and loading the format libraries, a push mostly waiting.
    Background<List<ImageSbom>> making = Background.start("builder SBOM", () -> sbomsOf(state.get()));
    PushResult result;
    try {
      result = built.index().isPresent()
          ? sink.push(built.index().get(), target, tags)
          : sink.push(built.images().get(0).image(), target, tags);
    } catch (RuntimeException e) {
      try {
        making.join(); // nothing is left writing into target/builder after the goal has failed
      } catch (RuntimeException | Error ignored) {
        // the push's failure is the one to report
      }
      throw e;
    }
    new BuildOutputs(workDirectory.toPath()).writeImageJson(target.repositoryName(), built, tags, true);
    Attachments attachments = new Attachments(state.get().registries());
    List<ImageSbom> sboms = making.join();
    for (ImageSbom written : sboms) {
      Attached attached = attachments.attach(target, written.subject(), written.sbom().bytes(),
          written.sbom().format().mediaType(), written.sbom().format().cosignMediaType(), "sbom",
          Map.of("org.opencontainers.image.created", built.images().get(0).image().config().created().toString()));
      getLog().info("builder: " + (attached.alreadyThere() ? "already attached: the " : "attached the ")
          + written.sbom().format().id() + " SBOM"
          + (built.index().isPresent() ? " of the " + written.what() : "") + " as referrer " + attached.referrer()
          + (attached.fallbackTag() == null ? "" : " (referrers index at tag " + attached.fallbackTag() + ")")
          + " and at tag " + attached.cosignTag());
    }
    new dev.builder.core.signing.PushSigning(state.get().registries(), new MavenBuildListener(getLog())).afterPush(
        target, tags, built, signer, withProvenance ? Optional.of(Signing.facts(this, built)) : Optional.empty(),
        Signing.sbomDocuments(sboms));
    getLog().info("builder: pushed " + target.repositoryName() + " tags " + String.join(", ", tags)
        + (built.index().isPresent() ? ", an index of " + platformList(built) : "") + " ("
        + result.uploaded() + " blobs uploaded, " + result.mounted() + " mounted, " + result.skipped()
        + " already there)");
    PushedImage pushed = new PushedImage(target, result.digest(), tags);
    pushed.storeIn(project);
    return Optional.of(pushed);
  }

  /**
   * Loads the image built in this session (building it first when {@code build} did not run) into the local daemon
   * as {@code NAME:TAG} for every tag, and rewrites {@code image.json}.
   */
  protected void loadIntoDaemon() {
    String name = localName();
    List<String> tagNames = tagList(ImageName.parse(name));
    DaemonSink sink = new DaemonSink(daemons().connect(), new MavenBuildListener(getLog())); // before any build
    Optional<BuildState> state = BuildState.of(project).or(() -> build(false));
    if (state.isEmpty()) {
      return;
    }
    BuiltImages built = state.get().built();
    LoadResult result = sink.load(built.imageList(), name, tagNames, built.images().stream()
        .flatMap(i -> BaseImages.nameInDaemon(i.base().name()).stream()).distinct().toList());
    // the daemon holds one image, the one for its platform: image.json names that one, not the build's index
    BuiltImages loaded = built.images().stream().filter(i -> i.image().config().platform().equals(result.platform()))
        .findFirst().map(BuiltImages::single).orElse(built);
    new BuildOutputs(workDirectory.toPath()).writeImageJson(name, loaded, tagNames, false);
    getLog().info("builder: loaded " + String.join(", ", result.references()) + " into " + result.daemon()
        + " as image " + result.imageId());
  }

  private Map<String, String> allLabels() {
    Map<String, String> all = new LinkedHashMap<>(map(labels));
    if (!blank(labelList)) {
      for (String pair : labelList.split(",")) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          throw new BuilderException("builder.labels: '" + pair + "' is not key=value; write -Dbuilder.labels=k=v,k2=v2");
        }
        all.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
      }
    }
    return all;
  }

  /** Runs a goal, turning a problem the user can fix into a build failure with its message and nothing more. */
  protected void run(Goal goal) throws MojoExecutionException, MojoFailureException {
    try {
      goal.run();
    } catch (BuilderException e) {
      throw new MojoFailureException("builder: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new MojoExecutionException("builder: " + e.getMessage(), e);
    }
  }

  /** A goal's body. */
  @FunctionalInterface
  protected interface Goal {
    void run();
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
