package dev.builder.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builder.core.BuildListener;
import dev.builder.core.TestImages;
import dev.builder.core.image.Digest;
import dev.builder.core.image.Image;
import dev.builder.core.image.Index;
import dev.builder.core.image.Json;
import dev.builder.core.image.Attached;
import dev.builder.core.image.Attachment;
import dev.builder.testing.RegistryExtension;
import dev.builder.testing.RegistryServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Attaching documents to a pushed image, against the real distribution registry (which has no referrers API). */
@Tag("registry")
@ExtendWith(RegistryExtension.class)
class AttachmentsTest {
  @TempDir Path tmp;

  @Test
  void attachesAsReferrerWithFallbackIndexAndUnderTheCosignTag(RegistryServer registry) throws Exception {
    ImageName name = ImageName.parse(registry.host() + "/attach/app");
    byte[] spdx = "{\"spdxVersion\":\"SPDX-2.3\"}".getBytes(StandardCharsets.UTF_8);
    byte[] cdx = "{\"bomFormat\":\"CycloneDX\"}".getBytes(StandardCharsets.UTF_8);
    try (Registries registries = new Registries(BuildListener.SILENT, CredentialSource.ANONYMOUS, false)) {
      Image image = TestImages.small(tmp, "attached\n");
      new RegistrySink(registries, BuildListener.SILENT).push(image, name, List.of("1.0"));
      Attachments attachments = new Attachments(registries);
      Map<String, String> created = Map.of("org.opencontainers.image.created", "2026-01-01T00:00:00Z");

      Attached first = attachments.attach(name, new Attachment(image.descriptor(), "image", spdx, "application/spdx+json", "text/spdx+json", "sbom", created));
      Attached again = attachments.attach(name, new Attachment(image.descriptor(), "image", spdx, "application/spdx+json", "text/spdx+json", "sbom", created));
      attachments.attach(name, new Attachment(image.descriptor(), "image", cdx, "application/vnd.cyclonedx+json", "application/vnd.cyclonedx+json", "cdx", created));

      assertThat(again.referrer()).isEqualTo(first.referrer());
      assertThat(first.alreadyThere()).isFalse();
      assertThat(again.alreadyThere()).as("the same bytes again send nothing").isTrue();
      assertThat(first.fallbackTag()).isEqualTo("sha256-" + image.digest().hex());
      RepositoryClient client = registries.forPull(name);
      Index index = Index.parse(client.pullManifest(first.fallbackTag()).bytes(), "referrers index");
      assertThat(index.manifests()).extracting(d -> d.artifactType())
          .containsExactly("application/spdx+json", "application/vnd.cyclonedx+json");
      assertThat(index.manifests().get(0).annotations()).containsAllEntriesOf(created);

      JsonNode referrer = Json.parse(client.pullManifest(first.referrer().toString()).bytes(), "referrer");
      assertThat(referrer.get("artifactType").asText()).isEqualTo("application/spdx+json");
      assertThat(referrer.get("subject").get("digest").asText()).isEqualTo(image.digest().toString());
      assertThat(referrer.get("subject").get("size").asLong()).isEqualTo(image.manifestBytes().length);
      assertThat(referrer.get("config").get("mediaType").asText()).isEqualTo("application/vnd.oci.empty.v1+json");
      assertThat(referrer.get("config").get("digest").asText()).isEqualTo(Digest.of("{}".getBytes()).toString());
      assertThat(blob(client, referrer.get("layers").get(0).get("digest").asText())).isEqualTo(spdx);

      JsonNode cosign = Json.parse(client.pullManifest(first.cosignTag()).bytes(), "cosign");
      assertThat(first.cosignTag()).isEqualTo("sha256-" + image.digest().hex() + ".sbom");
      assertThat(cosign.get("layers").get(0).get("mediaType").asText()).isEqualTo("text/spdx+json");
      assertThat(blob(client, cosign.get("layers").get(0).get("digest").asText())).isEqualTo(spdx);
      // the image itself is untouched: its tag still names the same digest
      assertThat(client.pullManifest("1.0").digest()).isEqualTo(image.digest());
    }
  }

  private static byte[] blob(RepositoryClient client, String digest) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    client.pullBlob(Digest.parse(digest), out);
    return out.toByteArray();
  }
}
