package dev.builder.it;

import dev.builder.core.BuildListener;
import dev.builder.core.image.Blob;
import dev.builder.core.image.ConfigFile;
import dev.builder.core.image.ContainerConfig;
import dev.builder.core.image.Descriptor;
import dev.builder.core.image.Image;
import dev.builder.core.image.ImageSource.ResolvedImage;
import dev.builder.core.image.Layer;
import dev.builder.core.image.MediaTypes;
import dev.builder.core.image.Platform;
import dev.builder.core.layout.OciLayoutSource;
import dev.builder.core.registry.CredentialSource;
import dev.builder.core.registry.ImageName;
import dev.builder.core.registry.Registries;
import dev.builder.core.registry.RegistrySink;
import dev.builder.it.jetty.JettyStart;
import dev.builder.testing.BaseImageFixture;
import dev.builder.testing.RegistryServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A servlet-container base as the official Jetty image is laid out: the Java base plus Jetty 12 (ee10) in
 * {@code /usr/local/jetty}, {@code /var/lib/jetty} as its base with an empty {@code webapps/}, and an entrypoint
 * that starts Jetty there. Made from the Jetty jars on the test's classpath, as Central serves no Jetty home here.
 */
final class JettyBase {
  static final String HOME = "usr/local/jetty/";

  private JettyBase() {}

  /** Pushes the base to {@code REGISTRY/base/jetty:latest} and returns that reference. */
  static String push(RegistryServer registry) throws IOException {
    ResolvedImage java = new OciLayoutSource(Fixtures.baseLayout(), BaseImageFixture.TAG, "fixture base")
        .resolve(Platform.LINUX_AMD64);
    List<Layer> layers = new ArrayList<>(java.image().layers());
    layers.add(jettyLayer());
    ConfigFile config = java.image().config();
    ContainerConfig c = config.config();
    List<String> env = new ArrayList<>(c.env());
    env.add("JETTY_HOME=/usr/local/jetty");
    env.add("JETTY_BASE=/var/lib/jetty");
    ContainerConfig jetty = new ContainerConfig("999:999", env,
        List.of("java", "-cp", "/" + HOME + "lib/*:/" + HOME + "start", JettyStart.class.getName()), List.of(),
        "/var/lib/jetty", new TreeSet<>(List.of("8080/tcp")), c.volumes(), c.labels(), c.stopSignal());
    Image image = Image.of(new ConfigFile(config.platform(), config.created(), jetty, config.diffIds(),
        config.history()), layers, Map.of());
    ImageName name = ImageName.parse(registry.host() + "/base/jetty");
    try (Registries registries = new Registries(BuildListener.SILENT, CredentialSource.ANONYMOUS, false)) {
      new RegistrySink(registries, BuildListener.SILENT).push(image, name, List.of(BaseImageFixture.TAG));
    }
    return name.repositoryName() + ":" + BaseImageFixture.TAG;
  }

  private static Layer jettyLayer() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (String dir : List.of(HOME, HOME + "lib/", HOME + "start/", "var/", "var/lib/", "var/lib/jetty/",
          "var/lib/jetty/webapps/")) {
        TarArchiveEntry entry = new TarArchiveEntry(dir);
        entry.setMode(040755);
        entry.setModTime(0);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
      }
      for (Path jar : jettyJars()) {
        file(tar, HOME + "lib/" + jar.getFileName(), Files.readAllBytes(jar));
      }
      String start = JettyStart.class.getName().replace('.', '/') + ".class";
      try (var in = JettyStart.class.getClassLoader().getResourceAsStream(start)) {
        file(tar, HOME + "start/" + start, in.readAllBytes());
      }
    }
    Blob blob = Blob.of(bytes.toByteArray());
    return new Layer(new Descriptor(MediaTypes.OCI_LAYER, blob.digest(), blob.size()), blob.digest(), blob);
  }

  private static void file(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setMode(0100644);
    entry.setSize(content.length);
    entry.setModTime(0);
    tar.putArchiveEntry(entry);
    tar.write(content);
    tar.closeArchiveEntry();
  }

  /** Jetty's jars and what they need (the Servlet API, SLF4J), wherever the test's class path has them. */
  private static List<Path> jettyJars() throws IOException {
    List<Path> jars = new ArrayList<>();
    for (URL url : Collections.list(JettyBase.class.getClassLoader().getResources("META-INF/MANIFEST.MF"))) {
      String text = url.toString();
      if (!text.startsWith("jar:file:")) {
        continue;
      }
      try {
        Path jar = Path.of(new java.net.URI(text.substring(4, text.indexOf("!/"))));
        String path = jar.toString();
        if (path.contains("/org/eclipse/jetty/") || path.contains("/jakarta/servlet/")
            || path.contains("/org/slf4j/slf4j-api/")) {
          jars.add(jar);
        }
      } catch (URISyntaxException e) {
        throw new IOException(e);
      }
    }
    if (jars.stream().noneMatch(j -> j.getFileName().toString().startsWith("jetty-ee10-webapp"))) {
      throw new IllegalStateException("jetty-ee10-webapp is not on the test's class path: " + jars);
    }
    return jars;
  }
}
