package dev.builder.core.tarball;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.builder.core.BuilderException;
import dev.builder.core.image.Blob;
import dev.builder.core.image.ConfigFile;
import dev.builder.core.image.Descriptor;
import dev.builder.core.image.Digest;
import dev.builder.core.image.Image;
import dev.builder.core.image.ImageSource.ResolvedImage;
import dev.builder.core.image.Json;
import dev.builder.core.image.LayerCompression;
import dev.builder.core.image.Manifest;
import dev.builder.core.image.MediaTypes;
import dev.builder.core.image.Platform;
import dev.builder.core.io.Files2;
import dev.builder.core.layout.OciLayoutSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An image archive, the tar that {@code docker save} writes and {@code docker load} reads, unpacked on disk: an OCI
 * image layout, or Docker's {@code manifest.json} with a config and layer files. Read alike whether it came from a
 * file ({@code tar://}) or from a daemon ({@code docker://}).
 */
public final class ImageArchive {
  private static final Pattern NAMED_BY_DIGEST = Pattern.compile("(?:.*/)?([0-9a-f]{64})(?:\\.json)?");

  private ImageArchive() {}

  /**
   * Unpacks {@code tar} into {@code target}, assembled beside it and moved into place whole, as
   * {@link TarballUnpacker} does: what is not a folder or a regular file inside the folder is refused. When another
   * build unpacked the same archive at the same moment, its copy stands.
   *
   * @param name the base image as the user wrote it, for errors
   * @param what where the archive comes from, for errors: a file, a daemon
   * @param maxBytes the most that may be unpacked: a file's own size; a daemon's stream has no such bound
   */
  public static Path unpack(InputStream tar, Path target, String name, String what, long maxBytes) {
    try {
      // a folder of its own: modules of a parallel build (mvn -T) may unpack the same base at the same moment
      Path temp = Files.createTempDirectory(Files.createDirectories(target.getParent()),
          target.getFileName() + ".partial-");
      try {
        new TarballUnpacker(name, what).unpackInto(tar, temp, maxBytes);
      } catch (IOException e) {
        Files2.deleteQuietly(temp);
        throw new BuilderException(name + ": " + what + " is not a readable tar archive: " + e.getMessage(), e);
      } catch (RuntimeException e) {
        Files2.deleteQuietly(temp);
        throw e;
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        Files2.deleteQuietly(temp); // another build unpacked it at the same moment; theirs is as good
        if (!Files.isDirectory(target)) {
          throw e;
        }
      }
      return target;
    } catch (IOException e) {
      throw new BuilderException(name + ": cannot unpack " + what + " into " + target + ": " + e.getMessage(), e);
    }
  }

  /** Reads the image for {@code platform} from an unpacked archive: its OCI layout, else its {@code manifest.json}. */
  public static ResolvedImage read(Path dir, Platform platform, String name, String what) {
    if (Files.isRegularFile(dir.resolve("index.json"))) {
      return new OciLayoutSource(dir, null, name).resolve(platform);
    }
    if (Files.isRegularFile(dir.resolve("manifest.json"))) {
      return dockerArchive(dir, platform, name, what);
    }
    throw notAnArchive(name, what);
  }

  private static BuilderException notAnArchive(String name, String what) {
    return new BuilderException(name + ": " + what + " is not an image tarball: it has neither index.json nor"
        + " manifest.json. Use a tarball from 'docker save' or 'skopeo copy ... docker-archive:FILE'.");
  }

  /** The platforms an unpacked archive has images for. */
  public static List<Platform> platforms(Path dir, String name, String what) {
    if (Files.isRegularFile(dir.resolve("index.json"))) {
      return new OciLayoutSource(dir, null, name).platforms();
    }
    if (Files.isRegularFile(dir.resolve("manifest.json"))) {
      // a docker save archive holds images by name, not by platform: the first is the one builder reads
      return List.of(dockerArchive(dir, null, name, what).image().config().platform());
    }
    throw notAnArchive(name, what);
  }

  private static ResolvedImage dockerArchive(Path dir, Platform platform, String name, String what) {
    try {
      JsonNode entries = new ObjectMapper().readTree(Files.readAllBytes(dir.resolve("manifest.json")));
      if (!entries.isArray() || entries.isEmpty()) {
        throw new BuilderException(name + ": manifest.json lists no image");
      }
      JsonNode entry = entries.get(0);
      String configName = Json.text(entry, "Config");
      byte[] config = Files.readAllBytes(inside(dir, configName, name));
      checkNamedDigest(configName, Digest.of(config), "config", name);
      ConfigFile parsed = ConfigFile.parse(config, name + " config");
      Platform actual = parsed.platform();
      if (platform != null
          && (!actual.os().equals(platform.os()) || !actual.architecture().equals(platform.architecture()))) {
        throw new BuilderException(name + " is for " + actual + " only, not " + platform + ". Build for " + actual
            + " or choose a base image that has " + platform + ".");
      }
      List<Descriptor> descriptors = new ArrayList<>();
      List<Blob> blobs = new ArrayList<>();
      List<String> layerNames = Json.strings(entry, "Layers");
      if (layerNames.size() != parsed.diffIds().size()) {
        throw new BuilderException(name + ": manifest.json lists " + layerNames.size() + " layers but the config "
            + parsed.diffIds().size() + " diff ids");
      }
      for (int i = 0; i < layerNames.size(); i++) {
        Path layer = inside(dir, layerNames.get(i), name);
        long size = Files.size(layer);
        LayerCompression compression = LayerCompression.ofFile(layer);
        if (compression == LayerCompression.NONE) {
          // a plain tar's digest is its diff id: checked as it is read, not hashed on every build (docker save
          // writes plain tars, and a base of a few hundred megabytes costs seconds to hash)
          Digest digest = parsed.diffIds().get(i);
          descriptors.add(new Descriptor(MediaTypes.OCI_LAYER, digest, size));
          blobs.add(Blob.ofStoredFile(layer, digest, size));
        } else {
          Digest digest;
          try (InputStream in = Files.newInputStream(layer)) {
            digest = Digest.of(in);
          }
          checkNamedDigest(layerNames.get(i), digest, "layer", name);
          // the config's diff id is the one digest a docker archive gives a compressed layer: its content is
          // checked against it once, here, and the file against its own digest whenever it is read
          Digest diffId = uncompressedDigest(layer, compression);
          if (!diffId.equals(parsed.diffIds().get(i))) {
            throw new BuilderException(name + " is corrupt: layer " + layerNames.get(i) + " has content whose diff id"
                + " is " + diffId + ", but the config says " + parsed.diffIds().get(i) + ". Re-create the tarball.");
          }
          descriptors.add(new Descriptor(compression.ociMediaType(), digest, size));
          blobs.add(Blob.ofStoredFile(layer, digest, size));
        }
      }
      Descriptor configDescriptor = new Descriptor(MediaTypes.OCI_CONFIG, Digest.of(config), config.length);
      byte[] manifest = new Manifest(MediaTypes.OCI_MANIFEST, configDescriptor, descriptors, Map.of()).toJsonBytes();
      Image image = Image.read(manifest, config, blobs, name);
      return new ResolvedImage(image, name, image.digest());
    } catch (IOException e) {
      throw new BuilderException(name + ": cannot read " + what + ": " + e.getMessage(), e);
    }
  }

  private static Path inside(Path dir, String entryName, String name) {
    if (entryName == null) {
      throw new BuilderException(name + ": manifest.json names no config or layer file");
    }
    Path path = dir.resolve(entryName).normalize();
    if (!path.startsWith(dir) || !Files.isRegularFile(path)) {
      throw new BuilderException(name + ": manifest.json names '" + entryName + "', which the tarball lacks");
    }
    return path;
  }

  /** Files named by digest ({@code blobs/sha256/HEX}, or a legacy config's {@code HEX.json}) must have it. */
  private static void checkNamedDigest(String entryName, Digest actual, String what, String name) {
    Matcher m = NAMED_BY_DIGEST.matcher(entryName);
    if (m.matches() && (what.equals("config") || entryName.contains("sha256/")) && !m.group(1).equals(actual.hex())) {
      throw new BuilderException(name + " is corrupt: its " + what + " " + entryName + " has content whose digest is "
          + actual + ". Re-create the tarball.");
    }
  }

  private static Digest uncompressedDigest(Path file, LayerCompression compression) throws IOException {
    try (InputStream in = compression.decompress(Files.newInputStream(file))) {
      return Digest.of(in);
    }
  }
}
