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
import dev.builder.core.image.LayerCompression;
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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("skopeo")
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
    new TarballSink(tarball).write(image, REPO_TAGS);
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
    new OciLayoutSink(layout).write(image, List.of("1.0"));
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
    new OciLayoutSink(layout).write(image, List.of("1.0"));
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
    new TarballSink(again).write(image, REPO_TAGS);

    assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(tarball));
  }

  @Test
  void aFailedWriteLeavesNoPartialFileAndKeepsThePreviousTarball() throws IOException {
    byte[] before = Files.readAllBytes(tarball);
    Image broken = Image.of(image.config(), List.of(unreadableLayer()), Map.of());

    assertThatThrownBy(() -> new TarballSink(tarball).write(broken, REPO_TAGS))
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
  void aLinkOutOfTheArchiveIsRefusedNotFollowed() throws IOException {
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
        .hasMessageContaining("has an entry 'layer.tar' that points outside the archive");
  }

  @Test
  void aLinkInsideTheArchiveBecomesACopyOfItsTarget() throws IOException {
    Path docker = skopeoDockerArchive();
    Path linked = tmp.resolve("linked.tar");
    // old docker save wrote a repeated layer as a symlink to the first copy; here the config is reached by one
    rewrite(docker, linked, (entry, bytes, out) -> {
      if (entry.getName().equals("manifest.json")) {
        String json = new String(bytes, StandardCharsets.UTF_8);
        String config = JSON.readTree(bytes).get(0).get("Config").asText();
        addFile(out, "manifest.json", json.replace(config, "link/config.json").getBytes(StandardCharsets.UTF_8));
        TarArchiveEntry link = new TarArchiveEntry("link/config.json", TarArchiveEntry.LF_SYMLINK);
        link.setLinkName("../" + config);
        out.putArchiveEntry(link);
        out.closeArchiveEntry();
        return;
      }
      addFile(out, entry.getName(), bytes);
    });

    ResolvedImage read = read(linked);

    assertThat(read.image().configBytes()).isEqualTo(image.configBytes());
    assertThat(read.name()).isEqualTo("tar://linked.tar");
  }

  @Test
  void linksThatLeaveTheArchiveAreRefusedAndNothingIsWrittenThroughThem() throws IOException {
    for (String target : List.of("/etc/passwd", "../../../escaped.txt", "../../outside")) {
      Path evil = tmp.resolve("link-" + Math.abs(target.hashCode()) + ".tar");
      try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(evil))) {
        TarArchiveEntry link = new TarArchiveEntry("blobs/evil", TarArchiveEntry.LF_SYMLINK);
        link.setLinkName(target);
        out.putArchiveEntry(link);
        out.closeArchiveEntry();
        addFile(out, "blobs/evil/passwd", "written through the link".getBytes(StandardCharsets.UTF_8));
      }

      assertThatThrownBy(() -> read(evil))
          .as(target)
          .isInstanceOf(BuilderException.class)
          .hasMessageContaining("has an entry 'blobs/evil' that points outside the archive");
    }
    assertThat(tmp.resolve("cache/tarballs")).isEmptyDirectory();
  }

  @Test
  void aHardLinkThatLeavesTheArchiveIsRefused() throws IOException {
    Path evil = tmp.resolve("hardlink.tar");
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(evil))) {
      TarArchiveEntry link = new TarArchiveEntry("index.json", TarArchiveEntry.LF_LINK);
      link.setLinkName("../../../etc/hostname");
      out.putArchiveEntry(link);
      out.closeArchiveEntry();
    }

    assertThatThrownBy(() -> read(evil))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("has an entry 'index.json' that points outside the archive");
  }

  @Test
  void deviceFilesAndFifosAreRefused() throws IOException {
    for (byte type : new byte[] {TarArchiveEntry.LF_CHR, TarArchiveEntry.LF_BLK, TarArchiveEntry.LF_FIFO}) {
      Path evil = tmp.resolve("special-" + type + ".tar");
      try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(evil))) {
        TarArchiveEntry device = new TarArchiveEntry("blobs/null", type);
        out.putArchiveEntry(device);
        out.closeArchiveEntry();
      }

      assertThatThrownBy(() -> read(evil))
          .isInstanceOf(BuilderException.class)
          .hasMessageContaining("has an entry 'blobs/null' that is a device, FIFO or other special file");
    }
  }

  @Test
  void aCompressedLayerWhoseContentIsNotWhatTheConfigSaysIsCorrupt() throws IOException {
    Path docker = skopeoDockerArchive();
    String layerName = JSON.readTree(entry(docker, "manifest.json")).get(0).get("Layers").get(0).asText();
    Path corrupt = tmp.resolve("corrupt.tar");
    // a plain layer is known by its diff id and checked when read (above); a compressed one is checked here
    rewrite(docker, corrupt, (entry, bytes, out) -> {
      if (entry.getName().equals(layerName)) {
        bytes[bytes.length / 3] ^= 1;
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(gz)) {
          gzip.write(bytes);
        }
        bytes = gz.toByteArray();
      }
      addFile(out, entry.getName(), bytes);
    });

    assertThatThrownBy(() -> read(corrupt))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("tar://corrupt.tar is corrupt: layer " + layerName + " has content whose diff id is")
        .hasMessageContaining("but the config says " + image.config().diffIds().get(0));
  }

  @Test
  void aDockerArchiveWithZstdLayersIsRead() throws IOException {
    Path docker = skopeoDockerArchive();
    Path zstd = tmp.resolve("zstd.tar");
    // docker save of an image whose layers containerd stores as zstd: the layer files are zstd frames
    rewrite(docker, zstd, (entry, bytes, out) -> {
      if (entry.getName().endsWith(".tar") && !entry.getName().equals("manifest.json")) {
        Path plain = tmp.resolve("layer");
        Files.write(plain, bytes);
        run("zstd", "-q", "-f", plain.toString(), "-o", plain + ".zst");
        bytes = Files.readAllBytes(Path.of(plain + ".zst"));
      }
      addFile(out, entry.getName(), bytes);
    });

    ResolvedImage read = read(zstd);

    assertThat(read.image().config().diffIds()).isEqualTo(image.config().diffIds());
    assertThat(read.image().layers()).extracting(l -> l.descriptor().mediaType())
        .containsOnly(MediaTypes.OCI_LAYER_ZSTD);
    try (InputStream in = LayerCompression.ZSTD.decompress(read.image().layers().get(0).blob().open())) {
      assertThat(Digest.of(in)).isEqualTo(image.config().diffIds().get(0));
    }
  }

  @Test
  void buildsThatUnpackOneTarballAtOnceAllReadItAndLeaveNothingHalfDone() throws Exception {
    java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<ResolvedImage>> reads = new java.util.ArrayList<>();
      for (int i = 0; i < 8; i++) {
        reads.add(threads.submit(() -> read(tarball)));
      }
      for (java.util.concurrent.Future<ResolvedImage> r : reads) {
        assertThat(r.get().digest()).isEqualTo(image.digest());
      }
    } finally {
      threads.shutdownNow();
    }
    try (Stream<Path> files = Files.walk(tmp.resolve("cache"))) {
      assertThat(files.filter(f -> f.getFileName().toString().contains(".partial"))).isEmpty();
    }
  }

  private Path skopeoDockerArchive() {
    Path layout = tmp.resolve("layout");
    new OciLayoutSink(layout).write(image, List.of("1.0"));
    Path docker = tmp.resolve("docker.tar");
    run("skopeo", "copy", "oci:" + layout + ":1.0", "docker-archive:" + docker + ":" + REPO_TAGS.get(0));
    return docker;
  }

  /** Writes one entry of a rewritten tarball. */
  @FunctionalInterface
  private interface EntryWriter {
    void write(TarArchiveEntry entry, byte[] bytes, TarArchiveOutputStream out) throws IOException;
  }

  private static void rewrite(Path from, Path to, EntryWriter writer) throws IOException {
    try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(from));
        TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(to))) {
      out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
        if (e.isFile() && !e.isSymbolicLink() && !e.isLink()) { // commons-compress calls links files too
          writer.write(e, in.readAllBytes(), out);
        }
      }
    }
  }

  private static void addFile(TarArchiveOutputStream out, String name, byte[] bytes) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(bytes.length);
    out.putArchiveEntry(entry);
    out.write(bytes);
    out.closeArchiveEntry();
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
