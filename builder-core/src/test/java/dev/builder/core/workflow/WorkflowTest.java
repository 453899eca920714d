package dev.builder.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builder.core.BuildListener;
import dev.builder.core.assembly.BuildRequest;
import dev.builder.core.assembly.BuiltImages;
import dev.builder.core.assembly.ContainerSettings;
import dev.builder.core.assembly.PlatformSelection;
import dev.builder.core.cache.BlobCache;
import dev.builder.core.daemon.DaemonLocator;
import dev.builder.core.image.Attached;
import dev.builder.core.image.Attachment;
import dev.builder.core.image.Json;
import dev.builder.core.image.Taggable;
import dev.builder.core.java.JavaApplication;
import dev.builder.core.layout.OciLayoutSource;
import dev.builder.core.policy.ImagePolicy;
import dev.builder.core.registry.CredentialSource;
import dev.builder.core.registry.ImageName;
import dev.builder.core.registry.Registries;
import dev.builder.core.registry.RegistrySource;
import dev.builder.core.registry.UploadLedger;
import dev.builder.testing.BaseImageFixture;
import dev.builder.testing.ContainerRun;
import dev.builder.testing.ImageRun;
import dev.builder.testing.RegistryExtension;
import dev.builder.testing.RegistryServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * builder-core as a front end other than Maven uses it: a plain program compiles a class, asks the workflow for an
 * image of it, pushes it with a document attached, and reads it back; no Maven type is anywhere on the way.
 */
@Tag("registry")
@Tag("root")
@ExtendWith(RegistryExtension.class)
class WorkflowTest {
  private static final Path FIXTURES = Path.of("target/fixtures");

  @TempDir Path tmp;

  @Test
  void aPlainProgramBuildsPushesAttachesReadsBackAndRunsAnImage(RegistryServer registry) throws Exception {
    Path base = BaseImageFixture.javaBaseLayout(FIXTURES);
    BuildRequest request = request("oci-layout://" + base.toAbsolutePath() + ":" + BaseImageFixture.TAG,
        "linux/amd64");
    ImageName target = ImageName.parse(registry.host() + "/plain/hello");
    byte[] document = "{\"made\":\"by a plain program\"}".getBytes(StandardCharsets.UTF_8);

    BuiltImages built;
    Publication published;
    try (Workflow workflow = new Workflow(new Registries(BuildListener.SILENT, CredentialSource.ANONYMOUS, false),
        DaemonLocator.of(null, null), BuildListener.SILENT, new UploadLedger())) {
      built = workflow.build(request).orElseThrow();
      published = workflow.publish(built, workflow.registry(target), List.of("1.0"), b -> List.of(new Attachment(
          b.descriptor(), "image", document, "application/vnd.example+json", "application/vnd.example+json",
          "example", Map.of())));
    }
    ImageRecord record = new ImageRecord(tmp.resolve("project/target/builder"));
    record.written(target.repositoryName(), built, List.of("1.0"), published.written(), true);

    assertThat(published.written().digest()).isEqualTo(built.digest());
    assertThat(published.written().references()).containsExactly(target.repositoryName() + ":1.0");
    Attached attached = published.attached().get(0);
    assertThat(attached.cosignTag()).isEqualTo("sha256-" + built.digest().hex() + ".example");
    JsonNode json = Json.parse(Files.readAllBytes(record.file()), "image.json");
    assertThat(json.get("digest").asText()).isEqualTo(built.digest().toString());
    assertThat(json.get("transfer").get("uploaded").asInt()).as("the base layer, the app layers and the config")
        .isEqualTo(built.images().get(0).image().layers().size() + 1);
    assertThat(json.get("transfer").get("requests").asLong()).isPositive();
    assertThat(json.get("transfer").get("bytes").asLong()).isPositive();

    try (Registries registries = new Registries(BuildListener.SILENT, CredentialSource.ANONYMOUS, false)) {
      Taggable read = new RegistrySource(registries, new BlobCache(tmp.resolve("read")), target.withTag("1.0")).read();
      assertThat(read.digest()).isEqualTo(built.digest());
      assertThat(registries.forPull(target).findManifest(attached.cosignTag())).isPresent();
    }
    try (ContainerRun run = ImageRun.start(target.repositoryName() + "@" + built.digest(), tmp.resolve("run"),
        Map.of())) {
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (run.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(run.log()).contains("hello from a plain program");
    }
  }

  @Test
  void anImageWrittenToALayoutIsPushedFromItUnchanged(RegistryServer registry) throws Exception {
    ImageName target = ImageName.parse(registry.host() + "/from/layout");
    try (Workflow workflow = new Workflow(new Registries(BuildListener.SILENT, CredentialSource.ANONYMOUS, false),
        DaemonLocator.of(null, null), BuildListener.SILENT, null)) {
      Path multi = tmp.resolve("multi-base");
      new dev.builder.core.layout.OciLayoutSink(multi).write(BaseImageFixture.multiPlatformIndex(FIXTURES),
          List.of("latest"));
      BuiltImages built = workflow.build(request("oci-layout://" + multi.toAbsolutePath(), "linux/amd64,linux/arm64"))
          .orElseThrow();
      BuildOutputs outputs = new BuildOutputs(tmp.resolve("project/target/builder"));
      outputs.writeImage(built, "from/layout", List.of("1.0"));

      Taggable fromLayout = new OciLayoutSource(outputs.layout(), "1.0", "the build's layout").read();
      assertThat(fromLayout.digest()).isEqualTo(built.digest());
      assertThat(fromLayout.images()).hasSize(2);
      var written = workflow.registry(target).write(fromLayout, List.of("1.0"));
      assertThat(written.digest()).isEqualTo(built.digest());
      assertThat(written.descriptor().mediaType()).isEqualTo(built.descriptor().mediaType());
    }
  }

  /** A request for an image of a compiled hello-world class, as a front end makes it from its own settings. */
  private BuildRequest request(String base, String platforms) throws IOException {
    Path classes = compileHello(tmp.resolve("project/target/classes"));
    return new BuildRequest(base, Map.of(), 17, PlatformSelection.parse(platforms), tmp.resolve("project"),
        new JavaApplication(classes, List.of(), null, null), null, ContainerSettings.DEFAULTS, null, Map.of(),
        Instant.parse("2026-01-01T00:00:00Z"), tmp.resolve("project/target/builder"), tmp.resolve("cache"),
        ImagePolicy.DEFAULT, BuildListener.SILENT);
  }

  private static Path compileHello(Path classes) throws IOException {
    Path sources = Files.createDirectories(classes.resolveSibling("src"));
    Path hello = sources.resolve("Hello.java");
    Files.writeString(hello, "public class Hello { public static void main(String[] a) {"
        + " System.out.println(\"hello from a plain program\"); } }");
    Files.createDirectories(classes);
    int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "17", "-d",
        classes.toString(), hello.toString());
    assertThat(status).isZero();
    Files.delete(hello);
    return classes;
  }
}
