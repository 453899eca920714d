package dev.builder.it;

import dev.builder.core.BuildListener;
import dev.builder.core.image.ImageSource.ResolvedImage;
import dev.builder.core.image.Platform;
import dev.builder.core.layout.OciLayoutSource;
import dev.builder.core.registry.CredentialSource;
import dev.builder.core.registry.ImageName;
import dev.builder.core.registry.Registries;
import dev.builder.core.registry.RegistryOptions;
import dev.builder.core.registry.RegistrySink;
import dev.builder.testing.BaseImageFixture;
import dev.builder.testing.RegistryServer;
import dev.builder.core.image.ConfigFile;
import dev.builder.core.image.ContainerConfig;
import dev.builder.core.image.Image;
import dev.builder.core.image.ImageIndex;
import dev.builder.core.image.Layer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Map;
import java.nio.file.Path;
import java.util.List;

/** The base image every sample builds on, made here from the build JDK and pushed to the test registry. */
final class Fixtures {
  private Fixtures() {}

  static Path baseLayout() throws IOException {
    return BaseImageFixture.javaBaseLayout(Path.of(System.getProperty("it.work")).getParent().resolve("fixtures"));
  }

  /** The digest a reference resolves to in the registry. */
  static String digestOf(String reference) {
    ImageName name = ImageName.parse(reference);
    try (Registries registries = new Registries(BuildListener.SILENT, CredentialSource.ANONYMOUS, false)) {
      return registries.forPull(name).pullManifest(name.qualifier()).digest().toString();
    }
  }

  /**
   * Pushes, as {@code REGISTRY/base/old-java:latest}, the base with one more layer whose {@code opt/java/release}
   * says Java 11 and a config that does not say its Java (no JAVA_VERSION): a base too old for Java 17 bytecode, which
   * a governance check finds only by reading the runtime's release file from the layers.
   */
  static String pushOldJavaBase(RegistryServer registry) throws IOException {
    ResolvedImage base = new OciLayoutSource(baseLayout(), BaseImageFixture.TAG, "fixture base").resolve(Platform.LINUX_AMD64);
    Layer layer = BaseImageFixture.fileLayer("opt/java/release", "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"11.0.22\"\n");
    List<Layer> layers = new ArrayList<>(base.image().layers());
    layers.add(layer);
    ConfigFile config = base.image().config();
    ContainerConfig c = config.config();
    ContainerConfig silent = new ContainerConfig(c.user(),
        c.env().stream().filter(e -> !e.startsWith("JAVA_VERSION=")).toList(), c.entrypoint(), c.cmd(),
        c.workingDir(), c.exposedPorts(), c.volumes(), c.labels(), c.stopSignal());
    Image old = Image.of(new ConfigFile(config.platform(), config.created(), silent, config.diffIds(),
        config.history()), layers, Map.of());
    ImageName name = ImageName.parse(registry.host() + "/base/old-java");
    try (Registries registries = new Registries(BuildListener.SILENT, CredentialSource.ANONYMOUS, false)) {
      new RegistrySink(registries, BuildListener.SILENT).push(old, name, List.of(BaseImageFixture.TAG));
    }
    return name.repositoryName() + ":" + BaseImageFixture.TAG;
  }

  /**
   * Pushes the two-platform base (an index of linux/amd64, linux/arm64/v8 and an attestation) to
   * {@code REGISTRY/base/multi:latest} and returns that reference.
   */
  static String pushMultiPlatformBase(RegistryServer registry) throws IOException {
    ImageIndex index = BaseImageFixture.multiPlatformIndex(baseLayout().getParent());
    ImageName name = ImageName.parse(registry.host() + "/base/multi");
    try (Registries registries = new Registries(BuildListener.SILENT, CredentialSource.ANONYMOUS, false)) {
      new RegistrySink(registries, BuildListener.SILENT).push(index, name, List.of(BaseImageFixture.TAG));
    }
    return name.repositoryName() + ":" + BaseImageFixture.TAG;
  }

  /**
   * Pushes the arm64 image of the two-platform base alone, as bases published one tag per platform are, to
   * {@code REGISTRY/base/java-arm64:latest} and returns that reference.
   */
  static String pushArm64Base(RegistryServer registry) throws IOException {
    Image arm64 = BaseImageFixture.multiPlatformIndex(baseLayout().getParent()).images().get(1);
    ImageName name = ImageName.parse(registry.host() + "/base/java-arm64");
    try (Registries registries = new Registries(BuildListener.SILENT, CredentialSource.ANONYMOUS, false)) {
      new RegistrySink(registries, BuildListener.SILENT).push(arm64, name, List.of(BaseImageFixture.TAG));
    }
    return name.repositoryName() + ":" + BaseImageFixture.TAG;
  }

  /** Pushes the base to {@code REGISTRY/base/java:latest} and returns that reference. */
  static String pushBase(RegistryServer registry) throws IOException {
    return pushBase(registry, RegistryOptions.anonymous());
  }

  /** Pushes the base to {@code REGISTRY/base/java:latest} with these credentials and CAs, and returns that reference. */
  static String pushBase(RegistryServer registry, RegistryOptions options) throws IOException {
    ResolvedImage base = new OciLayoutSource(baseLayout(), BaseImageFixture.TAG, "fixture base").resolve(Platform.LINUX_AMD64);
    ImageName name = ImageName.parse(registry.host() + "/base/java");
    try (Registries registries = new Registries(BuildListener.SILENT, options)) {
      new RegistrySink(registries, BuildListener.SILENT).push(base.image(), name, List.of(BaseImageFixture.TAG));
    }
    return name.repositoryName() + ":" + BaseImageFixture.TAG;
  }

  /**
   * Pushes the base without Java (glibc and the libraries Java loads, no runtime) to
   * {@code REGISTRY/base/no-java:latest} and returns that reference: the base of images whose runtime builder links.
   */
  static String pushBaseWithoutJava(RegistryServer registry) throws IOException {
    Path layout = BaseImageFixture.baseWithoutJavaLayout(baseLayout().getParent());
    ResolvedImage base = new OciLayoutSource(layout, BaseImageFixture.TAG, "fixture base without Java")
        .resolve(Platform.LINUX_AMD64);
    ImageName name = ImageName.parse(registry.host() + "/base/no-java");
    try (Registries registries = new Registries(BuildListener.SILENT, RegistryOptions.anonymous())) {
      new RegistrySink(registries, BuildListener.SILENT).push(base.image(), name, List.of(BaseImageFixture.TAG));
    }
    return name.repositoryName() + ":" + BaseImageFixture.TAG;
  }
}
