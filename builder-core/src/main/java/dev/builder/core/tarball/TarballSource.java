package dev.builder.core.tarball;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.builder.core.BuilderException;
import dev.builder.core.image.Blob;
import dev.builder.core.image.ConfigFile;
import dev.builder.core.image.Descriptor;
import dev.builder.core.image.Digest;
import dev.builder.core.image.Image;
import dev.builder.core.image.ImageSource;
import dev.builder.core.image.Json;
import dev.builder.core.image.Manifest;
import dev.builder.core.image.MediaTypes;
import dev.builder.core.image.Platform;
import dev.builder.core.io.Files2;
import dev.builder.core.layout.OciLayoutSource;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

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
    if (!Files.isRegularFile(file)) {
      throw new BuilderException(name + ": " + file + " is not a file. Point tar:// at an image tarball, for example"
          + " one written by 'docker save' or 'skopeo copy ... docker-archive:FILE'.");
    }
    Path unpacked = unpack();
    if (Files.isRegularFile(unpacked.resolve("index.json"))) {
      return new OciLayoutSource(unpacked, null, name).resolve(platform);
    }
    if (Files.isRegularFile(unpacked.resolve("manifest.json"))) {
      return dockerArchive(unpacked, platform);
    }
    throw new BuilderException(name + ": " + file + " is not an image tarball: it has neither index.json nor"
        + " manifest.json. Use a tarball from 'docker save' or 'skopeo copy ... docker-archive:FILE'.");
  }

  private ResolvedImage dockerArchive(Path dir, Platform platform) {
    try {
      JsonNode entries = new ObjectMapper().readTree(Files.readAllBytes(dir.resolve("manifest.json")));
      if (!entries.isArray() || entries.isEmpty()) {
        throw new BuilderException(name + ": manifest.json lists no image");
      }
      JsonNode entry = entries.get(0);
      byte[] config = Files.readAllBytes(inside(dir, Json.text(entry, "Config")));
      ConfigFile parsed = ConfigFile.parse(config, name + " config");
      Platform actual = parsed.platform();
      if (!actual.os().equals(platform.os()) || !actual.architecture().equals(platform.architecture())) {
        throw new BuilderException(name + " is for " + actual + " only, not " + platform + ". Build for " + actual
            + " or choose a base image that has " + platform + ".");
      }
      List<Descriptor> descriptors = new ArrayList<>();
      List<Blob> blobs = new ArrayList<>();
      for (String layerName : Json.strings(entry, "Layers")) {
        Path layer = inside(dir, layerName);
        Digest digest;
        try (InputStream in = Files.newInputStream(layer)) {
          digest = Digest.of(in);
        }
        long size = Files.size(layer);
        descriptors.add(new Descriptor(isGzip(layer) ? MediaTypes.OCI_LAYER_GZIP : MediaTypes.OCI_LAYER, digest, size));
        blobs.add(Blob.ofFile(layer, digest, size));
      }
      Descriptor configDescriptor = new Descriptor(MediaTypes.OCI_CONFIG, Digest.of(config), config.length);
      byte[] manifest = new Manifest(MediaTypes.OCI_MANIFEST, configDescriptor, descriptors, Map.of()).toJsonBytes();
      Image image = Image.read(manifest, config, blobs, name);
      return new ResolvedImage(image, name, image.digest());
    } catch (IOException e) {
      throw new BuilderException(name + ": cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private Path inside(Path dir, String entryName) {
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

  /** Unpacks regular files and directories only; names that leave the folder are refused. */
  private Path unpack() {
    try {
      String key = file.toAbsolutePath().normalize() + "|" + Files.size(file) + "|" + Files.getLastModifiedTime(file);
      Path target = cacheDirectory.resolve("tarballs").resolve(Digest.of(key.getBytes(StandardCharsets.UTF_8)).hex());
      if (Files.isDirectory(target)) {
        return target;
      }
      Path temp = Files.createDirectories(cacheDirectory.resolve("tarballs")).resolve(target.getFileName() + ".partial");
      Files2.deleteRecursively(temp);
      Files.createDirectories(temp);
      try (TarArchiveInputStream tar = new TarArchiveInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
        for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
          Path out = temp.resolve(e.getName()).normalize();
          if (!out.startsWith(temp)) {
            throw new BuilderException(name + ": " + file + " has an entry '" + e.getName()
                + "' that points outside the archive; refusing to read it");
          }
          if (e.isDirectory()) {
            Files.createDirectories(out);
          } else if (e.isFile()) {
            Files.createDirectories(out.getParent());
            Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
          }
        }
      } catch (IOException | IllegalArgumentException e) {
        Files2.deleteQuietly(temp);
        throw new BuilderException(name + ": " + file + " is not a readable tar archive: " + e.getMessage(), e);
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        Files2.deleteQuietly(temp); // another build unpacked it at the same moment
      }
      return target;
    } catch (IOException e) {
      throw new BuilderException(name + ": cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
