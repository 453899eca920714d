package dev.builder.core.image;

import dev.builder.core.BuilderException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An image: manifest, config and layers, all by value. The manifest and config are kept as the exact bytes that are
 * digested and stored, so the digest of an image never depends on who serializes it next.
 */
public final class Image implements Taggable {
  private final byte[] manifestBytes;
  private final Manifest manifest;
  private final Digest digest;
  private final byte[] configBytes;
  private final ConfigFile config;
  private final List<Layer> layers;

  private Image(byte[] manifestBytes, Manifest manifest, byte[] configBytes, ConfigFile config, List<Layer> layers) {
    this.manifestBytes = manifestBytes.clone();
    this.manifest = manifest;
    this.digest = Digest.of(manifestBytes);
    this.configBytes = configBytes.clone();
    this.config = config;
    this.layers = List.copyOf(layers);
  }

  /** Makes a new OCI image from a config and layers; the config's diff ids are set from the layers. */
  public static Image of(ConfigFile config, List<Layer> layers, Map<String, String> annotations) {
    return of(config, layers, annotations, ImageFormat.OCI);
  }

  /**
   * Makes a new image in {@code format} from a config and layers; the config's diff ids are set from the layers. In
   * Docker's format the annotations, of the manifest and of its layers, are left out: it has none.
   */
  public static Image of(ConfigFile config, List<Layer> layers, Map<String, String> annotations,
      ImageFormat format) {
    List<Digest> diffIds = layers.stream().map(Layer::diffId).toList();
    ConfigFile withIds =
        new ConfigFile(config.platform(), config.created(), config.config(), diffIds, config.history());
    byte[] configBytes = withIds.toJsonBytes();
    Descriptor configDescriptor =
        new Descriptor(format.configType(), Digest.of(configBytes), configBytes.length);
    List<Descriptor> layerDescriptors = new ArrayList<>();
    for (Layer layer : layers) {
      Descriptor d = layer.descriptor();
      layerDescriptors.add(new Descriptor(format.layerType(d.mediaType()), d.digest(), d.size(),
          format.hasAnnotations() ? d.annotations() : Map.of(), null));
    }
    Manifest manifest = new Manifest(format.manifestType(), configDescriptor, layerDescriptors,
        format.hasAnnotations() ? annotations : Map.of());
    return new Image(manifest.toJsonBytes(), manifest, configBytes, withIds, layers);
  }

  /**
   * An image read from somewhere: the manifest and config as they were stored, and the layers' content by
   * descriptor. Checks that the config belongs to the manifest and that there is a diff id for every layer.
   */
  public static Image read(byte[] manifestBytes, byte[] configBytes, List<Blob> layerBlobs, String what) {
    Manifest manifest = Manifest.parse(manifestBytes, what);
    Digest configDigest = Digest.of(configBytes);
    if (!configDigest.equals(manifest.config().digest())) {
      throw new BuilderException(
          what + ": config " + configDigest + " does not match the manifest's " + manifest.config().digest());
    }
    ConfigFile config = ConfigFile.parse(configBytes, what + " config");
    if (config.diffIds().size() != manifest.layers().size() || layerBlobs.size() != manifest.layers().size()) {
      throw new BuilderException(
          what
              + ": the manifest lists "
              + manifest.layers().size()
              + " layers but the config lists "
              + config.diffIds().size()
              + " diff ids");
    }
    List<Layer> layers = new ArrayList<>();
    for (int i = 0; i < manifest.layers().size(); i++) {
      layers.add(new Layer(manifest.layers().get(i), config.diffIds().get(i), layerBlobs.get(i)));
    }
    return new Image(manifestBytes, manifest, configBytes, config, layers);
  }

  public byte[] manifestBytes() {
    return manifestBytes.clone();
  }

  @Override
  public byte[] bytes() {
    return manifestBytes.clone();
  }

  @Override
  public List<Image> images() {
    return List.of(this);
  }

  public Manifest manifest() {
    return manifest;
  }

  @Override
  public String mediaType() {
    return manifest.mediaType();
  }

  @Override
  public Digest digest() {
    return digest;
  }

  @Override
  public Descriptor descriptor() {
    return new Descriptor(manifest.mediaType(), digest, manifestBytes.length);
  }

  public byte[] configBytes() {
    return configBytes.clone();
  }

  public Blob configBlob() {
    return Blob.of(configBytes);
  }

  public ConfigFile config() {
    return config;
  }

  public List<Layer> layers() {
    return layers;
  }
}
