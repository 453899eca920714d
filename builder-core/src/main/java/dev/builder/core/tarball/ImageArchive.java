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
import dev.builder.core.image.Manifest;
import dev.builder.core.image.MediaTypes;
import dev.builder.core.image.Platform;
import dev.builder.core.io.Files2;
import dev.builder.core.layout.OciLayoutSource;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * An image archive, the tar that {@code docker save} writes and {@code docker load} reads, unpacked on disk: an OCI
 * image layout, or Docker's {@code manifest.json} with a config and layer files. Read alike whether it came from a
 * file ({@code tar://}) or from a daemon ({@code docker://}).
 */
public final class ImageArchive {
  private ImageArchive() {}

  /**
   * Unpacks {@code tar} into {@code target}, assembled beside it and moved into place whole. Only regular files and
   * directories are kept; names that leave the folder are refused. When another build unpacked the same archive at
   * the same moment, its copy stands.
   *
   * @param name the base image as the user wrote it, for errors
   * @param what where the archive comes from, for errors: a file, a daemon
   */
  public static Path unpack(InputStream tar, Path target, String name, String what) {
    try {
      // a folder of its own: modules of a parallel build (mvn -T) may unpack the same base at the same moment
      Path temp = Files.createTempDirectory(Files.createDirectories(target.getParent()),
          target.getFileName() + ".partial-");
      try (TarArchiveInputStream entries = new TarArchiveInputStream(new BufferedInputStream(tar))) {
        for (TarArchiveEntry e; (e = entries.getNextEntry()) != null; ) {
          Path out = temp.resolve(e.getName()).normalize();
          if (!out.startsWith(temp)) {
            throw new BuilderException(name + ": " + what + " has an entry '" + e.getName()
                + "' that points outside the archive; refusing to read it");
          }
          if (e.isDirectory()) {
            Files.createDirectories(out);
          } else if (e.isFile() && !e.isSymbolicLink() && !e.isLink()) { // isFile() alone says yes to links
            Files.createDirectories(out.getParent());
            Files.copy(entries, out, StandardCopyOption.REPLACE_EXISTING);
          }
        }
      } catch (IOException | IllegalArgumentException e) {
        Files2.deleteQuietly(temp);
        throw new BuilderException(name + ": " + what + " is not a readable tar archive: " + e.getMessage(), e);
      } catch (RuntimeException e) {
        Files2.deleteQuietly(temp);
        throw e;
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        Files2.deleteQuietly(temp); // another build unpacked it at the same moment
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
    throw new BuilderException(name + ": " + what + " is not an image tarball: it has neither index.json nor"
        + " manifest.json. Use a tarball from 'docker save' or 'skopeo copy ... docker-archive:FILE'.");
  }

  private static ResolvedImage dockerArchive(Path dir, Platform platform, String name, String what) {
    try {
      JsonNode entries = new ObjectMapper().readTree(Files.readAllBytes(dir.resolve("manifest.json")));
      if (!entries.isArray() || entries.isEmpty()) {
        throw new BuilderException(name + ": manifest.json lists no image");
      }
      JsonNode entry = entries.get(0);
      byte[] config = Files.readAllBytes(inside(dir, Json.text(entry, "Config"), name));
      ConfigFile parsed = ConfigFile.parse(config, name + " config");
      Platform actual = parsed.platform();
      if (!actual.os().equals(platform.os()) || !actual.architecture().equals(platform.architecture())) {
        throw new BuilderException(name + " is for " + actual + " only, not " + platform + ". Build for " + actual
            + " or choose a base image that has " + platform + ".");
      }
      List<Descriptor> descriptors = new ArrayList<>();
      List<Blob> blobs = new ArrayList<>();
      List<String> layerNames = Json.strings(entry, "Layers");
      for (int i = 0; i < layerNames.size(); i++) {
        Path layer = inside(dir, layerNames.get(i), name);
        long size = Files.size(layer);
        boolean gzip = isGzip(layer);
        if (!gzip && i < parsed.diffIds().size()) {
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
          descriptors.add(new Descriptor(gzip ? MediaTypes.OCI_LAYER_GZIP : MediaTypes.OCI_LAYER, digest, size));
          blobs.add(Blob.ofFile(layer, digest, size));
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

  private static boolean isGzip(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.read() == 0x1f && in.read() == 0x8b;
    }
  }
}
