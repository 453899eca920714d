package dev.builder.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builder.sbom.Component.Kind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpdxIdsTest {

  @Test
  void purlsKeepTypeNamespaceNameAndVersion() {
    assertThat(SpdxIds.readable("pkg:maven/org.slf4j/slf4j-api@2.0.16?type=jar"))
        .isEqualTo("maven-org.slf4j-slf4j-api-2.0.16");
    assertThat(SpdxIds.readable("pkg:deb/debian/libc6@2.36-9%2Bdeb12u10?arch=amd64&distro=debian-12"))
        .isEqualTo("deb-debian-libc6-2.36-9-deb12u10");
    assertThat(SpdxIds.readable("pkg:oci/orders@sha256%3A" + "ab".repeat(32) + "?tag=1"))
        .isEqualTo("oci-orders");
    assertThat(SpdxIds.readable("pkg:oci/orders@sha256%3A" + "ab".repeat(32) + "?arch=arm64&tag=1"))
        .isEqualTo("oci-orders-arm64");
    assertThat(SpdxIds.readable("java-runtime-21.0.6")).isEqualTo("java-runtime-21.0.6");
  }

  @Test
  void componentsThatWouldShareAnIdEachGetAHash() {
    SbomDocument image = SbomFixtures.image();
    Component amd64 = component("pkg:deb/debian/libssl3@3.0.15?arch=amd64");
    Component arm64 = component("pkg:deb/debian/libssl3@3.0.15?arch=arm64");
    SbomDocument doc = new SbomDocument(image.name(), image.created(), image.imageDigest(), image.toolName(),
        image.toolVersion(), null, image.image(), List.of(amd64, arm64), List.of());

    Map<String, String> ids = SpdxIds.of(doc);

    assertThat(ids.get(amd64.id())).matches("SPDXRef-deb-debian-libssl3-3.0.15-[0-9a-f]{8}");
    assertThat(ids.get(arm64.id())).matches("SPDXRef-deb-debian-libssl3-3.0.15-[0-9a-f]{8}");
    assertThat(ids.get(amd64.id())).isNotEqualTo(ids.get(arm64.id()));
    assertThat(ids.values()).doesNotHaveDuplicates().allMatch(id -> id.matches("SPDXRef-[A-Za-z0-9.-]+"));
  }

  private static Component component(String purl) {
    return new Component(purl, Kind.OPERATING_SYSTEM_PACKAGE, "libssl3", "debian", "3.0.15", purl, null, List.of(),
        Map.of(), null, null);
  }
}
