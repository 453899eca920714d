package dev.builder.maven;

import dev.builder.core.assembly.BuiltImage;
import dev.builder.core.assembly.BuiltImages;
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
import java.util.TreeMap;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.model.Developer;
import org.apache.maven.model.License;
import org.apache.maven.project.MavenProject;

/**
 * The SBOMs an earlier build wrote into the work folder, taken again when nothing they were made from has changed but
 * the images' digests. Making one loads the SBOM libraries, reads the POM of every dependency and hashes every jar,
 * about a second for a Spring Boot app, which a push of one changed class would otherwise pay every time.
 *
 * <p>The key covers everything the SBOM is made from except the digests of the images it describes: the format and
 * the tool's version; the image's name and tags; each image's platform, creation time, base (name and digest) and
 * linked runtime; where each jar lies in the image; the project's coordinates, licenses, organization and developers
 * and its POM files; and for every dependency its coordinates, scope, dependency trail (the graph), file and POM file,
 * by size and modification time. What a released dependency's parent POMs say is taken as fixed, as Maven itself
 * takes released artifacts. The digests the documents were made for are recorded beside them: documents found under
 * the key are remade for the new digests ({@link dev.builder.sbom.Sbom#withDigests}), which gives the bytes a full
 * generation would. The SBOM files are trusted only while they keep the size and time recorded with them.
 */
final class SbomCache {
  private final Path keyFile;

  SbomCache(Path workDirectory, SbomFormat format) {
    this.keyFile = workDirectory.resolve(format.fileName() + ".key");
  }

  /**
   * The key of the SBOMs whose part known before the build is {@code beforeBuild} ({@link #beforeBuild}), of images
   * that {@code images} describes apart from their digests ({@link #imagesOf}).
   */
  static Digest key(Digest beforeBuild, String images) {
    String key = "builder-sbom-cache-3\n" + beforeBuild + "\n" + images;
    return Digest.of(key.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The part of the key a push knows before it builds: the project of {@code facts} ({@link #factsKey}), pushed as
   * {@code name} with {@code tags}. A new repository is a new key, whose SBOM is made anew.
   */
  static Digest beforeBuild(Digest facts, String name, List<String> tags) {
    String key = "builder-sbom-before-1\n" + facts + "\n" + name + " " + tags;
    return Digest.of(key.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The part of the key known before the image is built: what the SBOM takes from {@code project} and its
   * dependencies, in {@code format}, by builder {@code toolVersion}.
   */
  static Digest factsKey(MavenProject project, List<MavenProject> reactor, SbomFormat format, String toolVersion) {
    StringBuilder key = new StringBuilder("builder-sbom-facts-1\n");
    key.append(format.id()).append(' ').append(toolVersion).append('\n');
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
   * What an SBOM takes from the built images other than their digests: for each, its platform, creation time, base
   * and linked runtime, and where every jar lies in it.
   */
  static String imagesOf(BuiltImages built) {
    StringBuilder images = new StringBuilder();
    for (BuiltImage image : built.images()) {
      images.append("image ").append(image.image().config().platform()).append(' ')
          .append(image.image().config().created()).append(' ').append(image.base().name()).append(' ')
          .append(image.base().digest()).append(' ').append(image.linkedRuntime()).append('\n');
    }
    images.append(built.index().isPresent() ? "index\n" : "");
    new TreeMap<>(built.jarPaths()).forEach((jar, path) -> images.append("jar ").append(jar).append(' ').append(path)
        .append('\n'));
    return images.toString();
  }

  /** The digests a build described (an index's first, then each image's), in the order its documents were made. */
  static List<Digest> digestsOf(BuiltImages built) {
    List<Digest> digests = new ArrayList<>();
    built.index().ifPresent(index -> digests.add(index.digest()));
    built.images().forEach(image -> digests.add(image.image().digest()));
    return digests;
  }

  /** Documents found under a key, and the digests of the images they describe. */
  record Found(List<Digest> digests, List<byte[]> documents) {}

  /**
   * The documents written under this key, in the order they were made (an index's first, then each platform's), if
   * every file is as it was written.
   */
  Optional<Found> find(Digest key) {
    try {
      if (!Files.isRegularFile(keyFile)) {
        return Optional.empty();
      }
      List<String> lines = Files.readAllLines(keyFile, StandardCharsets.UTF_8);
      if (lines.size() < 3 || !lines.get(0).equals(key.toString()) || !lines.get(2).startsWith("digests ")) {
        return Optional.empty();
      }
      List<Digest> digests = new ArrayList<>();
      for (String digest : lines.get(2).substring("digests ".length()).split(" ")) {
        digests.add(Digest.parse(digest));
      }
      List<byte[]> documents = new ArrayList<>();
      for (String line : lines.subList(3, lines.size())) {
        Path file = keyFile.resolveSibling(line.substring(0, line.indexOf(' ')));
        if (!line.equals(file.getFileName() + " " + stat(file.toFile()))) {
          return Optional.empty();
        }
        documents.add(Files.readAllBytes(file));
      }
      return documents.size() != digests.size() ? Optional.empty() : Optional.of(new Found(digests, documents));
    } catch (IOException | RuntimeException unusable) {
      return Optional.empty(); // made again
    }
  }

  /**
   * Whether the last SBOMs recorded were made under the same {@link #beforeBuild} key, from the same project and
   * dependencies for the same name and tags: then the next are likely to be found, and nothing needs reading ahead of
   * the build.
   */
  boolean madeFrom(Digest beforeBuild) {
    try {
      List<String> lines = Files.readAllLines(keyFile, StandardCharsets.UTF_8);
      return lines.size() > 1 && lines.get(1).equals("before " + beforeBuild);
    } catch (IOException | RuntimeException none) {
      return false;
    }
  }

  /**
   * Records that {@code files}, in the order their documents were made, were made under {@code key}, whose
   * {@link #beforeBuild} part is {@code beforeBuild}, for the images of {@code digests}, in the same order.
   */
  void store(Digest key, Digest beforeBuild, List<Digest> digests, List<Path> files) {
    StringBuilder text = new StringBuilder(key.toString()).append('\n').append("before ").append(beforeBuild)
        .append('\n')
        .append("digests");
    digests.forEach(digest -> text.append(' ').append(digest));
    text.append('\n');
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
