package dev.builder.core.workflow;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.builder.core.assembly.BuiltImages;
import dev.builder.core.image.Image;
import dev.builder.core.image.Json;
import dev.builder.core.image.Transfer;
import dev.builder.core.image.Written;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * {@code image.json}, the one record of what a build made and where it went, for scripts, later goals and tests: the
 * name, the digest the tags name (an index's for several platforms), each platform's image, and, once written to a
 * registry or daemon, where and at what cost ({@link Transfer}). It is the only writer of that file, and it replaces
 * the file whole.
 */
public final class ImageRecord {
  public static final String FILE_NAME = "image.json";

  private final Path file;

  public ImageRecord(Path workDirectory) {
    this.file = workDirectory.resolve(FILE_NAME);
  }

  public Path file() {
    return file;
  }

  /** Records a build that was written only to the work folder. */
  public void built(String name, BuiltImages built, List<String> tags) {
    write(name, built, tags, Optional.empty(), false);
  }

  /** Records a build as a registry ({@code pushed}) or a daemon received it. */
  public void written(String name, BuiltImages built, List<String> tags, Written written, boolean pushed) {
    write(name, built, tags, Optional.of(written), pushed);
  }

  private void write(String name, BuiltImages built, List<String> tags, Optional<Written> written, boolean pushed) {
    // a daemon takes one platform's image: the record names what it holds, not the build's index
    List<Image> images = written.filter(w -> !w.digest().equals(built.digest()))
        .flatMap(w -> built.imageList().stream().filter(i -> i.digest().equals(w.digest())).findFirst())
        .map(List::of).orElse(built.imageList());
    ObjectNode node = Json.object();
    node.put("image", name);
    node.put("digest", written.map(Written::digest).orElse(built.digest()).toString());
    node.put("mediaType", written.map(w -> w.descriptor().mediaType()).orElse(built.descriptor().mediaType()));
    node.set("tags", Json.array(tags));
    node.put("reference", name + "@" + node.get("digest").asText());
    node.put("pushed", pushed);
    ArrayNode platforms = node.putArray("platforms");
    for (Image image : images) {
      ObjectNode entry = platforms.addObject();
      entry.put("platform", image.config().platform().toString());
      entry.put("digest", image.digest().toString());
    }
    written.ifPresent(w -> {
      ObjectNode transfer = node.putObject("transfer");
      transfer.put("destination", w.destination());
      transfer.put("uploaded", w.transfer().uploaded());
      transfer.put("mounted", w.transfer().mounted());
      transfer.put("skipped", w.transfer().skipped());
      transfer.put("requests", w.transfer().requests());
      transfer.put("bytes", w.transfer().bytes());
    });
    Path temp = file.resolveSibling(FILE_NAME + ".partial");
    try {
      Files.createDirectories(file.getParent());
      Files.write(temp, Json.bytes(node));
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
