package dev.builder.core.image;

import io.airlift.compress.zstd.ZstdInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * How a layer's tar is compressed, and the one place that undoes it. Docker, Podman and containerd write zstd layers
 * ({@code tar+zstd}) besides gzip ones, so every reader of layer contents goes through here; zstd is decoded in pure
 * Java, with nothing native to load in a build.
 */
public enum LayerCompression {
  NONE(MediaTypes.OCI_LAYER),
  GZIP(MediaTypes.OCI_LAYER_GZIP),
  ZSTD(MediaTypes.OCI_LAYER_ZSTD);

  private final String ociMediaType;

  LayerCompression(String ociMediaType) {
    this.ociMediaType = ociMediaType;
  }

  /** The compression a layer media type names: {@code +gzip} (Docker's {@code .gzip}), {@code +zstd}, else none. */
  public static LayerCompression ofMediaType(String mediaType) {
    if (mediaType == null) {
      return NONE;
    }
    if (mediaType.endsWith("+gzip") || mediaType.endsWith(".gzip")) {
      return GZIP;
    }
    return mediaType.endsWith("+zstd") ? ZSTD : NONE;
  }

  /** The compression of a layer file that no media type describes (a docker archive's), by its magic bytes. */
  public static LayerCompression ofFile(Path file) throws IOException {
    byte[] head = new byte[4];
    int read;
    try (InputStream in = Files.newInputStream(file)) {
      read = in.readNBytes(head, 0, head.length);
    }
    if (read >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
      return GZIP;
    }
    if (read == 4 && (head[0] & 0xff) == 0x28 && (head[1] & 0xff) == 0xb5 && (head[2] & 0xff) == 0x2f
        && (head[3] & 0xff) == 0xfd) {
      return ZSTD;
    }
    return NONE;
  }

  /** The OCI layer media type of this compression. */
  public String ociMediaType() {
    return ociMediaType;
  }

  /** The tar inside {@code compressed}; closing it closes {@code compressed}. */
  public InputStream decompress(InputStream compressed) throws IOException {
    return switch (this) {
      case NONE -> compressed;
      case GZIP -> new GZIPInputStream(compressed, 1 << 16);
      case ZSTD -> new ZstdInputStream(compressed);
    };
  }
}
