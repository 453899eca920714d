package dev.builder.it;

import dev.builder.core.BuildListener;
import dev.builder.core.image.ImageSource.ResolvedImage;
import dev.builder.core.image.Platform;
import dev.builder.core.layout.OciLayoutSource;
import dev.builder.core.registry.CredentialSource;
import dev.builder.core.registry.ImageName;
import dev.builder.core.registry.Registries;
import dev.builder.core.registry.RegistrySink;
import dev.builder.testing.BaseImageFixture;
import dev.builder.testing.RegistryServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The base image every sample builds on, made here from the build JDK and pushed to the test registry. */
final class Fixtures {
  private Fixtures() {}

  static Path baseLayout() throws IOException {
    return BaseImageFixture.javaBaseLayout(Path.of(System.getProperty("it.work")).getParent().resolve("fixtures"));
  }

  /** Pushes the base to {@code REGISTRY/base/java:latest} and returns that reference. */
  static String pushBase(RegistryServer registry) throws IOException {
    ResolvedImage base = new OciLayoutSource(baseLayout(), BaseImageFixture.TAG, "fixture base").resolve(Platform.LINUX_AMD64);
    ImageName name = ImageName.parse(registry.host() + "/base/java");
    try (Registries registries = new Registries(BuildListener.SILENT, CredentialSource.ANONYMOUS, false)) {
      new RegistrySink(registries, BuildListener.SILENT).push(base.image(), name, List.of(BaseImageFixture.TAG));
    }
    return name.repositoryName() + ":" + BaseImageFixture.TAG;
  }
}
