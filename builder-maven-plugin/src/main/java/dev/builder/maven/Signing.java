package dev.builder.maven;

import dev.builder.core.BuilderException;
import dev.builder.core.assembly.BuiltImages;
import dev.builder.core.assembly.GitRevision;
import dev.builder.core.inventory.Purls;
import dev.builder.core.signing.ProvenanceFacts;
import dev.builder.core.signing.PushSigning.SbomDocument;
import dev.builder.core.signing.Signer;
import dev.builder.core.signing.SigningKeys;
import java.io.File;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.project.MavenProject;

/** The plugin's side of signing and provenance: the mojo's parameters turned into core values. */
final class Signing {
  private Signing() {}

  /** The key to sign with, read (and opened with its password) now, before anything is pushed; empty without one. */
  static Optional<Signer> signer(ImageParameters mojo) {
    File key = mojo.signingKey;
    if (key == null || key.getPath().isBlank()) {
      return Optional.empty();
    }
    Path file = key.toPath();
    return Optional.of(SigningKeys.read(file, new SigningPassword(System.getenv(), mojo.session.getSettings(),
        mojo.settingsDecrypter)));
  }

  /** Whether push attaches provenance: {@code slsa} (the default) or {@code none}. */
  static boolean provenance(String value) {
    String v = value == null ? "slsa" : value.trim().toLowerCase(java.util.Locale.ROOT);
    return switch (v) {
      case "", "slsa", "true" -> true;
      case "none", "false" -> false;
      default -> throw new BuilderException("builder.provenance is '" + value + "'; it is slsa (the default: SLSA"
          + " provenance attached to every push) or none");
    };
  }

  static ProvenanceFacts facts(ImageParameters mojo, BuiltImages built) {
    MavenProject project = mojo.project;
    String source = ProjectSource.of(project, mojo.session).orElse(null);
    Map<String, String> parameters = new LinkedHashMap<>();
    // the base as the image records it: a file base by its name only, as this machine's folders are no one's business
    put(parameters, "from", built.images().stream().map(i -> i.base().name()).distinct().toList());
    put(parameters, "runtime", mojo.runtime);
    put(parameters, "jlinkModules", mojo.jlinkModules);
    put(parameters, "platforms", built.images().stream().map(i -> i.image().config().platform().toString()).toList());
    put(parameters, "mainClass", built.mainClass());
    put(parameters, "jvmFlags", mojo.jvmFlags);
    put(parameters, "args", mojo.args);
    put(parameters, "entrypoint", mojo.entrypoint);
    put(parameters, "user", mojo.user);
    put(parameters, "workingDirectory", mojo.workingDirectory);
    put(parameters, "ports", mojo.ports);
    put(parameters, "includeDevtools", mojo.includeDevtools ? "true" : null);
    Map<Path, String> purls = new LinkedHashMap<>();
    for (Artifact a : project.getArtifacts()) {
      if (a.getFile() != null) {
        purls.put(a.getFile().toPath(), "pkg:maven/" + Purls.encode(a.getGroupId()) + "/"
            + Purls.encode(a.getArtifactId()) + "@" + Purls.encode(a.getBaseVersion())
            + (a.getClassifier() == null || a.getClassifier().isEmpty() ? "" : "?classifier="
                + Purls.encode(a.getClassifier())));
      }
    }
    return new ProvenanceFacts(project.getGroupId(), project.getArtifactId(), project.getVersion(), source,
        GitRevision.of(project.getBasedir().toPath()).orElse(null), parameters, "builder-maven-plugin",
        mojo.plugin == null ? null : mojo.plugin.getVersion(),
        mojo.session.getSystemProperties().getProperty("maven.version"), System.getProperty("java.version"), purls,
        System.getenv());
  }

  static List<SbomDocument> sbomDocuments(List<ImageSbom> sboms) {
    return sboms.stream().map(s -> new SbomDocument(s.subject(), s.sbom().bytes(), s.sbom().format().mediaType()))
        .toList();
  }

  private static void put(Map<String, String> map, String key, Object value) {
    if (value instanceof List<?> list) {
      value = list.isEmpty() ? null : String.join(",", list.stream().map(String::valueOf).toList());
    }
    if (value != null && !value.toString().isBlank()) {
      map.put(key, value.toString().trim());
    }
  }
}
