package dev.builder.core.tarball;

import static dev.builder.core.ExternalTools.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.builder.core.BuilderException;
import dev.builder.core.TestImages;
import dev.builder.core.image.Blob;
import dev.builder.core.image.Descriptor;
import dev.builder.core.image.Digest;
import dev.builder.core.image.Image;
import dev.builder.core.image.ImageSource.ResolvedImage;
import dev.builder.core.image.Layer;
import dev.builder.core.image.MediaTypes;
import dev.builder.core.image.Platform;
import dev.builder.core.layout.OciLayoutSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarballTest {
  private static final List<String> REPO_TAGS = List.of("localhost:5000/app:1.0", "localhost:5000/app:latest");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  private Image image;
  private Path tarball;

  @BeforeEach
  void writeTarball() {
    image = TestImages.small(tmp.resolve("work"), "hello\n");
    tarball = tmp.resolve("out/image.tar");
    TarballSink.write(image, tarball, REPO_TAGS);
  }

  private ResolvedImage read(Path file) {
    return new TarballSource(file, tmp.resolve("cache"), "tar://" + file.getFileName()).resolve(Platform.LINUX_AMD64);
  }

  @Test
  void tarballSourceReadsBackTheImage() throws IOException {
    ResolvedImage read = read(tarball);

    assertThat(read.digest()).isEqualTo(image.digest());
    assertThat(read.image().manifestBytes()).isEqualTo(image.manifestBytes());
    assertThat(read.image().configBytes()).isEqualTo(image.configBytes());
    try (InputStream in = read.image().layers().get(0).blob().open()) {
      assertThat(Digest.of(in)).isEqualTo(image.layers().get(0).digest());
    }
  }

  @Test
  void dockersManifestJsonNamesTheConfigLayersAndRepoTags() throws IOException {
    JsonNode entry = JSON.readTree(entry(tarball, "manifest.json")).get(0);

    assertThat(entry.get("RepoTags")).extracting(JsonNode::asText).containsExactlyElementsOf(REPO_TAGS);
    assertThat(entry.get("Config").asText()).isEqualTo("blobs/sha256/" + image.manifest().config().digest().hex());
    assertThat(entry.get("Layers")).extracting(JsonNode::asText)
        .containsExactly("blobs/sha256/" + image.layers().get(0).digest().hex());
  }

  @Test
  void skopeoReadsItAsADockerArchive() throws IOException {
    JsonNode raw = JSON.readTree(run("skopeo", "inspect", "--raw", "docker-archive:" + tarball));
    JsonNode inspect = JSON.readTree(run("skopeo", "inspect", "docker-archive:" + tarball + ":" + REPO_TAGS.get(1)));

    assertThat(raw.get("config").get("digest").asText()).isEqualTo(image.manifest().config().digest().toString());
    // a docker archive's layers are known by their diff ids
    assertThat(inspect.get("Layers")).extracting(JsonNode::asText)
        .containsExactlyElementsOf(image.config().diffIds().stream().map(Digest::toString).toList());
    assertThat(inspect.get("Name").asText()).isEqualTo("localhost:5000/app");
    assertThat(run("skopeo", "inspect", "--config", "--raw", "docker-archive:" + tarball)).isEqualTo(image.configBytes());
  }

  @Test
  void skopeoFindsOnlyTheRepoTagsThatWereGiven() {
    assertThatThrownBy(() -> run("skopeo", "inspect", "docker-archive:" + tarball + ":localhost:5000/app:2.0"))
        .hasMessageContaining("not found");
  }

  @Test
  void skopeoReadsItAsAnOciArchive() throws IOException {
    JsonNode inspect = JSON.readTree(run("skopeo", "inspect", "oci-archive:" + tarball + ":1.0"));

    assertThat(inspect.get("Digest").asText()).isEqualTo(image.digest().toString());
    assertThat(inspect.get("Layers")).extracting(JsonNode::asText)
        .containsExactly(image.layers().get(0).digest().toString());
    assertThat(run("skopeo", "inspect", "--raw", "oci-archive:" + tarball + ":1.0")).isEqualTo(image.manifestBytes());
  }

  @Test
  void tarballSourceReadsADockerArchiveWrittenBySkopeo() {
    Path layout = tmp.resolve("layout");
    OciLayoutSink.write(image, layout, List.of("1.0"));
    Path docker = tmp.resolve("docker.tar");
    run("skopeo", "copy", "oci:" + layout + ":1.0", "docker-archive:" + docker + ":" + REPO_TAGS.get(0));

    ResolvedImage read = read(docker);

    assertThat(read.image().configBytes()).isEqualTo(image.configBytes());
    assertThat(read.image().config().diffIds()).isEqualTo(image.config().diffIds());
    // skopeo stores the layers uncompressed, so their digests are the diff ids
    assertThat(read.image().layers()).extracting(Layer::digest).containsExactlyElementsOf(image.config().diffIds());
  }

  @Test
  void aPlainLayerIsKnownByItsDiffIdAndCheckedWhenItIsRead() throws IOException {
    Path layout = tmp.resolve("layout");
    OciLayoutSink.write(image, layout, List.of("1.0"));
    Path docker = tmp.resolve("docker.tar");
    run("skopeo", "copy", "oci:" + layout + ":1.0", "docker-archive:" + docker + ":" + REPO_TAGS.get(0));
    read(docker);
    Path unpacked;
    try (Stream<Path> files = Files.walk(tmp.resolve("cache"))) {
      unpacked = files.filter(f -> f.getFileName().toString().startsWith(image.config().diffIds().get(0).hex()))
          .findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(unpacked);
    bytes[600] ^= 1; // in the first file's content, past its tar header
    Files.write(unpacked, bytes);

    Layer layer = read(docker).image().layers().get(0); // not hashed on every build: no error yet

    assertThat(layer.digest()).isEqualTo(image.config().diffIds().get(0));
    assertThatThrownBy(() -> {
      try (InputStream in = layer.blob().open()) {
        in.transferTo(OutputStream.nullOutputStream());
      }
    }).isInstanceOf(BuilderException.class).hasMessageContaining("is corrupt");
  }

  @Test
  void theSameImageGivesTheSameTarball() throws IOException {
    Path again = tmp.resolve("again.tar");
    TarballSink.write(image, again, REPO_TAGS);

    assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(tarball));
  }

  @Test
  void aFailedWriteLeavesNoPartialFileAndKeepsThePreviousTarball() throws IOException {
    byte[] before = Files.readAllBytes(tarball);
    Image broken = Image.of(image.config(), List.of(unreadableLayer()), Map.of());

    assertThatThrownBy(() -> TarballSink.write(broken, tarball, REPO_TAGS))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("cannot write the image tarball " + tarball);
    assertThat(Files.readAllBytes(tarball)).isEqualTo(before);
    try (Stream<Path> files = Files.list(tarball.getParent())) {
      assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("image.tar");
    }
  }

  @Test
  void aFileThatIsNotATarballIsRefused() throws IOException {
    Path text = tmp.resolve("notes.txt");
    Files.writeString(text, "not a tarball");

    assertThatThrownBy(() -> read(text))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("tar://notes.txt");
    assertThatThrownBy(() -> read(tmp.resolve("missing.tar")))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("is not a file");
  }

  @Test
  void anEntryThatLeavesTheArchiveIsRefused() throws IOException {
    Path evil = tar(tmp.resolve("evil.tar"), Map.of("../../escaped.txt", "x"));

    assertThatThrownBy(() -> read(evil))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("has an entry '../../escaped.txt' that points outside the archive");
    try (Stream<Path> all = Files.walk(tmp)) {
      assertThat(all).extracting(p -> p.getFileName().toString()).doesNotContain("escaped.txt");
    }
  }

  @Test
  void aManifestJsonNamingFilesOutsideTheArchiveIsRefused() throws IOException {
    Path evil = tar(tmp.resolve("evil.tar"),
        Map.of("manifest.json", "[{\"Config\":\"../../../etc/hostname\",\"RepoTags\":[],\"Layers\":[]}]"));

    assertThatThrownBy(() -> read(evil))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("manifest.json names '../../../etc/hostname', which the tarball lacks");
  }

  @Test
  void linksInTheArchiveAreNotUnpackedNorFollowed() throws IOException {
    Path archive = tmp.resolve("links.tar");
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(archive))) {
      TarArchiveEntry link = new TarArchiveEntry("layer.tar", TarConstants.LF_SYMLINK);
      link.setLinkName("/etc/hostname");
      out.putArchiveEntry(link);
      out.closeArchiveEntry();
      byte[] manifest = "[{\"Config\":\"layer.tar\",\"RepoTags\":[],\"Layers\":[]}]".getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry entry = new TarArchiveEntry("manifest.json");
      entry.setSize(manifest.length);
      out.putArchiveEntry(entry);
      out.write(manifest);
      out.closeArchiveEntry();
    }

    assertThatThrownBy(() -> read(archive))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("manifest.json names 'layer.tar', which the tarball lacks");
  }

  private static Path tar(Path file, Map<String, String> entries) throws IOException {
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(file))) {
      for (Map.Entry<String, String> e : entries.entrySet()) {
        byte[] bytes = e.getValue().getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(e.getKey(), true);
        entry.setSize(bytes.length);
        out.putArchiveEntry(entry);
        out.write(bytes);
        out.closeArchiveEntry();
      }
    }
    return file;
  }

  private static Layer unreadableLayer() {
    Digest digest = Digest.of(new byte[] {1});
    Blob blob = new Blob() {
      @Override
      public Digest digest() {
        return digest;
      }

      @Override
      public long size() {
        return 1;
      }

      @Override
      public InputStream open() throws IOException {
        throw new IOException("disk gone");
      }
    };
    return new Layer(new Descriptor(MediaTypes.OCI_LAYER_GZIP, digest, 1), digest, blob);
  }

  private static byte[] entry(Path tar, String name) throws IOException {
    try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tar))) {
      for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
        if (e.getName().equals(name)) {
          return in.readAllBytes();
        }
      }
    }
    throw new AssertionError(name + " is not in " + tar);
  }
}
