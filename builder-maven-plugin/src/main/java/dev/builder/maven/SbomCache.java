package dev.builder.maven;

import dev.builder.core.image.Digest;
import dev.builder.sbom.SbomFormat;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.model.Developer;
import org.apache.maven.model.License;
import org.apache.maven.project.MavenProject;

/**
 * The SBOMs an earlier build wrote into the work folder, taken again when nothing they were made from has changed. Making
 * one loads the SBOM libraries and reads the POM of every dependency, about a second for a Spring Boot app, which an
 * unchanged push would otherwise pay every time.
 *
 * <p>The key covers everything the SBOM is made from: the format and the tool's version; the image digest (which
 * covers the jars' bytes and names, the classpath, the base and the annotations from the POM); the image's name and
 * tags; the project's coordinates, licenses, organization and developers and its POM files; and for every dependency
 * its coordinates, scope, dependency trail (the graph), file and POM file, by size and modification time. What a
 * released dependency's parent POMs say is taken as fixed, as Maven itself takes released artifacts. The SBOM files
 * are trusted only while they keep the size and time recorded with them.
 */
final class SbomCache {
  private final Path keyFile;

  SbomCache(Path workDirectory, SbomFormat format) {
    this.keyFile = workDirectory.resolve(format.fileName() + ".key");
  }

  /**
   * The key of the SBOMs of {@code image} (an image's digest, or an index's, which covers its images), named
   * {@code name} with {@code tags}, made from {@code project}.
   */
  static Digest key(MavenProject project, List<MavenProject> reactor, Digest image, String name, List<String> tags,
      SbomFormat format, String toolVersion) {
    StringBuilder key = new StringBuilder("builder-sbom-cache-1\n");
    key.append(format.id()).append(' ').append(toolVersion).append('\n');
    key.append(image).append(' ').append(name).append(' ').append(tags).append('\n');
    key.append(project.getId()).append(' ').append(project.getPackaging()).append('\n');
    for (License license : project.getLicenses()) {
      key.append("license ").append(license.getName()).append(' ').append(license.getUrl()).append('\n');
    }
    key.append("organization ").append(project.getOrganization() == null ? null : project.getOrganization().getName())
        .append('\n');
    for (Developer d : project.getDevelopers()) {
      key.append("developer ").append(d.getId()).append(' ').append(d.getName()).append(' ')
          .append(d.getOrganization()).append('\n');
    }
    for (MavenProject p = project; p != null; p = p.getParent()) {
      key.append("pom ").append(p.getId()).append(' ').append(stat(p.getFile())).append('\n');
    }
    for (Artifact a : project.getArtifacts()) {
      key.append("artifact ").append(a.getId()).append(' ').append(a.getScope()).append(' ')
          .append(a.getDependencyTrail()).append(' ').append(stat(a.getFile())).append(' ')
          .append(stat(pomOf(a, reactor))).append('\n');
    }
    return Digest.of(key.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The documents written under this key, in the order they were made (an index's first, then each platform's), if
   * every file is as it was written.
   */
  Optional<List<byte[]>> find(Digest key) {
    try {
      if (!Files.isRegularFile(keyFile)) {
        return Optional.empty();
      }
      List<String> lines = Files.readAllLines(keyFile, StandardCharsets.UTF_8);
      if (lines.isEmpty() || !lines.get(0).equals(key.toString())) {
        return Optional.empty();
      }
      List<byte[]> documents = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        Path file = keyFile.resolveSibling(line.substring(0, line.indexOf(' ')));
        if (!line.equals(file.getFileName() + " " + stat(file.toFile()))) {
          return Optional.empty();
        }
        documents.add(Files.readAllBytes(file));
      }
      return documents.isEmpty() ? Optional.empty() : Optional.of(documents);
    } catch (IOException | RuntimeException unusable) {
      return Optional.empty(); // made again
    }
  }

  /** Records that {@code files}, in the order their documents were made, were made under {@code key}. */
  void store(Digest key, List<Path> files) {
    StringBuilder text = new StringBuilder(key.toString()).append('\n');
    for (Path file : files) {
      text.append(file.getFileName()).append(' ').append(stat(file.toFile())).append('\n');
    }
    try {
      Path temp = keyFile.resolveSibling(keyFile.getFileName() + ".partial");
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      Files.move(temp, keyFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // the SBOMs are right all the same; the next build makes them again
    }
  }

  /** The POM beside a dependency: the reactor module's own, else the one next to its jar in the repository. */
  private static File pomOf(Artifact artifact, List<MavenProject> reactor) {
    for (MavenProject module : reactor) {
      if (module.getGroupId().equals(artifact.getGroupId())
          && module.getArtifactId().equals(artifact.getArtifactId())) {
        return module.getFile();
      }
    }
    File jar = artifact.getFile();
    return jar == null ? null : new File(jar.getParentFile(), artifact.getArtifactId() + "-" + artifact.getVersion()
        + ".pom");
  }

  private static String stat(File file) {
    if (file == null) {
      return "none";
    }
    try {
      BasicFileAttributes attributes = Files.readAttributes(file.toPath(), BasicFileAttributes.class);
      return file.getAbsolutePath() + ":" + attributes.size() + ":" + attributes.lastModifiedTime().toInstant();
    } catch (IOException e) {
      return file.getAbsolutePath() + ":missing";
    }
  }
}
