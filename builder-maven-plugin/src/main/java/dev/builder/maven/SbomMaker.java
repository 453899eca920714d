package dev.builder.maven;

import dev.builder.core.assembly.Background;
import dev.builder.core.assembly.BuiltImage;
import dev.builder.core.assembly.BuiltImages;
import dev.builder.core.BuildListener;
import dev.builder.core.image.Attachment;
import dev.builder.core.image.Digest;
import dev.builder.core.image.ImageIndex;
import dev.builder.core.image.ImageSource.ResolvedImage;
import dev.builder.core.inventory.ImageInventory;
import dev.builder.core.inventory.InventoryCache;
import dev.builder.core.workflow.AttachmentMaker;
import dev.builder.sbom.JarHashes;
import dev.builder.sbom.JavaArtifact;
import dev.builder.sbom.Sbom;
import dev.builder.sbom.SbomAssembler;
import dev.builder.sbom.SbomFormat;
import dev.builder.sbom.SbomInput;
import dev.builder.sbom.SbomWriter;
import dev.builder.sbom.SbomWriters;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.logging.Log;

/**
 * Makes the SBOMs of a module's image, writes them to the work folder and hands them to a push as attachments: one for
 * a single image; for an index, one for the index and one per platform. Documents an earlier build made from the same
 * inputs are taken again, remade for the new digests when only the images' bytes changed ({@link SbomCache}); every
 * document is made before any is written, so a failure leaves none.
 */
final class SbomMaker {
  private final ImageParameters p;
  private final SbomFormat format;
  private final Log log;
  private final SbomFacts facts;
  private final JarHashes hashes;
  private final String toolVersion;
  private Digest factsKey;
  private Background<Void> ahead = Background.done(null);
  private volatile boolean abandoned;
  private volatile boolean started;
  private final Map<Digest, Background<ImageInventory>> contents = new ConcurrentHashMap<>();

  SbomMaker(ImageParameters parameters, SbomFormat format, Log log) {
    this.p = parameters;
    this.format = format;
    this.log = log;
    this.facts = new SbomFacts(parameters.session, parameters.projectBuilder,
        parameters.project.getRemoteProjectRepositories());
    this.toolVersion = parameters.plugin == null ? "unknown" : parameters.plugin.getVersion();
    this.hashes = new JarHashes(parameters.cacheDirectory.toPath());
  }

  /**
   * Starts, on a thread of its own, what the SBOM needs that the image does not: reading the dependencies' POMs,
   * hashing their jars and loading the writer's libraries, so that a fresh machine does it while the image is layered
   * rather than after. Nothing starts when the last SBOM in the work folder was made from the same dependencies for
   * the same {@code name} and {@code tags}: it is then taken again, and the build keeps both cores. A push to another
   * repository makes its SBOM anew, so it starts ahead too.
   */
  void startAhead(String name, List<String> tags) {
    if (format == SbomFormat.NONE || cache().madeFrom(SbomCache.beforeBuild(factsKey(), name, tags))) {
      return;
    }
    started = true;
    List<Path> jars = p.project.getArtifacts().stream().filter(a -> a.getFile() != null && a.getFile().isFile())
        .map(a -> a.getFile().toPath()).toList();
    ahead = Background.start("builder SBOM ahead", () -> {
      try {
        Laps laps = new Laps();
        for (Artifact artifact : p.project.getArtifacts()) {
          if (abandoned) {
            return null;
          }
          facts.readPom(artifact);
        }
        String poms = laps.next();
        SbomWriters.forFormat(format).warmUp();
        String writer = laps.next();
        for (Path jar : jars) {
          if (abandoned) {
            return null;
          }
          hashes.hash(jar);
        }
        Set<String> builtByMaven = facts.builtByMaven();
        log.debug("builder: SBOM head start: " + p.project.getArtifacts().size() + " POMs read in " + poms
            + (builtByMaven.isEmpty() ? "" : " (" + builtByMaven.size() + " through Maven's ProjectBuilder: "
                + String.join(", ", builtByMaven) + ")")
            + ", the " + format.id() + " writer warmed up in " + writer + ", " + jars.size() + " jars hashed in "
            + laps.next());
      } catch (RuntimeException e) {
        // only a head start: the SBOM itself reads, hashes and loads what is missing, and reports what fails
      }
      return null;
    });
  }

  /**
   * The wall and CPU time of successive steps on one thread, for the debug log: on a machine whose cores the build
   * keeps busy, the two differ, and only the CPU time says what a step costs.
   */
  private static final class Laps {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long wall = System.nanoTime();
    private long cpu = threads.getCurrentThreadCpuTime();

    /** The time since the last lap, as {@code 120 ms (80 ms of CPU)}. */
    String next() {
      long nowWall = System.nanoTime();
      long nowCpu = threads.getCurrentThreadCpuTime();
      String lap = (nowWall - wall) / 1_000_000 + " ms (" + (nowCpu - cpu) / 1_000_000 + " ms of CPU)";
      wall = nowWall;
      cpu = nowCpu;
      return lap;
    }
  }

  /**
   * {@code listener}, which also starts reading the contents of each base image (the packages and Java runtime the
   * SBOM lists) as soon as the build knows it, when {@link #startAhead} started: on a fresh machine that means
   * downloading the base's layers, which then happens while the application's layers are made.
   */
  BuildListener listeningTo(BuildListener listener) {
    return new BuildListener() {
      @Override
      public void info(String message) {
        listener.info(message);
      }

      @Override
      public void warn(String message) {
        listener.warn(message);
      }

      @Override
      public void debug(String message) {
        listener.debug(message);
      }

      @Override
      public void baseResolved(ResolvedImage base) {
        listener.baseResolved(base);
        if (started && !abandoned) {
          contents.computeIfAbsent(base.digest(), digest -> Background.start("builder base contents", () -> {
            Laps laps = new Laps();
            ImageInventory inventory = new InventoryCache(p.cacheDirectory.toPath()).of(base.image());
            log.debug("builder: SBOM head start: the contents of " + base.name() + " (" + inventory.packages().size()
                + " packages) read in " + laps.next());
            return inventory;
          }));
        }
      }
    };
  }

  /** What the SBOM lists of {@code base}: read ahead, or read now. */
  private ImageInventory contentsOf(ResolvedImage base) {
    Background<ImageInventory> reading = contents.get(base.digest());
    if (reading != null) {
      try {
        return reading.join();
      } catch (RuntimeException e) {
        // read again below, where a failure is reported as the SBOM's
      }
    }
    return new InventoryCache(p.cacheDirectory.toPath()).of(base.image());
  }

  /** Stops what {@link #startAhead} started, at the next dependency: the module turned out to have no image. */
  void abandonAhead() {
    abandoned = true;
  }

  private SbomCache cache() {
    return new SbomCache(p.workDirectory.toPath(), format);
  }

  private Digest factsKey() {
    if (factsKey == null) {
      factsKey = SbomCache.factsKey(p.project, p.session.getProjects(), format, toolVersion);
    }
    return factsKey;
  }

  /** The attachments of a push: the SBOMs, made (or taken from this session) while the image is pushed. */
  AttachmentMaker attachments(BuildState state) {
    if (format == SbomFormat.NONE) {
      return AttachmentMaker.NONE;
    }
    return built -> sbomsOf(state).stream().map(written -> new Attachment(written.subject(), written.what(),
        written.sbom().bytes(), format.mediaType(), format.cosignMediaType(), "sbom",
        Map.of("org.opencontainers.image.created", built.images().get(0).image().config().created().toString())))
        .toList();
  }

  /** The SBOMs of the image in {@code state}, written this session or made now; empty when switched off. */
  List<ImageSbom> sbomsOf(BuildState state) {
    if (format == SbomFormat.NONE) {
      return List.of();
    }
    if (!state.sboms().isEmpty() && state.sboms().get(0).sbom().format() == format) {
      return state.sboms();
    }
    BuiltImages built = state.built();
    Path work = p.workDirectory.toPath();
    SbomCache cache = cache();
    Digest beforeBuild = SbomCache.beforeBuild(factsKey(), state.name(), state.tags());
    Digest key = SbomCache.key(beforeBuild, SbomCache.imagesOf(built));
    List<Digest> digests = SbomCache.digestsOf(built);
    Iterator<byte[]> documents = cache.find(key)
        .filter(found -> found.digests().size() == digests.size())
        .filter(found -> found.digests().equals(digests) || format.remadeForNewDigests())
        .map(found -> remade(found, digests).iterator()).orElse(null);
    List<SbomInput> inputs = documents != null ? null : inputs(state);
    SbomWriter writer = documents != null ? null : SbomWriters.forFormat(format);
    List<ImageSbom> sboms = new ArrayList<>();
    if (built.index().isPresent()) {
      ImageIndex index = built.index().get();
      sboms.add(new ImageSbom(index.descriptor(), "index", null, new Sbom(format,
          documents != null ? documents.next() : writer.write(SbomAssembler.assembleIndex(index.digest(), inputs, hashes)))));
    }
    for (int i = 0; i < built.images().size(); i++) {
      String platform = built.images().get(i).image().config().platform().toString();
      sboms.add(new ImageSbom(built.images().get(i).image().descriptor(),
          built.index().isPresent() ? platform + " image" : "image",
          built.index().isPresent() ? platform.replace('/', '-') : null,
          new Sbom(format, documents != null ? documents.next() : writer.write(SbomAssembler.assemble(inputs.get(i), hashes)))));
    }
    List<Path> files = new ArrayList<>();
    for (ImageSbom written : sboms) {
      Path file = written.fileQualifier() == null
          ? written.sbom().writeTo(work)
          : written.sbom().writeTo(work, written.fileQualifier());
      files.add(file);
      log.info("builder: SBOM (" + format.id() + ") of " + state.name() + "@" + written.subject().digest()
          + (built.index().isPresent() ? " (" + written.what() + ")" : "") + " in " + file
          + (documents != null ? ", from the last build's: its dependencies did not change" : ""));
    }
    cache.store(key, beforeBuild, digests, files);
    state.withSboms(sboms).storeIn(p.project);
    return sboms;
  }

  /** The documents found, as they read for {@code digests}: the same bytes when the images did not change. */
  private List<byte[]> remade(SbomCache.Found found, List<Digest> digests) {
    if (found.digests().equals(digests)) {
      return found.documents();
    }
    Map<Digest, Digest> replacements = new LinkedHashMap<>();
    for (int i = 0; i < digests.size(); i++) {
      replacements.put(found.digests().get(i), digests.get(i));
    }
    return found.documents().stream().map(d -> new Sbom(format, d).withDigests(replacements).bytes()).toList();
  }

  /** What the SBOM of each image is made from; this reads the POM of every dependency. */
  private List<SbomInput> inputs(BuildState state) {
    ahead.join(); // what it has not read yet would be read twice at once
    BuiltImages built = state.built();
    JavaArtifact application = facts.application(p.project, built.jarPaths());
    List<JavaArtifact> libraries = facts.libraries(p.project, built.jarPaths());
    List<SbomInput> inputs = new ArrayList<>();
    for (BuiltImage image : built.images()) {
      inputs.add(new SbomInput(state.name(), state.tags(), image.image().digest(),
          image.image().config().platform(), image.image().config().created(), image.base().name(),
          image.base().digest(), contentsOf(image.base())
              .withLinkedRuntime(image.linkedRuntime()), application, libraries,
          p.project.getOrganization() == null ? null : p.project.getOrganization().getName(),
          "builder-maven-plugin", toolVersion));
    }
    return inputs;
  }
}
