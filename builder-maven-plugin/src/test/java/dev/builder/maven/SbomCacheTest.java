package dev.builder.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builder.core.image.Digest;
import dev.builder.sbom.Sbom;
import dev.builder.sbom.SbomFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.model.License;
import org.apache.maven.model.Model;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SbomCacheTest {
  private static final Digest IMAGE = Digest.of("image".getBytes(StandardCharsets.UTF_8));
  private static final String IMAGES = "image linux/amd64 1970-01-01T00:00:00Z base sha256:" + "ab".repeat(32) + "\n";
  private static final SbomFormat FORMAT = SbomFormat.SPDX;

  @TempDir Path tmp;
  private MavenProject project;
  private Path jar;
  private Path work;

  @BeforeEach
  void project() throws IOException {
    Model model = new Model();
    model.setGroupId("com.example");
    model.setArtifactId("app");
    model.setVersion("1.0");
    model.setPackaging("jar");
    project = new MavenProject(model);
    Path pom = Files.writeString(tmp.resolve("pom.xml"), "<project/>");
    project.setFile(pom.toFile());
    Path repo = Files.createDirectories(tmp.resolve("repo/lib/1.0"));
    jar = Files.write(repo.resolve("lib-1.0.jar"), new byte[] {1, 2, 3});
    Files.writeString(repo.resolve("lib-1.0.pom"), "<project/>");
    Artifact lib = new DefaultArtifact("com.example", "lib", "1.0", "compile", "jar", null,
        new DefaultArtifactHandler("jar"));
    lib.setFile(jar.toFile());
    lib.setDependencyTrail(List.of("com.example:app:jar:1.0", "com.example:lib:jar:1.0"));
    project.setArtifacts(Set.of(lib));
    work = tmp.resolve("target/builder");
  }

  private Digest key() {
    return SbomCache.key(beforeBuild(), IMAGES);
  }

  private Digest beforeBuild() {
    return SbomCache.beforeBuild(facts(), "registry.example/app", List.of("1.0", "latest"));
  }

  private Digest facts() {
    return SbomCache.factsKey(project, List.of(project), FORMAT, "0.1.0");
  }

  /** Writes an SBOM as the plugin does, and records its key. */
  private void write(Digest key) {
    Path file = new Sbom(FORMAT, "{\"spdxVersion\":\"SPDX-2.3\"}".getBytes(StandardCharsets.UTF_8)).writeTo(work);
    new SbomCache(work, FORMAT).store(key, beforeBuild(), List.of(IMAGE), List.of(file));
  }

  @Test
  void theSameInputsFindTheSbomWritten() {
    write(key());

    assertThat(new SbomCache(work, FORMAT).find(key())).hasValueSatisfying(found -> assertThat(found.documents())
        .singleElement().satisfies(d -> assertThat(new String(d, StandardCharsets.UTF_8)).contains("SPDX-2.3")));
  }

  @Test
  void theDocumentsOfAnIndexComeBackInTheOrderTheyWereMade() {
    Path index = new Sbom(FORMAT, "{\"index\":1}".getBytes(StandardCharsets.UTF_8)).writeTo(work);
    Path amd64 = new Sbom(FORMAT, "{\"amd64\":1}".getBytes(StandardCharsets.UTF_8)).writeTo(work, "linux-amd64");
    Path arm64 = new Sbom(FORMAT, "{\"arm64\":1}".getBytes(StandardCharsets.UTF_8)).writeTo(work, "linux-arm64");
    List<Digest> digests = List.of(Digest.of(new byte[] {1}), Digest.of(new byte[] {2}), Digest.of(new byte[] {3}));
    new SbomCache(work, FORMAT).store(key(), beforeBuild(), digests, List.of(index, amd64, arm64));

    SbomCache.Found found = new SbomCache(work, FORMAT).find(key()).orElseThrow();
    assertThat(found.documents()).extracting(d -> new String(d, StandardCharsets.UTF_8))
        .containsExactly("{\"index\":1}", "{\"amd64\":1}", "{\"arm64\":1}");
    assertThat(found.digests()).isEqualTo(digests);
  }

  @Test
  void anotherBaseImageNameOrToolVersionIsAnotherKey() {
    assertThat(SbomCache.key(beforeBuild(), IMAGES.replace("ab", "cd"))).isNotEqualTo(key());
    assertThat(SbomCache.key(SbomCache.beforeBuild(facts(), "registry.example/other", List.of("1.0", "latest")),
        IMAGES)).isNotEqualTo(key());
    assertThat(SbomCache.key(SbomCache.beforeBuild(SbomCache.factsKey(project, List.of(project), FORMAT, "0.2.0"),
        "registry.example/app", List.of("1.0", "latest")), IMAGES)).isNotEqualTo(key());
  }

  @Test
  void aChangedDependencyFileOrLicenseOrGraphIsAnotherKey() throws IOException {
    Digest before = key();
    Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
    Digest touched = key();
    License license = new License();
    license.setName("MIT");
    project.getModel().addLicense(license);
    Digest licensed = key();
    project.getArtifacts().iterator().next().setDependencyTrail(List.of("com.example:app:jar:1.0",
        "com.example:middle:jar:1.0", "com.example:lib:jar:1.0"));

    assertThat(List.of(before, touched, licensed, key())).doesNotHaveDuplicates();
  }

  @Test
  void anEditedOrMissingSbomFileIsMadeAgain() throws IOException {
    write(key());
    Path file = work.resolve(FORMAT.fileName());
    Files.writeString(file, "{\"edited\":true}");
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));

    assertThat(new SbomCache(work, FORMAT).find(key())).isEmpty();

    write(key());
    Files.delete(file);
    assertThat(new SbomCache(work, FORMAT).find(key())).isEmpty();
  }

  @Test
  void theLastSbomsSayWhichDependenciesNameAndTagsTheyWereMadeFrom() throws IOException {
    Digest before = beforeBuild();
    write(key());

    assertThat(new SbomCache(work, FORMAT).madeFrom(before)).isTrue();
    // a push to a new repository (as on a fresh CI run) makes its SBOM anew: it must not skip the head start
    assertThat(new SbomCache(work, FORMAT).madeFrom(SbomCache.beforeBuild(facts(), "registry.example/other",
        List.of("1.0", "latest")))).isFalse();
    assertThat(new SbomCache(work, FORMAT).madeFrom(SbomCache.beforeBuild(facts(), "registry.example/app",
        List.of("1.1", "latest")))).isFalse();
    Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
    assertThat(new SbomCache(work, FORMAT).madeFrom(beforeBuild())).isFalse();
  }

  @Test
  void nothingRecordedIsNothingFound() {
    assertThat(new SbomCache(work, FORMAT).find(key())).isEmpty();
  }
}
