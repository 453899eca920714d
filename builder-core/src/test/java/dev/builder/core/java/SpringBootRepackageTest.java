package dev.builder.core.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.builder.core.java.SpringBootRepackage.ArtifactPattern;
import dev.builder.core.java.SpringBootRepackage.Library;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpringBootRepackageTest {
  @TempDir
  Path dir;

  @Test
  void devtoolsAndDockerComposeAreLeftOutByDefaultOnEveryVersion() {
    for (int major : new int[] {3, 4}) {
      SpringBootRepackage rules = SpringBootRepackage.defaults(major);
      assertThat(rules.leftOutBecause(boot("spring-boot-devtools", "runtime", true))).contains("excludeDevtools");
      assertThat(rules.leftOutBecause(boot("spring-boot-docker-compose", "runtime", true)))
          .contains("excludeDockerCompose");
      assertThat(rules.leftOutBecause(boot("spring-boot-autoconfigure", "compile", false))).isEmpty();
    }
  }

  @Test
  void optionalDependenciesAreKeptBySpringBoot3AndLeftOutBySpringBoot4() {
    Library caffeine = new Library("com.github.ben-manes.caffeine", "caffeine", null, "compile", true, null);
    assertThat(SpringBootRepackage.defaults(3).leftOutBecause(caffeine)).isEmpty();
    assertThat(SpringBootRepackage.defaults(4).leftOutBecause(caffeine)).contains("optional, includeOptional");
  }

  @Test
  void scopesAsRepackageTakesThem() {
    SpringBootRepackage rules = SpringBootRepackage.defaults(4);
    assertThat(rules.leftOutBecause(lib("g", "provided-lib", null, "provided"))).isEmpty();
    assertThat(rules.leftOutBecause(lib("g", "test-lib", null, "test"))).contains("test scope");
    assertThat(rules.leftOutBecause(lib("g", "system-lib", null, "system")))
        .contains("system scope, includeSystemScope");
    SpringBootRepackage withSystem = new SpringBootRepackage(true, true, false, true, Set.of(), List.of(), List.of(),
        Set.of());
    assertThat(withSystem.leftOutBecause(lib("g", "system-lib", null, "system"))).isEmpty();
  }

  @Test
  void excludesIncludesAndGroupIdsMatchAsSpringsFiltersDo() {
    SpringBootRepackage rules = new SpringBootRepackage(true, true, true, false, Set.of(),
        List.of(), List.of(ArtifactPattern.parse("com.acme:tool"), ArtifactPattern.parse("com.acme:native:linux")),
        Set.of("org.unwanted"));
    // no classifier in the exclude: every classifier of the artifact
    assertThat(rules.leftOutBecause(lib("com.acme", "tool", null, "compile"))).contains("<excludes>");
    assertThat(rules.leftOutBecause(lib("com.acme", "tool", "sources", "compile"))).contains("<excludes>");
    assertThat(rules.leftOutBecause(lib("com.acme", "native", "linux", "compile"))).contains("<excludes>");
    assertThat(rules.leftOutBecause(lib("com.acme", "native", "windows", "compile"))).isEmpty();
    // group ids match exactly, not as prefixes
    assertThat(rules.leftOutBecause(lib("org.unwanted", "x", null, "runtime"))).contains("<excludeGroupIds>");
    assertThat(rules.leftOutBecause(lib("org.unwanted.sub", "x", null, "runtime"))).isEmpty();

    SpringBootRepackage only = new SpringBootRepackage(true, true, true, false, Set.of(),
        List.of(ArtifactPattern.parse("com.acme:kept")), List.of(), Set.of());
    assertThat(only.leftOutBecause(lib("com.acme", "kept", null, "compile"))).isEmpty();
    assertThat(only.leftOutBecause(lib("com.acme", "other", null, "compile"))).contains("not in <includes>");
  }

  @Test
  void jarsThatSayTheyAreStartersProcessorsOrToolsAreLeftOut() throws IOException {
    Path starter = jar("starter.jar", "dependencies-starter");
    Path processor = jar("processor.jar", "annotation-processor");
    Path tool = jar("tool.jar", "development-tool");
    Path plain = jar("plain.jar", null);
    SpringBootRepackage three = SpringBootRepackage.defaults(3);
    SpringBootRepackage four = SpringBootRepackage.defaults(4);
    assertThat(three.leftOutBecause(file(starter))).contains("Spring-Boot-Jar-Type: dependencies-starter");
    assertThat(three.leftOutBecause(file(processor))).contains("Spring-Boot-Jar-Type: annotation-processor");
    assertThat(three.leftOutBecause(file(tool))).isEmpty();
    assertThat(four.leftOutBecause(file(tool))).contains("Spring-Boot-Jar-Type: development-tool");
    assertThat(four.leftOutBecause(file(plain))).isEmpty();
    Path notAJar = Files.writeString(dir.resolve("broken.jar"), "not a zip");
    assertThat(four.leftOutBecause(file(notAJar))).isEmpty();
  }

  @Test
  void aPatternNeedsAGroupAndAnArtifact() {
    assertThatThrownBy(() -> ArtifactPattern.parse("lombok")).hasMessageContaining("groupId:artifactId");
    assertThat(ArtifactPattern.parse(" org.projectlombok:lombok ")).isEqualTo(
        new ArtifactPattern("org.projectlombok", "lombok", null));
  }

  private static Library boot(String artifactId, String scope, boolean optional) {
    return new Library("org.springframework.boot", artifactId, null, scope, optional, null);
  }

  private static Library lib(String groupId, String artifactId, String classifier, String scope) {
    return new Library(groupId, artifactId, classifier, scope, false, null);
  }

  private static Library file(Path jar) {
    return new Library("g", jar.getFileName().toString(), null, "compile", false, jar);
  }

  private Path jar(String name, String type) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    if (type != null) {
      manifest.getMainAttributes().putValue("Spring-Boot-Jar-Type", type);
    }
    Path jar = dir.resolve(name);
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out, manifest)) {
      zip.flush();
    }
    return jar;
  }
}
