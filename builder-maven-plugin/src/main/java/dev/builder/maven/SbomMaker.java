package dev.builder.maven;

import dev.builder.core.assembly.BuiltImage;
import dev.builder.core.assembly.BuiltImages;
import dev.builder.core.image.Attachment;
import dev.builder.core.image.Digest;
import dev.builder.core.image.ImageIndex;
import dev.builder.core.inventory.InventoryCache;
import dev.builder.core.workflow.AttachmentMaker;
import dev.builder.sbom.JavaArtifact;
import dev.builder.sbom.Sbom;
import dev.builder.sbom.SbomAssembler;
import dev.builder.sbom.SbomFormat;
import dev.builder.sbom.SbomInput;
import dev.builder.sbom.SbomWriter;
import dev.builder.sbom.SbomWriters;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugin.logging.Log;

/**
 * Makes the SBOMs of a module's image, writes them to the work folder and hands them to a push as attachments: one for
 * a single image; for an index, one for the index and one per platform. Documents an earlier build made from the same
 * inputs are taken again ({@link SbomCache}); every document is made before any is written, so a failure leaves none.
 */
final class SbomMaker {
  private final ImageParameters p;
  private final SbomFormat format;
  private final Log log;

  SbomMaker(ImageParameters parameters, SbomFormat format, Log log) {
    this.p = parameters;
    this.format = format;
    this.log = log;
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
    String toolVersion = p.plugin == null ? "unknown" : p.plugin.getVersion();
    Path work = p.workDirectory.toPath();
    SbomCache cache = new SbomCache(work, format);
    Digest key = SbomCache.key(p.project, p.session.getProjects(), built.digest(), state.name(), state.tags(), format,
        toolVersion);
    Optional<List<byte[]>> reused = cache.find(key).filter(d -> d.size() == built.images().size()
        + (built.index().isPresent() ? 1 : 0));
    Iterator<byte[]> documents = reused.map(List::iterator).orElse(null);
    List<SbomInput> inputs = reused.isPresent() ? null : inputs(state, toolVersion);
    SbomWriter writer = reused.isPresent() ? null : SbomWriters.forFormat(format);
    List<ImageSbom> sboms = new ArrayList<>();
    if (built.index().isPresent()) {
      ImageIndex index = built.index().get();
      sboms.add(new ImageSbom(index.descriptor(), "index", null, new Sbom(format,
          documents != null ? documents.next() : writer.write(SbomAssembler.assembleIndex(index.digest(), inputs)))));
    }
    for (int i = 0; i < built.images().size(); i++) {
      String platform = built.images().get(i).image().config().platform().toString();
      sboms.add(new ImageSbom(built.images().get(i).image().descriptor(),
          built.index().isPresent() ? platform + " image" : "image",
          built.index().isPresent() ? platform.replace('/', '-') : null,
          new Sbom(format, documents != null ? documents.next() : writer.write(SbomAssembler.assemble(inputs.get(i))))));
    }
    List<Path> files = new ArrayList<>();
    for (ImageSbom written : sboms) {
      Path file = written.fileQualifier() == null
          ? written.sbom().writeTo(work)
          : written.sbom().writeTo(work, written.fileQualifier());
      files.add(file);
      log.info("builder: SBOM (" + format.id() + ") of " + state.name() + "@" + written.subject().digest()
          + (built.index().isPresent() ? " (" + written.what() + ")" : "") + " in " + file);
    }
    cache.store(key, files);
    state.withSboms(sboms).storeIn(p.project);
    return sboms;
  }

  /** What the SBOM of each image is made from; this reads the POM of every dependency. */
  private List<SbomInput> inputs(BuildState state, String toolVersion) {
    BuiltImages built = state.built();
    SbomFacts facts = new SbomFacts(p.session, p.projectBuilder);
    JavaArtifact application = facts.application(p.project, built.jarPaths());
    List<JavaArtifact> libraries = facts.libraries(p.project, built.jarPaths());
    List<SbomInput> inputs = new ArrayList<>();
    for (BuiltImage image : built.images()) {
      inputs.add(new SbomInput(state.name(), state.tags(), image.image().digest(),
          image.image().config().platform(), image.image().config().created(), image.base().name(),
          image.base().digest(), new InventoryCache(p.cacheDirectory.toPath()).of(image.base().image())
              .withLinkedRuntime(image.linkedRuntime()), application, libraries,
          p.project.getOrganization() == null ? null : p.project.getOrganization().getName(),
          "builder-maven-plugin", toolVersion));
    }
    return inputs;
  }
}
