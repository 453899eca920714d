package dev.builder.core.assembly;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.builder.core.image.Json;
import dev.builder.core.io.Files2;
import dev.builder.core.layout.OciLayoutSink;
import dev.builder.core.tarball.TarballSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The files a build leaves in its work folder: {@code image/} (an OCI image layout), {@code image.tar} (for
 * {@code docker load} and OCI tools) and {@code image.json} (name, digest, tags, reference). Each is written whole or
 * not at all, and {@link #clear} removes the previous build's, so that a failed build leaves nothing stale behind.
 */
public final class BuildOutputs {
  private final Path workDirectory;

  public BuildOutputs(Path workDirectory) {
    this.workDirectory = workDirectory;
  }

  public Path layout() {
    return workDirectory.resolve("image");
  }

  public Path tarball() {
    return workDirectory.resolve("image.tar");
  }

  public Path imageJson() {
    return workDirectory.resolve("image.json");
  }

  public void clear() {
    try {
      Files2.deleteRecursively(layout());
      Files.deleteIfExists(tarball());
      Files.deleteIfExists(imageJson());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the previous image from " + workDirectory, e);
    }
  }

  /**
   * Writes the layout and the tarball; {@code name} is the image name without tag. For several platforms both hold
   * the index, and the tarball is an OCI archive without Docker's {@code manifest.json}.
   */
  public void writeImage(BuiltImages built, String name, List<String> tags) {
    List<String> repoTags = tags.stream().map(t -> name + ":" + t).toList();
    if (built.index().isPresent()) {
      OciLayoutSink.write(built.index().get(), layout(), tags);
      TarballSink.write(built.index().get(), tarball(), repoTags);
    } else {
      OciLayoutSink.write(built.images().get(0).image(), layout(), tags);
      TarballSink.write(built.images().get(0).image(), tarball(), repoTags);
    }
  }

  /**
   * Writes {@code image.json}: what was built or pushed, for scripts and later goals. {@code digest} is what the tags
   * name (the index's for several platforms); {@code platforms} lists each platform's own image digest.
   */
  public void writeImageJson(String name, BuiltImages built, List<String> tags, boolean pushed) {
    ObjectNode node = Json.object();
    node.put("image", name);
    node.put("digest", built.digest().toString());
    node.put("mediaType", built.descriptor().mediaType());
    node.set("tags", Json.array(tags));
    node.put("reference", name + "@" + built.digest());
    node.put("pushed", pushed);
    ArrayNode platforms = node.putArray("platforms");
    for (BuiltImage image : built.images()) {
      ObjectNode entry = platforms.addObject();
      entry.put("platform", image.image().config().platform().toString());
      entry.put("digest", image.image().digest().toString());
    }
    Path temp = workDirectory.resolve("image.json.partial");
    try {
      Files.createDirectories(workDirectory);
      Files.write(temp, Json.bytes(node));
      Files.move(temp, imageJson(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + imageJson(), e);
    }
  }
}
