package dev.builder.core.tarball;

import dev.builder.core.BuilderException;
import dev.builder.core.image.Digest;
import dev.builder.core.image.ImageSource;
import dev.builder.core.image.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.builder.core.image.Taggable;
import dev.builder.core.layout.OciLayoutSource;
import java.util.List;

/**
 * Reads a base image from a tarball: an OCI archive (an image layout in a tar) or a {@code docker save} archive.
 * The tarball is unpacked once into the cache, keyed by its path, size and time, and read from there.
 */
public final class TarballSource implements ImageSource {
  private final Path file;
  private final Path cacheDirectory;
  private final String name;

  public TarballSource(Path file, Path cacheDirectory, String name) {
    this.file = file;
    this.cacheDirectory = cacheDirectory;
    this.name = name;
  }

  @Override
  public ResolvedImage resolve(Platform platform) {
    checkFile();
    ResolvedImage read = ImageArchive.read(unpack(), platform, name, file.toString());
    return new ResolvedImage(read.image(), portableName(), read.digest());
  }

  /** An OCI archive's image or index as it was written; a {@code docker save} archive's one image. */
  @Override
  public Taggable read() {
    checkFile();
    Path unpacked = unpack();
    if (Files.isRegularFile(unpacked.resolve("index.json"))) {
      return new OciLayoutSource(unpacked, null, name).read();
    }
    return resolve(platforms().get(0)).image();
  }

  @Override
  public List<Platform> platforms() {
    checkFile();
    return ImageArchive.platforms(unpack(), name, file.toString());
  }

  private void checkFile() {
    if (!Files.isRegularFile(file)) {
      throw new BuilderException(name + ": " + file + " is not a file. Point tar:// at an image tarball, for example"
          + " one written by 'docker save' or 'skopeo copy ... docker-archive:FILE'.");
    }
  }

  /**
   * The name recorded in the image (the {@code base.name} annotation, the SBOM): the file's name without the folders
   * above it, which are this machine's business and would make the digest depend on where it builds.
   */
  private String portableName() {
    return "tar://" + file.getFileName();
  }

  private Path unpack() {
    try {
      String key = file.toAbsolutePath().normalize() + "|" + Files.size(file) + "|" + Files.getLastModifiedTime(file);
      Path target = cacheDirectory.resolve("tarballs").resolve(Digest.of(key.getBytes(StandardCharsets.UTF_8)).hex());
      if (Files.isDirectory(target)) {
        return target;
      }
      try (InputStream in = Files.newInputStream(file)) {
        // no more than the file holds: only sparse entries, which are refused, could unpack to more
        return ImageArchive.unpack(in, target, name, file.toString(), Files.size(file));
      }
    } catch (IOException e) {
      throw new BuilderException(name + ": cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
