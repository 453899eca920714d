package dev.builder.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builder.core.BuildListener;
import dev.builder.core.image.ConfigFile;
import dev.builder.core.image.ContainerConfig;
import dev.builder.core.image.Image;
import dev.builder.core.image.ImageSource.ResolvedImage;
import dev.builder.core.image.Layer;
import dev.builder.core.image.LayerCompression;
import dev.builder.core.image.MediaTypes;
import dev.builder.core.image.Platform;
import dev.builder.core.layout.OciLayoutSource;
import dev.builder.core.registry.CredentialSource;
import dev.builder.core.registry.ImageName;
import dev.builder.core.registry.Registries;
import dev.builder.core.registry.RegistrySink;
import dev.builder.testing.BaseImageFixture;
import dev.builder.testing.ImageRun;
import dev.builder.testing.RegistryExtension;
import dev.builder.testing.RegistryServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A service whose jib-maven-plugin configuration was carried over (extra directories with includes, excludes,
 * permissions and an owner; jvmFlags, environment, ports, labels; the Docker manifest format; and, in a profile, the
 * base's entrypoint): the pushed image's files, modes, owners, config and media types, read by builder and by skopeo,
 * and the page it serves.
 */
@ExtendWith(RegistryExtension.class)
@Tag("skopeo")
class JibMigrationIT {
  private static String base;
  private static String launchingBase;

  @BeforeAll
  static void pushBases(RegistryServer registry) throws Exception {
    base = Fixtures.pushBase(registry);
    launchingBase = pushBaseWithEntrypoint(registry);
  }

  @Test
  void theCarriedOverConfigurationGivesTheImageJibWouldHave(RegistryServer registry) throws Exception {
    Path project = Maven.sample("jib-migrated", "jib-migrated");
    Maven.Result result = new Maven(project.getParent())
        .run(project, "package", "builder:push", "-Dbuilder.repository=" + registry.host() + "/apps",
            "-Dbuilder.from=" + base)
        .succeeded();
    assertThat(result.output()).containsOnlyOnce("image format docker: the image's annotations");

    String name = registry.host() + "/apps/jib-migrated:1.0.0";
    Image image = ImageRun.pull(name, project.resolve("target/pull-cache"));
    assertThat(image.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
    assertThat(image.manifest().config().mediaType()).isEqualTo(MediaTypes.DOCKER_CONFIG);
    assertThat(image.manifest().layers()).extracting(d -> d.mediaType())
        .allMatch(t -> t.startsWith("application/vnd.docker.image.rootfs.diff.tar"));
    assertThat(image.manifest().annotations()).isEmpty();
    // skopeo reads the registry's own answer, with the content type the registry stored
    JsonNode raw = Images.json(Images.tool("skopeo", "inspect", "--tls-verify=false", "--raw", "docker://" + name));
    assertThat(raw.get("mediaType").asText()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
    assertThat(raw.get("config").get("mediaType").asText()).isEqualTo(MediaTypes.DOCKER_CONFIG);
    assertThat(raw.has("annotations")).isFalse();
    JsonNode inspected = Images.json(Images.tool("skopeo", "inspect", "--tls-verify=false", "docker://" + name));
    assertThat(inspected.get("Labels").get("team").asText()).isEqualTo("orders");

    ContainerConfig config = image.config().config();
    assertThat(config.entrypoint()).containsExactly("java", "-Dgreeting=Howdy", "-Xss512k", "-cp",
        "/app/resources:/app/classes", "com.example.hello.Hello");
    assertThat(config.envMap()).containsEntry("APP_MODE", "production");
    assertThat(config.exposedPorts()).containsExactly("8080/tcp");
    assertThat(config.labels()).containsEntry("team", "orders");

    Map<String, TarArchiveEntry> extra = entries(image.layers().get(image.layers().size() - 1));
    assertThat(extra.keySet()).contains("etc/hello/motd", "etc/hello/secret.conf", "opt/hello/bin/start.sh",
        "var/lib/hello/seed.db", "var/lib/hello/cache/index.json");
    assertThat(extra).doesNotContainKeys("opt/hello/bin/README.txt", "var/lib/hello/cache/old.tmp");
    assertThat(mode(extra, "etc/hello/motd")).isEqualTo(0644);
    assertThat(mode(extra, "etc/hello/secret.conf")).isEqualTo(0600);
    assertThat(mode(extra, "opt/hello/bin/start.sh")).isEqualTo(0750);
    assertThat(mode(extra, "var/lib/hello/cache/")).isEqualTo(0755);
    assertThat(extra.get("etc/hello/secret.conf").getLongUserId()).isZero();
    assertThat(extra.get("var/lib/hello/seed.db").getLongUserId()).isEqualTo(65532);
    assertThat(extra.get("var/lib/hello/cache/").getLongGroupId()).isEqualTo(65532);
    assertThat(extra.get("var/lib/hello/").getLongUserId()).as("the folder the path goes into").isEqualTo(65532);
    assertThat(extra.get("var/lib/").getLongUserId()).isZero();
    assertThat(extra).as("builder's own entrypoint needs no launch files")
        .doesNotContainKey("app/builder-classpath-file");

    assertThat(Images.runAndGet(name, project.resolve("target/run"))).isEqualTo("Howdy, world!");
  }

  @Test
  void inheritKeepsTheBasesEntrypointWhichReadsTheLaunchFiles(RegistryServer registry) throws Exception {
    Path project = Maven.sample("jib-migrated", "jib-migrated-inherit");
    Maven.Result result = new Maven(project.getParent())
        .run(project, "package", "builder:push", "-Pinherit", "-Dbuilder.repository=" + registry.host() + "/apps",
            "-Dbuilder.from=" + launchingBase, "-Dbuilder.tags=inherit")
        .succeeded();
    assertThat(result.output()).contains("jvmFlags [-Dgreeting=Howdy, -Xss512k] are not used");

    String name = registry.host() + "/apps/jib-migrated:inherit";
    Image image = ImageRun.pull(name, project.resolve("target/pull-cache"));
    ContainerConfig config = image.config().config();
    assertThat(config.entrypoint()).containsExactly("java", "-Dgreeting=Inherited", "-cp",
        "@/app/builder-classpath-file", "@/app/builder-main-class-file");
    assertThat(config.user()).as("the base's own user, as its launch expects").isEqualTo("65532");
    Layer launch = image.layers().get(image.layers().size() - 1);
    assertThat(content(launch, "app/builder-classpath-file")).isEqualTo("/app/resources:/app/classes");
    assertThat(content(launch, "app/builder-main-class-file")).isEqualTo("com.example.hello.Hello");

    assertThat(Images.runAndGet(name, project.resolve("target/run"))).isEqualTo("Inherited, world!");
  }

  @Test
  void packagedModePutsTheJarWithItsManifestInTheImage(RegistryServer registry) throws Exception {
    Path project = Maven.sample("jib-migrated", "jib-migrated-packaged");
    new Maven(project.getParent())
        .run(project, "package", "builder:push", "-Dbuilder.containerizingMode=packaged",
            "-Dbuilder.repository=" + registry.host() + "/apps", "-Dbuilder.from=" + base, "-Dbuilder.tags=packaged")
        .succeeded();

    String name = registry.host() + "/apps/jib-migrated:packaged";
    Image image = ImageRun.pull(name, project.resolve("target/pull-cache"));
    assertThat(image.config().config().entrypoint()).containsExactly("java", "-Dgreeting=Howdy", "-Xss512k", "-cp",
        "/app/jib-migrated-1.0.0.jar", "com.example.hello.Hello");
    assertThat(entries(image.layers().get(image.layers().size() - 2))).containsOnlyKeys("app/",
        "app/jib-migrated-1.0.0.jar");
    // the jar's manifest answers Package.getImplementationVersion, which target/classes cannot
    assertThat(Images.runAndGet(name, project.resolve("target/run"))).isEqualTo("Howdy, world! (1.0.0)");
  }

  /** The Java base with an entrypoint of its own that launches whatever builder's launch files name. */
  private static String pushBaseWithEntrypoint(RegistryServer registry) throws IOException {
    ResolvedImage java = new OciLayoutSource(Fixtures.baseLayout(), BaseImageFixture.TAG, "fixture base")
        .resolve(Platform.LINUX_AMD64);
    ConfigFile config = java.image().config();
    ContainerConfig c = config.config();
    ContainerConfig launching = new ContainerConfig(c.user(), c.env(), List.of("java", "-Dgreeting=Inherited", "-cp",
        "@/app/builder-classpath-file", "@/app/builder-main-class-file"), List.of(), c.workingDir(),
        c.exposedPorts(), c.volumes(), c.labels(), c.stopSignal());
    Image image = Image.of(new ConfigFile(config.platform(), config.created(), launching, config.diffIds(),
        config.history()), java.image().layers(), Map.of());
    ImageName name = ImageName.parse(registry.host() + "/base/launching");
    try (Registries registries = new Registries(BuildListener.SILENT, CredentialSource.ANONYMOUS, false)) {
      new RegistrySink(registries, BuildListener.SILENT).push(image, name, List.of(BaseImageFixture.TAG));
    }
    return name.repositoryName() + ":" + BaseImageFixture.TAG;
  }

  private static int mode(Map<String, TarArchiveEntry> entries, String name) {
    return entries.get(name).getMode() & 07777;
  }

  private static Map<String, TarArchiveEntry> entries(Layer layer) throws IOException {
    Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
    try (InputStream in = layer.blob().open();
        TarArchiveInputStream tar = new TarArchiveInputStream(
            LayerCompression.ofMediaType(layer.descriptor().mediaType()).decompress(in))) {
      for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
        entries.put(e.getName(), e);
      }
    }
    return entries;
  }

  private static String content(Layer layer, String name) throws IOException {
    try (InputStream in = layer.blob().open();
        TarArchiveInputStream tar = new TarArchiveInputStream(
            LayerCompression.ofMediaType(layer.descriptor().mediaType()).decompress(in))) {
      for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
        if (e.getName().equals(name)) {
          return new String(tar.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    }
    return null;
  }
}
