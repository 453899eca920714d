package dev.builder.core.signing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.builder.core.assembly.BuiltImage;
import dev.builder.core.assembly.BuiltImages;
import dev.builder.core.assembly.SourceUrl;
import dev.builder.core.image.Digest;
import dev.builder.core.image.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SLSA provenance of a push: an in-toto Statement v1 whose predicate (SLSA provenance v1) says what was built
 * from what, by whom. Every digest in it is of the bytes the image really holds: the base's manifest, each jar.
 */
public final class Provenance {
  public static final String STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
  public static final String PREDICATE_TYPE = "https://slsa.dev/provenance/v1";
  /** The build type the README documents: what externalParameters and internalParameters mean. */
  public static final String BUILD_TYPE = "https://builder.dev/provenance/maven-image/v1";

  private Provenance() {}

  /**
   * @param name the repository pushed to, without tag
   * @param subjects the pushed digests: the index (if any) and every image
   */
  public static byte[] statement(String name, List<String> tags, List<Digest> subjects, BuiltImages built,
      ProvenanceFacts facts) {
    ObjectNode root = Json.object();
    root.put("_type", STATEMENT_TYPE);
    ArrayNode subject = root.putArray("subject");
    for (Digest digest : subjects) {
      ObjectNode s = subject.addObject();
      s.put("name", name);
      s.putObject("digest").put(digest.algorithm(), digest.hex());
    }
    root.put("predicateType", PREDICATE_TYPE);
    ObjectNode predicate = root.putObject("predicate");
    ObjectNode definition = predicate.putObject("buildDefinition");
    definition.put("buildType", BUILD_TYPE);
    ObjectNode external = definition.putObject("externalParameters");
    ObjectNode project = external.putObject("project");
    putIfSet(project, "groupId", facts.groupId());
    putIfSet(project, "artifactId", facts.artifactId());
    putIfSet(project, "version", facts.version());
    ObjectNode source = external.putObject("source");
    // the SCM URL is often a CI clone URL with a token in it: the statement holds the clean URL the image's
    // org.opencontainers.image.source annotation holds
    String repository = SourceUrl.of(facts.sourceRepository()).orElse(null);
    putIfSet(source, "repository", repository);
    putIfSet(source, "revision", facts.revision());
    ObjectNode image = external.putObject("image");
    image.put("name", name);
    image.set("tags", Json.array(tags));
    image.set("platforms", Json.array(built.images().stream()
        .map(i -> i.image().config().platform().toString()).toList()));
    external.set("parameters", Json.sortedMap(facts.parameters()));
    ObjectNode internal = definition.putObject("internalParameters");
    putIfSet(internal, "builderVersion", facts.toolVersion());
    putIfSet(internal, "mavenVersion", facts.mavenVersion());
    putIfSet(internal, "javaVersion", facts.javaVersion());
    ArrayNode resolved = definition.putArray("resolvedDependencies");
    bases(built).forEach(resolved::add);
    for (Jar jar : jars(built, facts)) {
      ObjectNode d = resolved.addObject();
      d.put("uri", jar.purl() == null ? "file://" + jar.pathInImage() : jar.purl());
      d.put("name", jar.pathInImage());
      d.putObject("digest").put("sha256", jar.sha256());
    }
    if (facts.revision() != null) {
      ObjectNode git = resolved.addObject();
      git.put("uri", "git+" + (repository == null ? "" : repository));
      git.putObject("digest").put("gitCommit", facts.revision());
    }
    ObjectNode run = predicate.putObject("runDetails");
    CiRun ci = CiRun.of(facts.environment());
    ObjectNode builder = run.putObject("builder");
    builder.put("id", ci.builderId());
    if (facts.toolName() != null && facts.toolVersion() != null) {
      builder.putObject("version").put(facts.toolName(), facts.toolVersion());
    }
    ci.invocationId().ifPresent(id -> run.putObject("metadata").put("invocationId", id));
    return Json.bytes(root);
  }

  /** A jar the image holds: where, its package URL (null when unknown) and the SHA-256 of its bytes. */
  public record Jar(String pathInImage, String purl, String sha256) {}

  /** The jars of the image, by their path in it. */
  public static List<Jar> jars(BuiltImages built, ProvenanceFacts facts) {
    Map<String, Jar> byPath = new java.util.TreeMap<>();
    built.jarPaths().forEach((file, inImage) ->
        byPath.put(inImage, new Jar(inImage, facts.purls().get(file), sha256(file))));
    return List.copyOf(byPath.values());
  }

  private static List<ObjectNode> bases(BuiltImages built) {
    Map<Digest, ObjectNode> byDigest = new LinkedHashMap<>();
    for (BuiltImage image : built.images()) {
      byDigest.computeIfAbsent(image.base().digest(), digest -> {
        ObjectNode d = Json.object();
        String baseName = image.base().name();
        d.put("uri", baseName.contains("@") ? baseName : baseName + "@" + digest);
        d.put("name", "base image");
        d.putObject("digest").put(digest.algorithm(), digest.hex());
        return d;
      });
    }
    return List.copyOf(byDigest.values());
  }

  private static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return Digest.of(in).hex();
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file + " for the provenance statement", e);
    }
  }

  private static void putIfSet(ObjectNode node, String field, String value) {
    if (value != null && !value.isBlank()) {
      node.put(field, value.trim());
    }
  }
}
