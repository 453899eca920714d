package dev.builder.maven;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * What a dependency's POM declares that an SBOM lists, its licences and supplier, read from the local repository with
 * the JDK's XML reader, parents included the way Maven inherits them (a child's licences or developers replace its
 * parent's; an organization's name is the child's when it has one). Maven's ProjectBuilder answers the same by
 * building each POM's whole effective model, every imported BOM and plugin included: a third to half a second of CPU
 * for a Spring Boot application's dependencies, on the fresh machine that pays for it beside the image's build.
 *
 * <p>It answers nothing, so that the caller asks ProjectBuilder, wherever its reading could differ from Maven's: a POM
 * or a parent that is not in the local repository or does not parse, and a value that holds an expression
 * ({@code ${...}}), which only Maven's interpolation reads right.
 */
final class LocalPoms {
  /** The licences (each its name, else its URL) and the supplier (the organization's name, else the developers). */
  record Declared(List<String> licenses, String supplier) {

    /**
     * What an SBOM takes from a POM's licences (each its name, else its URL), organization name and developers
     * (each as {@link #developer} names them), whichever reader read them: blank values count as none.
     */
    static Declared of(List<String> licenses, String organization, List<String> developers) {
      String supplier = organization != null && !organization.isBlank() ? organization.trim()
          : developers.stream().filter(d -> d != null && !d.isBlank()).distinct().collect(Collectors.joining(", "));
      return new Declared(licenses.stream().filter(l -> l != null && !l.isBlank()).toList(),
          supplier.isEmpty() ? null : supplier);
    }

    /** A developer as a supplier: their organization, else their name, else their id. */
    static String developer(String organization, String name, String id) {
      return organization != null && !organization.isBlank() ? organization : name != null ? name : id;
    }
  }

  /**
   * One POM's own declarations; a list is null when the POM declares none, so that the parent's are inherited. An
   * entry is blank where a licence or developer names nothing, which still keeps the parent's from being inherited.
   */
  private record Pom(String parentGroupId, String parentArtifactId, String parentVersion, List<String> licenses,
      String organization, List<String> developers) {}

  private static final int MAX_PARENTS = 32;
  private final Locator locator;
  private final XMLInputFactory xml;
  private final Map<String, Optional<Pom>> read = new ConcurrentHashMap<>();

  /** Where the POM of {@code groupId:artifactId:version} lies in the local repository; null when it is not there. */
  interface Locator {
    Path pom(String groupId, String artifactId, String version);
  }

  LocalPoms(Locator locator) {
    this.locator = locator;
    this.xml = XMLInputFactory.newFactory();
    xml.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    xml.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
  }

  /** The declarations of {@code groupId:artifactId:version}'s POM and its parents, or empty (see the class). */
  Optional<Declared> declared(String groupId, String artifactId, String version) {
    List<String> licenses = null;
    String organization = null;
    List<String> developers = null;
    String g = groupId;
    String a = artifactId;
    String v = version;
    for (int depth = 0; depth < MAX_PARENTS && a != null; depth++) {
      Optional<Pom> found = pom(g, a, v);
      if (found.isEmpty()) {
        return Optional.empty();
      }
      Pom pom = found.get();
      licenses = licenses == null ? pom.licenses() : licenses;
      organization = organization == null ? pom.organization() : organization;
      developers = developers == null ? pom.developers() : developers;
      g = pom.parentGroupId();
      a = pom.parentArtifactId();
      v = pom.parentVersion();
    }
    if (a != null) {
      return Optional.empty();
    }
    return Optional.of(Declared.of(licenses == null ? List.of() : licenses, organization,
        developers == null ? List.of() : developers));
  }

  private Optional<Pom> pom(String groupId, String artifactId, String version) {
    if (groupId == null || version == null || version.endsWith("-SNAPSHOT") || version.contains("${")) {
      return Optional.empty();
    }
    return read.computeIfAbsent(groupId + ":" + artifactId + ":" + version, key -> {
      Path file = locator.pom(groupId, artifactId, version);
      return file == null || !Files.isRegularFile(file) ? Optional.empty() : parse(file);
    });
  }

  /** The POM at {@code file}, or empty when it does not parse or a value it declares holds an expression. */
  private Optional<Pom> parse(Path file) {
    String parentGroupId = null;
    String parentArtifactId = null;
    String parentVersion = null;
    List<String> licenses = null;
    String organization = null;
    List<String> developers = null;
    String licenseName = null;
    String licenseUrl = null;
    String developerId = null;
    String developerName = null;
    String developerOrganization = null;
    Deque<String> path = new ArrayDeque<>();
    try (InputStream in = Files.newInputStream(file)) {
      XMLStreamReader r = xml.createXMLStreamReader(in);
      try {
        while (r.hasNext()) {
          int event = r.next();
          if (event == XMLStreamConstants.START_ELEMENT) {
            path.addLast(r.getLocalName());
            String at = String.join("/", path);
            switch (at) {
              case "project/licenses" -> licenses = new ArrayList<>();
              case "project/developers" -> developers = new ArrayList<>();
              case "project/licenses/license" -> licenseName = licenseUrl = null;
              case "project/developers/developer" -> developerId = developerName = developerOrganization = null;
              case "project/parent/groupId" -> parentGroupId = text(r);
              case "project/parent/artifactId" -> parentArtifactId = text(r);
              case "project/parent/version" -> parentVersion = text(r);
              case "project/licenses/license/name" -> licenseName = text(r);
              case "project/licenses/license/url" -> licenseUrl = text(r);
              case "project/organization/name" -> organization = text(r);
              case "project/developers/developer/id" -> developerId = text(r);
              case "project/developers/developer/name" -> developerName = text(r);
              case "project/developers/developer/organization" -> developerOrganization = text(r);
              default -> { }
            }
            if (r.getEventType() == XMLStreamConstants.END_ELEMENT) {
              path.removeLast(); // text(r) read up to the element's end
            }
          } else if (event == XMLStreamConstants.END_ELEMENT) {
            String at = String.join("/", path);
            if (at.equals("project/licenses/license")) {
              licenses.add(licenseName != null ? licenseName : licenseUrl != null ? licenseUrl : "");
            } else if (at.equals("project/developers/developer")) {
              String who = Declared.developer(developerOrganization, developerName, developerId);
              developers.add(who == null ? "" : who);
            }
            path.removeLast();
          }
        }
      } finally {
        r.close();
      }
    } catch (IOException | XMLStreamException e) {
      return Optional.empty();
    }
    List<String> values = new ArrayList<>();
    values.add(organization);
    values.add(parentGroupId);
    values.add(parentVersion);
    if (licenses != null) {
      values.addAll(licenses);
    }
    if (developers != null) {
      values.addAll(developers);
    }
    if (values.stream().anyMatch(v -> v != null && v.contains("${"))) {
      return Optional.empty();
    }
    return Optional.of(new Pom(parentGroupId, parentArtifactId, parentVersion,
        licenses == null || licenses.isEmpty() ? null : List.copyOf(licenses), organization,
        developers == null || developers.isEmpty() ? null : List.copyOf(developers)));
  }

  private static String text(XMLStreamReader r) throws XMLStreamException {
    String text = r.getElementText().trim();
    return text.isEmpty() ? null : text;
  }
}
