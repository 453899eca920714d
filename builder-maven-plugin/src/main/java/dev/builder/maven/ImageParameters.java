package dev.builder.maven;

import java.io.File;
import java.util.List;
import java.util.Map;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.ProjectBuilder;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * The configuration that {@code build}, {@code push}, {@code load}, {@code sbom} and the Kubernetes goals share, as
 * Maven injects it: declarations only. {@link ImageRequests} turns it into builder-core's requests, and checks it.
 */
abstract class ImageParameters extends AbstractMojo {
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
   * The JDK image a {@code jlink} runtime's modules come from, pulled like a base ({@code oci-layout://} and
   * {@code tar://} too). Unset: the build JDK's modules for its own platform, {@code eclipse-temurin:RELEASE-jdk}
   * for the others.
   */
  @Parameter(property = "builder.jdkImage")
  protected String jdkImage;

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
   * Further folders of files for the image, as Jib's {@code <extraDirectories>}: {@code <paths>} of {@code <path>}
   * ({@code <from>}, {@code <into>}, {@code <includes>}, {@code <excludes>}, {@code <owner>}) and
   * {@code <permissions>} of {@code <permission><file>/glob</file><mode>755</mode></permission>}. They come after
   * {@code extraDirectory}.
   */
  @Parameter
  protected ExtraDirectoriesParameter extraDirectories;

  /** {@code oci} (default) or {@code docker}: Docker's image manifest v2 schema 2 and manifest list media types. */
  @Parameter(property = "builder.format", defaultValue = "oci")
  protected String format;

  /** Folder of the application's classes, resources and jars in the image; default {@code /app}. */
  @Parameter(property = "builder.appRoot")
  protected String appRoot;

  /** The image's creation time: {@code EPOCH}, {@code USE_CURRENT_TIMESTAMP} or ISO 8601; default as files. */
  @Parameter(property = "builder.creationTime")
  protected String creationTime;

  /** The time on the application's files: {@code EPOCH}, {@code EPOCH_PLUS_SECOND} or ISO 8601. */
  @Parameter(property = "builder.filesModificationTime")
  protected String filesModificationTime;

  /** {@code exploded} (classes and resources, the default) or {@code packaged} (the project's jar), as Jib's. */
  @Parameter(property = "builder.containerizingMode", defaultValue = "exploded")
  protected String containerizingMode;

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

  /**
   * The base image must carry a cosign signature that one of {@code baseKeys} verifies; checked before any layer is
   * built.
   */
  @Parameter(property = "builder.requireSignedBase", defaultValue = "false")
  protected boolean requireSignedBase;

  /**
   * The PEM public keys ({@code cosign.pub}) a base's signature may be made with, for {@code requireSignedBase}.
   * A relative path is relative to the folder of the POM that declares it (a module's, or its parent's).
   */
  @Parameter(property = "builder.baseKeys")
  protected List<String> baseKeys;

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

  /** Maven's own decryption of settings.xml passwords ({@code mvn --encrypt-password}). */
  @Component
  protected SettingsDecrypter settingsDecrypter;

  @Parameter(defaultValue = "${project.build.outputTimestamp}", readonly = true)
  protected String outputTimestamp;

  @Parameter(defaultValue = "${project.build.directory}/builder", readonly = true)
  protected File workDirectory;
}
