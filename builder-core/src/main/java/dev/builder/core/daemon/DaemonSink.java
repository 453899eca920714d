package dev.builder.core.daemon;

import dev.builder.core.BuildListener;
import dev.builder.core.BuilderException;
import dev.builder.core.daemon.DockerEngine.ImageInfo;
import dev.builder.core.image.Descriptor;
import dev.builder.core.image.Digest;
import dev.builder.core.image.Image;
import dev.builder.core.image.ImageSink;
import dev.builder.core.image.Taggable;
import dev.builder.core.image.Transfer;
import dev.builder.core.image.Written;
import dev.builder.core.image.Index;
import dev.builder.core.image.Layer;
import dev.builder.core.image.MediaTypes;
import dev.builder.core.image.Platform;
import dev.builder.core.tarball.TarballSink;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Loads an image into a Docker-API daemon (Docker, or Podman's service) with {@code POST /images/load}, streaming
 * the same archive {@code image.tar} holds, and names it {@code NAME:TAG} for every tag.
 *
 * <p>The load API takes whole archives and cannot be asked which blobs the daemon has, so builder finds out what it
 * can from images the daemon already holds (the previous image under the same tags, the base) and sends less:
 * nothing but a few kilobytes of metadata when the daemon already has this image (its id is the config digest, or
 * the manifest digest on a containerd store), and no file for the leading layers that such an image shares with this
 * one, which Docker (it skips layers whose chain it has) and Podman (it reuses blobs its store has) both accept. A
 * daemon that wants them after all gets the whole archive in a second request.
 *
 * <p>Each archive names one tag: Podman reads an archive with one image in its index as an OCI archive, keeping the
 * manifest and taking blobs it has from its store, but falls back to Docker's {@code manifest.json}, which needs
 * every layer file, when the index names several. Further tags are added the same way, with every layer left out,
 * rather than with {@code POST /images/NAME/tag}: Podman names a loaded image {@code localhost/NAME} and a tagged one
 * {@code docker.io/library/NAME}, and the first one wins when both exist.
 */
public final class DaemonSink implements ImageSink {
  private final DockerEngine engine;
  private final BuildListener listener;
  private final String name;
  private final List<String> related;

  /** A sink for the daemon {@link DaemonLocator#connect()} found: connect before building, to fail early. */
  public DaemonSink(DockerEngine engine, BuildListener listener) {
    this(engine, null, List.of(), listener);
  }

  /**
   * A sink that loads images as {@code name:TAG}.
   *
   * @param related names of images the daemon may already hold layers of, such as the base
   */
  public DaemonSink(DockerEngine engine, String name, List<String> related, BuildListener listener) {
    this.engine = engine;
    this.name = name;
    this.related = List.copyOf(related);
    this.listener = listener == null ? BuildListener.SILENT : listener;
  }

  /** Loads the image for the daemon's platform (of an index: the entry for it) under every tag. */
  @Override
  public Written write(Taggable root, List<String> tags) {
    if (name == null) {
      throw new IllegalStateException("this sink was made without an image name");
    }
    LoadResult result = load(root.images(), name, tags, related);
    Image loaded = root.images().stream().filter(i -> i.config().platform().equals(result.platform())).findFirst()
        .orElse(root.images().get(0));
    return new Written(result.daemon() + " as image " + result.imageId(), loaded.descriptor(), result.references(),
        new Transfer(result.layersSent(), 0, result.layersLeftOut(), 0, result.bytesSent()));
  }

  /**
   * What a load did.
   *
   * @param imageId the image's id in the daemon
   * @param platform the platform of the image loaded
   * @param references {@code NAME:TAG} for every tag, as the daemon now names the image
   * @param layersSent layer files the daemon got; zero when it already held the image
   * @param layersLeftOut layers left out because the daemon already had them; all when it held the image
   * @param bytesSent the size of the archives sent, zero when none was
   */
  public record LoadResult(DaemonAddress daemon, String imageId, Platform platform, List<String> references,
      int layersSent, int layersLeftOut, long bytesSent) {}

  /**
   * Loads the image for the daemon's platform under {@code name:tag} for every tag.
   *
   * @param images one image, or one per platform of a multi-platform build
   * @param name the image name without tag, such as {@code hello-http} or {@code ghcr.io/acme/orders}
   * @param related names of images the daemon may already hold layers of, such as the base
   */
  public LoadResult load(List<Image> images, String name, List<String> tags, List<String> related) {
    if (images.isEmpty() || tags.isEmpty()) {
      throw new IllegalArgumentException("an image and a tag are needed to load");
    }
    DockerEngine.Version version = engine.version();
    listener.debug("daemon " + version.product() + " (API " + version.apiVersion() + ", " + version.platform()
        + ") at " + engine.address());
    Image image = forDaemon(images, version.platform());
    List<String> references = tags.stream().map(t -> name + ":" + t).toList();
    Set<String> ids = Set.of(image.manifest().config().digest().toString(), image.digest().toString());
    Set<Digest> allLayers = image.layers().stream().map(Layer::digest).collect(Collectors.toSet());

    List<String> missing = new ArrayList<>();
    List<List<Digest>> others = new ArrayList<>(); // layers of images the daemon holds that may start like this one
    String tagged = null;
    for (String reference : references) {
      Optional<ImageInfo> current = engine.inspect(reference);
      if (current.isPresent() && ids.contains(current.get().id())) {
        tagged = current.get().id();
      } else {
        missing.add(reference);
        current.ifPresent(previous -> others.add(previous.layers())); // the previous build under this tag
      }
    }
    if (missing.isEmpty()) {
      listener.info("the daemon at " + engine.address() + " already holds " + tagged + " under every tag; nothing"
          + " sent");
      return new LoadResult(engine.address(), tagged, image.config().platform(), references, 0, 0, 0);
    }
    Set<Digest> known;
    if (tagged != null || idIn(ids).isPresent()) {
      listener.info("the daemon at " + engine.address() + " already holds the image; it gets the name "
          + missing.get(0) + " and no layer");
      known = allLayers;
    } else {
      related.forEach(other -> engine.inspect(other).ifPresent(info -> others.add(info.layers())));
      known = leadingLayersIn(others, image);
    }
    AtomicLong bytes = new AtomicLong();
    int leftOut = sendImage(image, missing.remove(0), known, bytes);
    for (String reference : missing) {
      send(image, reference, allLayers, bytes); // the daemon holds every layer now: a new name only
    }
    String id = idIn(ids).orElseThrow(() -> new BuilderException("the daemon at " + engine.address()
        + " took the image but knows no image " + String.join(" or ", ids) + " afterwards; it may have converted it."
        + " Write target/builder/image.tar with builder:build and load it by hand to see what the daemon says."));
    return new LoadResult(engine.address(), id, image.config().platform(), references, allLayers.size() - leftOut,
        leftOut, bytes.get());
  }

  /**
   * Sends the image named {@code reference} without the layers the daemon is thought to have; when it wants them after
   * all, sends the whole image. Returns how many layers it got by neither.
   */
  private int sendImage(Image image, String reference, Set<Digest> known, AtomicLong bytes) {
    Set<Digest> leftOut = known;
    try {
      send(image, reference, leftOut, bytes);
    } catch (BuilderException refused) {
      if (leftOut.isEmpty()) {
        throw refused;
      }
      listener.info("the daemon wants every layer after all (" + refused.getMessage() + "); sending the whole image");
      leftOut = Set.of();
      send(image, reference, leftOut, bytes);
    }
    long all = image.layers().stream().map(Layer::digest).distinct().count();
    listener.info("sent " + (all - leftOut.size()) + " of " + all + " layers to the daemon at " + engine.address()
        + " (" + bytes.get() + " bytes)" + (leftOut.isEmpty() ? "" : "; it already had the first " + leftOut.size()));
    return leftOut.size();
  }

  /** The one image to load: the only one, or in a multi-platform build the one for the daemon's platform. */
  private Image forDaemon(List<Image> images, Platform daemon) {
    DaemonAddress address = engine.address();
    if (images.size() == 1) {
      Platform platform = images.get(0).config().platform();
      if (!platform.os().equals(daemon.os()) || !platform.architecture().equals(daemon.architecture())) {
        listener.warn("the image is for " + platform + " but the daemon at " + address + " runs " + daemon
            + ": it runs there only under emulation");
      }
      return images.get(0);
    }
    List<Descriptor> entries = images.stream()
        .map(i -> i.descriptor().withPlatform(i.config().platform()))
        .toList();
    String built = entries.stream().map(d -> d.platform().toString()).collect(Collectors.joining(", "));
    Descriptor chosen;
    try {
      chosen = new Index(MediaTypes.OCI_INDEX, entries, Map.of()).select(daemon, "the build");
    } catch (BuilderException none) {
      throw new BuilderException("the daemon at " + address + " runs " + daemon + ", and this build made images for "
          + built + " only. Add " + daemon + " to the platforms, or load into a daemon of one of those.");
    }
    listener.info("multi-platform build (" + built + "): loading " + chosen.platform() + ", the platform of the"
        + " daemon at " + address);
    return images.stream().filter(i -> i.digest().equals(chosen.digest())).findFirst().orElseThrow();
  }

  /** The daemon's id of this image, when it holds it. */
  private Optional<String> idIn(Set<String> ids) {
    for (String id : ids) {
      Optional<ImageInfo> info = engine.inspect(id);
      if (info.isPresent() && ids.contains(info.get().id())) {
        return Optional.of(info.get().id());
      }
    }
    return Optional.empty();
  }

  /**
   * The leading layers of {@code image} that one of {@code others} starts with too. Only a shared start counts: Docker
   * knows a layer by its whole chain of parents, so layer 3 is there only when layers 1 and 2 are under it.
   */
  private static Set<Digest> leadingLayersIn(List<List<Digest>> others, Image image) {
    List<Digest> diffIds = image.config().diffIds();
    int longest = 0;
    for (List<Digest> theirs : others) {
      int shared = 0;
      while (shared < diffIds.size() && shared < theirs.size() && diffIds.get(shared).equals(theirs.get(shared))) {
        shared++;
      }
      longest = Math.max(longest, shared);
    }
    Set<Digest> leftOut = new HashSet<>();
    image.layers().subList(0, longest).forEach(l -> leftOut.add(l.digest()));
    image.layers().subList(longest, image.layers().size()).forEach(l -> leftOut.remove(l.digest()));
    return leftOut;
  }

  /** Loads an archive that names the image {@code reference} and holds every layer but those {@code leftOut}. */
  private void send(Image image, String reference, Set<Digest> leftOut, AtomicLong bytes) {
    engine.load(body -> TarballSink.writeStream(image, List.of(reference), leftOut, new Counting(body, bytes)))
        .forEach(message -> listener.debug("daemon: " + message));
  }

  /** Counts what passes on to the request body. */
  private static final class Counting extends FilterOutputStream {
    private final AtomicLong count;

    Counting(OutputStream out, AtomicLong count) {
      super(out);
      this.count = count;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count.incrementAndGet();
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count.addAndGet(len);
    }
  }
}
