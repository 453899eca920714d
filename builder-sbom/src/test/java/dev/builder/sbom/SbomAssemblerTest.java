package dev.builder.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builder.core.image.Digest;
import dev.builder.core.image.Platform;
import dev.builder.core.inventory.ImageInventory;
import dev.builder.core.inventory.JavaRuntime;
import dev.builder.core.inventory.OsPackage;
import dev.builder.sbom.Component.HashAlgorithm;
import dev.builder.sbom.Component.Kind;
import dev.builder.sbom.Relationship.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SbomAssemblerTest {
  private static final Digest IMAGE = Digest.of("image".getBytes());
  private static final Digest BASE = Digest.of("base".getBytes());

  @TempDir Path tmp;

  @Test
  void describesTheImageItsBaseTheBasePackagesAndTheJarsWithTheirGraph() throws Exception {
    Path web = Files.writeString(tmp.resolve("web-1.0.jar"), "web");
    Path core = Files.writeString(tmp.resolve("core-2.0.jar"), "core");
    JavaArtifact app = new JavaArtifact("com.example", "orders", "1.0.0", null, "jar", null, "/app/classes",
        List.of("Apache License, Version 2.0"), "Example Corp", List.of("org.example:web"));
    JavaArtifact webJar = new JavaArtifact("org.example", "web", "1.0", null, "jar", web, "/app/libs/web-1.0.jar",
        List.of("MIT"), "Example Web", List.of("org.example:core"));
    JavaArtifact coreJar = new JavaArtifact("org.example", "core", "2.0", "linux", "jar", core,
        "/app/libs/core-2.0-linux.jar", List.of(), null, List.of());
    ImageInventory inventory = new ImageInventory(
        List.of(new OsPackage("deb", "libc6", "2.36-9+deb12u14", "amd64", "debian-12", "GNU Libc Maintainers", null)),
        Optional.of(new JavaRuntime("/opt/java", "17.0.15", "Debian")), "debian-12");

    SbomDocument doc = SbomAssembler.assemble(new SbomInput("registry.example:5000/apps/orders", List.of("1.0.0",
        "latest"), IMAGE, Platform.LINUX_AMD64, Instant.parse("2026-01-01T00:00:00Z"),
        "registry.example:5000/base/java:17", BASE, inventory, app, List.of(webJar, coreJar), "Example Corp",
        "builder-maven-plugin", "0.1.0"));

    assertThat(doc.image().kind()).isEqualTo(Kind.CONTAINER);
    assertThat(doc.image().purl()).isEqualTo("pkg:oci/orders@sha256%3A" + IMAGE.hex()
        + "?arch=amd64&repository_url=registry.example%3A5000%2Fapps%2Forders&tag=1.0.0");
    assertThat(doc.imageDigest()).isEqualTo(IMAGE.toString());
    assertThat(doc.components()).extracting(Component::purl).containsExactly(
        "pkg:oci/java@sha256%3A" + BASE.hex() + "?arch=amd64&repository_url=registry.example%3A5000%2Fbase%2Fjava&tag=17",
        "pkg:deb/debian/libc6@2.36-9%2Bdeb12u14?arch=amd64&distro=debian-12",
        null,
        "pkg:maven/com.example/orders@1.0.0",
        "pkg:maven/org.example/web@1.0",
        "pkg:maven/org.example/core@2.0?classifier=linux");
    Component webComponent = doc.component("pkg:maven/org.example/web@1.0");
    assertThat(webComponent.hashes()).containsOnlyKeys(HashAlgorithm.SHA1, HashAlgorithm.SHA256, HashAlgorithm.SHA512);
    assertThat(webComponent.hashes().get(HashAlgorithm.SHA256))
        .isEqualTo(Digest.of("web".getBytes()).hex());
    assertThat(webComponent.licenses()).containsExactly("MIT");
    assertThat(doc.component("pkg:maven/com.example/orders@1.0.0").licenses()).containsExactly("Apache-2.0");

    String image = doc.image().id();
    assertThat(doc.relationships()).contains(
        new Relationship(image, Type.DESCENDANT_OF, doc.components().get(0).id()),
        new Relationship(image, Type.CONTAINS, "pkg:maven/org.example/core@2.0?classifier=linux"),
        new Relationship("pkg:maven/com.example/orders@1.0.0", Type.DEPENDS_ON, "pkg:maven/org.example/web@1.0"),
        new Relationship("pkg:maven/org.example/web@1.0", Type.DEPENDS_ON, "pkg:maven/org.example/core@2.0?classifier=linux"));
    assertThat(doc.relationships()).doesNotContain(new Relationship(image, Type.CONTAINS, doc.components().get(0).id()));
  }

  @Test
  void aRuntimeBuilderLinkedIsListedWithItsVersionVendorAndModules() {
    JavaArtifact app = new JavaArtifact("com.example", "orders", "1.0.0", null, "jar", null, "/app/classes",
        List.of(), null, List.of());
    ImageInventory inventory = new ImageInventory(List.of(), Optional.empty(), "debian-12")
        .withLinkedRuntime(Optional.of(new JavaRuntime("/opt/java", "17.0.15", "Eclipse Adoptium",
            List.of("java.base", "jdk.httpserver"), "JDK image eclipse-temurin:17-jdk (sha256:" + "ab".repeat(32)
            + ")")));

    SbomDocument doc = SbomAssembler.assemble(new SbomInput("registry.example:5000/apps/orders", List.of("1.0.0"),
        IMAGE, Platform.LINUX_AMD64, Instant.parse("2026-01-01T00:00:00Z"), "registry.example:5000/base/plain:12",
        BASE, inventory, app, List.of(), null, "builder-maven-plugin", "0.1.0"));

    Component runtime = doc.components().stream().filter(c -> c.kind() == Kind.RUNTIME).findFirst().orElseThrow();
    assertThat(runtime.version()).isEqualTo("17.0.15");
    assertThat(runtime.supplier()).isEqualTo("Eclipse Adoptium");
    assertThat(runtime.name()).isEqualTo("Eclipse Adoptium Java runtime");
    assertThat(runtime.path()).isEqualTo("/opt/java");
    assertThat(runtime.description())
        .isEqualTo("the Java runtime linked by jlink for the application, with the modules java.base, jdk.httpserver,"
            + " from the modules of JDK image eclipse-temurin:17-jdk (sha256:" + "ab".repeat(32) + ")");
  }

  @Test
  void anIndexContainsEachPlatformsImageAndTheApplicationTheyShareInEveryFormat() throws Exception {
    Path web = Files.writeString(tmp.resolve("web-1.0.jar"), "web");
    JavaArtifact app = new JavaArtifact("com.example", "orders", "1.0.0", null, "jar", null, "/app/classes",
        List.of("Apache-2.0"), "Example Corp", List.of("org.example:web"));
    JavaArtifact webJar = new JavaArtifact("org.example", "web", "1.0", null, "jar", web, "/app/libs/web-1.0.jar",
        List.of("MIT"), "Example Web", List.of());
    Digest arm = Digest.of("arm image".getBytes());
    Digest index = Digest.of("index".getBytes());
    List<SbomInput> platforms = List.of(
        input(IMAGE, Platform.LINUX_AMD64, app, webJar),
        input(arm, new Platform("linux", "arm64", "v8"), app, webJar));

    SbomDocument doc = SbomAssembler.assembleIndex(index, platforms);

    assertThat(doc.imageDigest()).isEqualTo(index.toString());
    assertThat(doc.image().purl()).isEqualTo("pkg:oci/orders@sha256%3A" + index.hex()
        + "?repository_url=registry.example%3A5000%2Fapps%2Forders&tag=1.0.0");
    String amd64Image = "pkg:oci/orders@sha256%3A" + IMAGE.hex()
        + "?arch=amd64&repository_url=registry.example%3A5000%2Fapps%2Forders&tag=1.0.0";
    String arm64Image = "pkg:oci/orders@sha256%3A" + arm.hex()
        + "?arch=arm64&repository_url=registry.example%3A5000%2Fapps%2Forders&tag=1.0.0";
    assertThat(doc.components()).extracting(Component::purl).containsExactly(amd64Image, arm64Image,
        "pkg:maven/com.example/orders@1.0.0", "pkg:maven/org.example/web@1.0");
    assertThat(doc.components()).noneMatch(c -> c.kind() == Kind.OPERATING_SYSTEM_PACKAGE);
    assertThat(doc.relationships()).contains(
        new Relationship(doc.image().id(), Type.CONTAINS, amd64Image),
        new Relationship(doc.image().id(), Type.CONTAINS, arm64Image),
        new Relationship(doc.image().id(), Type.CONTAINS, "pkg:maven/org.example/web@1.0"),
        new Relationship("pkg:maven/com.example/orders@1.0.0", Type.DEPENDS_ON, "pkg:maven/org.example/web@1.0"));

    // every writer checks and validates it, and the official schemas accept what they write
    assertThat(JsonSchemas.spdx23(SbomWriters.forFormat(SbomFormat.SPDX).write(doc))).isEmpty();
    assertThat(JsonSchemas.cycloneDx16(SbomWriters.forFormat(SbomFormat.CYCLONEDX).write(doc))).isEmpty();
    assertThat(JsonSchemas.spdx301(SbomWriters.forFormat(SbomFormat.SPDX3).write(doc))).isEmpty();
  }

  private static SbomInput input(Digest digest, Platform platform, JavaArtifact app, JavaArtifact lib) {
    ImageInventory inventory = new ImageInventory(List.of(new OsPackage("deb", "libc6", "2.36", platform.architecture(),
        "debian-12", "GNU Libc Maintainers", null)), Optional.empty(), "debian-12");
    return new SbomInput("registry.example:5000/apps/orders", List.of("1.0.0", "latest"), digest, platform,
        Instant.parse("2026-01-01T00:00:00Z"), "registry.example:5000/base/java:17", BASE, inventory, app,
        List.of(lib), "Example Corp", "builder-maven-plugin", "0.1.0");
  }
}
