package dev.builder.core.registry;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.builder.core.BuildListener;
import dev.builder.core.BuilderException;
import dev.builder.core.TestImages;
import dev.builder.core.cache.BlobCache;
import dev.builder.core.image.Blob;
import dev.builder.core.image.Image;
import dev.builder.core.image.Platform;
import dev.builder.testing.FakeHosts;
import dev.builder.testing.FakeRegistry;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryBlobTest {
  @TempDir Path tmp;

  @Test
  void aLayerWhoseManifestGivesAWrongSizeIsSaidToBeListedWrong() throws Exception {
    FakeRegistry registry = new FakeRegistry("Basic unused", "unused");
    try (FakeHosts hosts = FakeHosts.start(null, Set.of(), registry)) {
      registry.own = hosts.host();
      Image image = TestImages.small(tmp.resolve("image"), "sized\n");
      String reference = hosts.host() + "/apps/sized:1";
      try (Registries registries = new Registries(BuildListener.SILENT, CredentialSource.ANONYMOUS, false)) {
        new RegistrySink(registries, BuildListener.SILENT).push(image, ImageName.parse(reference), List.of("1"));
      }
      long size = image.layers().get(0).blob().size();
      ObjectMapper json = new ObjectMapper();
      ObjectNode manifest = (ObjectNode) json.readTree(registry.manifests.get("apps/sized:1"));
      ((ObjectNode) manifest.get("layers").get(0)).put("size", size + 5);
      registry.manifests.put("apps/sized:1", json.writeValueAsBytes(manifest));

      try (Registries registries = new Registries(BuildListener.SILENT, CredentialSource.ANONYMOUS, false)) {
        Blob layer = new RegistrySource(registries, new BlobCache(tmp.resolve("cache")), ImageName.parse(reference))
            .resolve(Platform.LINUX_AMD64).image().layers().get(0).blob();
        assertThatThrownBy(() -> {
          try (InputStream in = layer.open()) {
            in.readAllBytes();
          }
        })
            .isInstanceOf(BuilderException.class)
            .hasMessage("blob " + layer.digest() + " of " + hosts.host() + "/apps/sized has " + size + " bytes, but"
                + " the manifest that lists it gives " + (size + 5) + ". The manifest is wrong: the image must be"
                + " pushed again by what made it.");
      }
    }
  }
}
