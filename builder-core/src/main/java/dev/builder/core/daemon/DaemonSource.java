package dev.builder.core.daemon;

import dev.builder.core.BuilderException;
import dev.builder.core.daemon.DockerEngine.ImageInfo;
import dev.builder.core.image.Digest;
import dev.builder.core.image.ImageSource;
import dev.builder.core.image.Platform;
import dev.builder.core.tarball.ImageArchive;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a base image from a Docker-API daemon ({@code docker://NAME}): {@code GET /images/NAME/json} for its id,
 * then, unless the cache already holds that id, {@code GET /images/ID/get}, the daemon's {@code docker save}
 * archive, streamed into the cache and read like a {@code tar://} base.
 */
public final class DaemonSource implements ImageSource {
  private final DaemonLocator locator;
  private final String reference;
  private final Path cacheDirectory;
  private final String name;

  /**
   * @param reference the image as the daemon names it: {@code NAME[:TAG]}, {@code NAME@sha256:...} or an id
   * @param name the base as the user wrote it, such as {@code docker://eclipse-temurin:17}
   */
  public DaemonSource(DaemonLocator locator, String reference, Path cacheDirectory, String name) {
    this.locator = locator;
    this.reference = reference;
    this.cacheDirectory = cacheDirectory;
    this.name = name;
  }

  @Override
  public ResolvedImage resolve(Platform platform) {
    Unpacked image = unpacked();
    return ImageArchive.read(image.directory(), platform, name, image.what());
  }

  /** The one image the daemon holds under the reference. */
  @Override
  public dev.builder.core.image.Taggable read() {
    return resolve(platforms().get(0)).image();
  }

  @Override
  public List<Platform> platforms() {
    Unpacked image = unpacked();
    return ImageArchive.platforms(image.directory(), name, image.what());
  }

  private record Unpacked(Path directory, String what) {}

  /** The daemon's image, exported into the cache unless the cache holds its id already. */
  private Unpacked unpacked() {
    if (reference.isBlank()) {
      throw new BuilderException(name + " names no image; write docker://NAME[:TAG], as docker images lists it");
    }
    DockerEngine engine = locator.connect();
    ImageInfo info = engine.inspect(reference).orElseThrow(() -> new BuilderException(name + ": the daemon at "
        + engine.address() + " has no image " + reference + ". Pull or build it there first (docker pull "
        + reference + "), or check the name with docker images."));
    Path unpacked = cacheDirectory.resolve("daemon").resolve(key(info.id()));
    String what = "the image " + reference + " (" + info.id() + ") of the daemon at " + engine.address();
    if (!Files.isDirectory(unpacked)) {
      // by id, so that what lands in the cache is the image the key names even when the tag moves meanwhile
      // the local daemon's own export: its size is not known beforehand, so only its entries are checked
      engine.export(info.id(), tar -> ImageArchive.unpack(tar, unpacked, name, what, Long.MAX_VALUE));
    }
    return new Unpacked(unpacked, what);
  }

  /** The id as a folder name: its hex when it is a digest, as Docker's and Podman's ids are. */
  private static String key(String id) {
    try {
      return Digest.parse(id).hex();
    } catch (BuilderException notADigest) {
      return Digest.of(id.getBytes(StandardCharsets.UTF_8)).hex();
    }
  }
}
