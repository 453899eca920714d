package dev.builder.core.inventory;

import dev.builder.core.BuilderException;
import dev.builder.core.image.Blob;
import dev.builder.core.image.Image;
import dev.builder.core.image.Layer;
import dev.builder.core.image.LayerCompression;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * What an image's layers say it contains: operating system packages (dpkg's {@code status} and distroless's
 * {@code status.d/}, apk's {@code installed}), the release ({@code os-release}) and the Java runtime ({@code release}).
 * Layers are read in order and whiteouts honoured, so a package a later layer removes is not listed. Only the few
 * small files that matter are kept in memory; nothing is written to disk.
 */
public record ImageInventory(List<OsPackage> packages, Optional<JavaRuntime> javaRuntime, String distro) {
  private static final long MAX_FILE = 32L * 1024 * 1024;

  public ImageInventory {
    packages = List.copyOf(packages);
  }

  /**
   * This inventory with {@code linked} as its Java runtime, when builder linked one into the image on a base
   * without Java; unchanged when it is empty.
   */
  public ImageInventory withLinkedRuntime(Optional<JavaRuntime> linked) {
    return linked.map(java -> new ImageInventory(packages, Optional.of(java), distro)).orElse(this);
  }

  public static ImageInventory of(Image image) {
    Map<String, byte[]> files = new TreeMap<>();
    for (Layer layer : image.layers()) {
      try {
        readLayer(layer, files);
      } catch (IOException e) {
        // a layer whose bytes were changed usually breaks its compression before its digest can be checked: say so
        Blob.requireIntact(layer.blob());
        throw new BuilderException("cannot read layer " + layer.digest() + " to list what the image contains: "
            + e.getMessage(), e);
      }
    }
    String distro = distro(files);
    List<OsPackage> packages = new ArrayList<>();
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      String path = file.getKey();
      if (path.equals("var/lib/dpkg/status")
          || (path.startsWith("var/lib/dpkg/status.d/") && !path.endsWith(".md5sums"))) {
        packages.addAll(Dpkg.parse(text(file.getValue()), distro));
      } else if (path.equals("lib/apk/db/installed")) {
        packages.addAll(Apk.parse(text(file.getValue()), distro));
      }
    }
    packages.sort(Comparator.comparing(OsPackage::name).thenComparing(OsPackage::version));
    Optional<JavaRuntime> java = files.entrySet().stream()
        .filter(e -> e.getKey().endsWith("/release") && text(e.getValue()).contains("JAVA_VERSION="))
        .map(e -> javaRuntime(e.getKey(), text(e.getValue())))
        .findFirst();
    return new ImageInventory(distinct(packages), java, distro);
  }

  private static List<OsPackage> distinct(List<OsPackage> packages) {
    List<OsPackage> out = new ArrayList<>();
    for (OsPackage p : packages) {
      if (out.stream().noneMatch(o -> o.name().equals(p.name()) && o.architecture() != null
          && o.architecture().equals(p.architecture()))) {
        out.add(p);
      }
    }
    return out;
  }

  private static void readLayer(Layer layer, Map<String, byte[]> files) throws IOException {
    try (InputStream raw = new BufferedInputStream(layer.blob().open(), 1 << 16);
        InputStream in = LayerCompression.ofMediaType(layer.descriptor().mediaType()).decompress(raw);
        TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
        String path = normalize(entry.getName());
        String name = path.substring(path.lastIndexOf('/') + 1);
        String dir = path.contains("/") ? path.substring(0, path.lastIndexOf('/') + 1) : "";
        if (name.equals(".wh..wh..opq")) {
          files.keySet().removeIf(k -> k.startsWith(dir));
        } else if (name.startsWith(".wh.")) {
          String gone = dir + name.substring(4);
          files.keySet().removeIf(k -> k.equals(gone) || k.startsWith(gone + "/"));
        } else if (entry.isFile() && wanted(path) && entry.getSize() <= MAX_FILE) {
          ByteArrayOutputStream content = new ByteArrayOutputStream();
          tar.transferTo(content);
          files.put(path, content.toByteArray());
        }
      }
    }
  }

  private static boolean wanted(String path) {
    return path.equals("var/lib/dpkg/status") || path.startsWith("var/lib/dpkg/status.d/")
        || path.equals("lib/apk/db/installed") || path.equals("etc/os-release") || path.equals("usr/lib/os-release")
        || (path.endsWith("/release") && path.chars().filter(c -> c == '/').count() <= 5);
  }

  private static String normalize(String name) {
    String path = name;
    while (path.startsWith("./") || path.startsWith("/")) {
      path = path.startsWith("./") ? path.substring(2) : path.substring(1);
    }
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  private static String distro(Map<String, byte[]> files) {
    byte[] osRelease = files.getOrDefault("etc/os-release", files.get("usr/lib/os-release"));
    if (osRelease == null) {
      return null;
    }
    Map<String, String> fields = KeyValues.parse(text(osRelease));
    String id = fields.get("ID");
    String version = fields.get("VERSION_ID");
    if (id == null) {
      return null;
    }
    if (version == null) {
      return id;
    }
    // purl distro qualifiers name the major release for Debian (debian-12) and the minor one for Alpine (alpine-3.20)
    String release = "alpine".equals(id) ? version.replaceFirst("^(\\d+\\.\\d+).*", "$1") : version;
    return id + "-" + release;
  }

  private static JavaRuntime javaRuntime(String path, String release) {
    Map<String, String> fields = KeyValues.parse(release);
    return new JavaRuntime("/" + path.substring(0, path.lastIndexOf('/')), fields.get("JAVA_VERSION"),
        fields.get("IMPLEMENTOR"));
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
