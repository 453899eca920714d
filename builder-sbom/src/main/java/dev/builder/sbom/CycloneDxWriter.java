package dev.builder.sbom;

import dev.builder.core.BuilderException;
import dev.builder.sbom.Component.HashAlgorithm;
import dev.builder.sbom.Component.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.BomReference;
import org.cyclonedx.model.Composition;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.model.Evidence;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.OrganizationalContact;
import org.cyclonedx.model.OrganizationalEntity;
import org.cyclonedx.model.component.evidence.Occurrence;
import org.cyclonedx.model.metadata.ToolInformation;
import org.cyclonedx.parsers.JsonParser;
import org.cyclonedx.parsers.XmlParser;

/**
 * CycloneDX 1.6, as JSON or XML, written with cyclonedx-core-java and validated against the CycloneDX schema by that
 * library's own validator before it is returned.
 *
 * <ul>
 *   <li>{@code metadata.component} is the image (a container); {@code components} are the rest in document order,
 *       the base image among them as a container, the Java runtime as a platform (CycloneDX: "a runtime environment
 *       which interprets or executes software"), Debian/Alpine packages as libraries.
 *   <li>Every component's {@code bom-ref} is its id; {@code dependencies} has one entry per component, listing the
 *       targets of its DEPENDS_ON, CONTAINS and DESCENDANT_OF relationships (an image needs its base's layers).
 *   <li>{@code compositions}: the resolved dependency graph of the application and its jars is {@code complete}; what
 *       the image holds is {@code incomplete}, as files that no package manager recorded are not listed.
 *   <li>Licences as {@link CycloneDxLicenses} writes them, all marked as declared.
 *   <li>Where a component lies in the image is its {@code evidence.occurrences} location.
 * </ul>
 */
public final class CycloneDxWriter implements SbomWriter {
  private static final Version VERSION = Version.VERSION_16;

  private final boolean xml;

  private CycloneDxWriter(boolean xml) {
    this.xml = xml;
  }

  /** {@code sbom.cdx.json}. */
  public static CycloneDxWriter json() {
    return new CycloneDxWriter(false);
  }

  /** {@code sbom.cdx.xml}. */
  public static CycloneDxWriter xml() {
    return new CycloneDxWriter(true);
  }

  @Override
  public String fileName() {
    return xml ? "sbom.cdx.xml" : SbomFormat.CYCLONEDX.fileName();
  }

  @Override
  public String mediaType() {
    return xml ? "application/vnd.cyclonedx+xml" : SbomFormat.CYCLONEDX.mediaType();
  }

  @Override
  public byte[] write(SbomDocument doc) {
    DocumentCheck.check(doc);
    Bom bom = bom(doc);
    byte[] bytes;
    try {
      String text = xml ? BomGeneratorFactory.createXml(VERSION, bom).toXmlString()
          : BomGeneratorFactory.createJson(VERSION, bom).toJsonString();
      bytes = text.getBytes(StandardCharsets.UTF_8);
    } catch (GeneratorException e) {
      throw new BuilderException("Could not write the CycloneDX SBOM of " + doc.name() + ": " + e.getMessage(), e);
    }
    validate(doc, bytes);
    return bytes;
  }

  private Bom bom(SbomDocument doc) {
    Bom bom = new Bom();
    bom.setSerialNumber("urn:uuid:" + DocumentIdentity.serial(doc));
    bom.setVersion(1);
    bom.setMetadata(metadata(doc));
    List<org.cyclonedx.model.Component> components = new ArrayList<>();
    for (Component c : doc.components()) {
      components.add(component(c));
    }
    bom.setComponents(components);
    bom.setDependencies(dependencies(doc));
    bom.setCompositions(compositions(doc));
    return bom;
  }

  private static Metadata metadata(SbomDocument doc) {
    Metadata metadata = new Metadata();
    metadata.setTimestamp(Date.from(java.time.Instant.parse(DocumentIdentity.created(doc))));
    org.cyclonedx.model.Component tool = new org.cyclonedx.model.Component();
    tool.setType(org.cyclonedx.model.Component.Type.APPLICATION);
    tool.setName(doc.toolName());
    tool.setVersion(doc.toolVersion());
    ToolInformation tools = new ToolInformation();
    tools.setComponents(List.of(tool));
    metadata.setToolChoice(tools);
    if (doc.organization() != null && !doc.organization().isBlank()) {
      OrganizationalEntity manufacturer = new OrganizationalEntity();
      manufacturer.setName(doc.organization());
      metadata.setManufacturer(manufacturer);
    }
    metadata.setComponent(component(doc.image()));
    return metadata;
  }

  private static org.cyclonedx.model.Component component(Component c) {
    org.cyclonedx.model.Component out = new org.cyclonedx.model.Component();
    out.setType(type(c.kind()));
    out.setBomRef(c.id());
    out.setGroup(c.group());
    out.setName(c.name());
    out.setVersion(c.version());
    out.setDescription(c.description());
    out.setPurl(c.purl());
    Supplier supplier = Supplier.parse(c.supplier());
    if (supplier != null) {
      OrganizationalEntity entity = new OrganizationalEntity();
      entity.setName(supplier.name());
      if (supplier.email() != null) {
        OrganizationalContact contact = new OrganizationalContact();
        contact.setEmail(supplier.email());
        entity.addContact(contact);
      }
      out.setSupplier(entity);
    }
    List<Hash> hashes = new ArrayList<>();
    for (HashAlgorithm algorithm : HashAlgorithm.values()) {
      String value = c.hashes().get(algorithm);
      if (value != null) {
        hashes.add(new Hash(hashAlgorithm(algorithm), value));
      }
    }
    if (!hashes.isEmpty()) {
      out.setHashes(hashes);
    }
    out.setLicenses(CycloneDxLicenses.of(DeclaredLicenses.of(c.licenses())));
    if (c.path() != null) {
      Occurrence occurrence = new Occurrence();
      occurrence.setLocation(c.path());
      Evidence evidence = new Evidence();
      evidence.setOccurrences(List.of(occurrence));
      out.setEvidence(evidence);
    }
    return out;
  }

  static org.cyclonedx.model.Component.Type type(Kind kind) {
    return switch (kind) {
      case CONTAINER -> org.cyclonedx.model.Component.Type.CONTAINER;
      case APPLICATION -> org.cyclonedx.model.Component.Type.APPLICATION;
      case LIBRARY, OPERATING_SYSTEM_PACKAGE -> org.cyclonedx.model.Component.Type.LIBRARY;
      case RUNTIME -> org.cyclonedx.model.Component.Type.PLATFORM;
    };
  }

  private static Hash.Algorithm hashAlgorithm(HashAlgorithm algorithm) {
    return switch (algorithm) {
      case SHA1 -> Hash.Algorithm.SHA1;
      case SHA256 -> Hash.Algorithm.SHA_256;
      case SHA512 -> Hash.Algorithm.SHA_512;
    };
  }

  private static List<Dependency> dependencies(SbomDocument doc) {
    Map<String, List<String>> needs = new LinkedHashMap<>();
    needs.put(doc.image().id(), new ArrayList<>());
    for (Component c : doc.components()) {
      needs.put(c.id(), new ArrayList<>());
    }
    for (Relationship r : doc.relationships()) {
      List<String> targets = needs.get(r.from());
      if (!targets.contains(r.to())) {
        targets.add(r.to());
      }
    }
    List<Dependency> dependencies = new ArrayList<>();
    needs.forEach((ref, targets) -> {
      Dependency dependency = new Dependency(ref);
      for (String target : targets) {
        dependency.addDependency(new Dependency(target));
      }
      dependencies.add(dependency);
    });
    return dependencies;
  }

  private static List<Composition> compositions(SbomDocument doc) {
    Composition image = new Composition();
    image.setAggregate(Composition.Aggregate.INCOMPLETE);
    image.setAssemblies(List.of(new BomReference(doc.image().id())));
    List<Composition> compositions = new ArrayList<>(List.of(image));
    List<BomReference> java = doc.components().stream()
        .filter(c -> c.kind() == Kind.APPLICATION || c.kind() == Kind.LIBRARY)
        .map(c -> new BomReference(c.id()))
        .collect(Collectors.toList());
    if (!java.isEmpty()) {
      Composition graph = new Composition();
      graph.setAggregate(Composition.Aggregate.COMPLETE);
      graph.setDependencies(java);
      compositions.add(graph);
    }
    return compositions;
  }

  /** Throws when {@code bytes} do not match the CycloneDX schema; the last step of {@link #write}. */
  void validate(SbomDocument doc, byte[] bytes) {
    List<ParseException> problems;
    try {
      problems = xml ? new XmlParser().validate(bytes, VERSION) : new JsonParser().validate(bytes, VERSION);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!problems.isEmpty()) {
      throw new BuilderException("The CycloneDX SBOM of " + doc.name() + " was not written: it does not match the "
          + "CycloneDX " + VERSION.getVersionString() + " schema: "
          + problems.stream().map(Exception::getMessage).collect(Collectors.joining("; ")));
    }
  }
}
