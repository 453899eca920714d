package dev.builder.core.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.builder.core.image.Digest;
import dev.builder.core.image.Image;
import dev.builder.core.image.Json;
import dev.builder.core.image.Layer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The inventories of base images, kept in the cache directory by the digests of their layers. Listing a base reads
 * every one of its layers (and, for a push with a registry base, downloads them), which the Java version check and
 * the SBOM would otherwise do again on every build of an unchanged base. An entry that cannot be read is listed again.
 */
public final class InventoryCache {
  private static final String FORMAT = "builder-inventory-1";

  private final Path directory;

  public InventoryCache(Path cacheDirectory) {
    this.directory = cacheDirectory.resolve("inventory");
  }

  /** What {@link ImageInventory#of} says of {@code image}, from the cache when an earlier build listed it. */
  public ImageInventory of(Image image) {
    Path file = directory.resolve(key(image).hex() + ".json");
    Optional<ImageInventory> cached = read(file);
    if (cached.isPresent()) {
      return cached.get();
    }
    ImageInventory inventory = ImageInventory.of(image);
    write(file, inventory);
    return inventory;
  }

  /** The layers alone decide what an image contains. */
  private static Digest key(Image image) {
    StringBuilder text = new StringBuilder(FORMAT).append('\n');
    for (Layer layer : image.layers()) {
      text.append(layer.digest()).append('\n');
    }
    return Digest.of(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static Optional<ImageInventory> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonNode node = Json.parse(Files.readAllBytes(file), "the cached inventory " + file);
      List<OsPackage> packages = new ArrayList<>();
      for (JsonNode p : node.withArray("packages")) {
        packages.add(new OsPackage(Json.text(p, "type"), Json.text(p, "name"), Json.text(p, "version"),
            Json.text(p, "architecture"), Json.text(p, "distro"), Json.text(p, "maintainer"),
            Json.text(p, "license")));
      }
      JsonNode java = node.get("javaRuntime");
      Optional<JavaRuntime> runtime = java == null || java.isNull() ? Optional.empty()
          : Optional.of(new JavaRuntime(Json.text(java, "path"), Json.text(java, "version"),
              Json.text(java, "implementor")));
      if (runtime.isPresent() && runtime.get().version() == null) {
        return Optional.empty();
      }
      return Optional.of(new ImageInventory(packages, runtime, Json.text(node, "distro")));
    } catch (IOException | RuntimeException unusable) {
      return Optional.empty(); // listed again, and written over
    }
  }

  private void write(Path file, ImageInventory inventory) {
    ObjectNode node = Json.object();
    ArrayNode packages = node.putArray("packages");
    for (OsPackage p : inventory.packages()) {
      ObjectNode entry = packages.addObject();
      entry.put("type", p.type());
      entry.put("name", p.name());
      entry.put("version", p.version());
      entry.put("architecture", p.architecture());
      entry.put("distro", p.distro());
      entry.put("maintainer", p.maintainer());
      entry.put("license", p.license());
    }
    inventory.javaRuntime().ifPresent(java -> {
      ObjectNode entry = node.putObject("javaRuntime");
      entry.put("path", java.path());
      entry.put("version", java.version());
      entry.put("implementor", java.implementor());
    });
    node.put("distro", inventory.distro());
    try {
      Files.createDirectories(directory);
      Path temp = Files.createTempFile(directory, "inventory", ".partial");
      Files.write(temp, Json.bytes(node));
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // the inventory is right all the same; the next build lists the base again
    }
  }
}
