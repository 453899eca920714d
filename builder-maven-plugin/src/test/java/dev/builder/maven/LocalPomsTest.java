package dev.builder.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPomsTest {
  @TempDir
  Path repository;

  private LocalPoms poms() {
    return new LocalPoms((g, a, v) -> repository.resolve(g.replace('.', '/') + "/" + a + "/" + v + "/" + a + "-" + v
        + ".pom"));
  }

  private void pom(String g, String a, String v, String body) throws IOException {
    Path file = repository.resolve(g.replace('.', '/') + "/" + a + "/" + v + "/" + a + "-" + v + ".pom");
    Files.createDirectories(file.getParent());
    Files.writeString(file, """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>%s</groupId><artifactId>%s</artifactId><version>%s</version>
          %s
        </project>
        """.formatted(g, a, v, body));
  }

  private static String parent(String g, String a, String v) {
    return "<parent><groupId>" + g + "</groupId><artifactId>" + a + "</artifactId><version>" + v
        + "</version></parent>";
  }

  @Test
  void licencesOrganizationAndDevelopersComeFromTheNearestPomThatDeclaresThem() throws IOException {
    pom("org.acme", "acme-parent", "7", """
        <organization><name> Acme Corp </name><url>https://acme.example</url></organization>
        <licenses><license><name>Apache-2.0</name></license></licenses>
        <build><plugins><plugin><artifactId>x</artifactId><configuration><licenses><license><name>not this
        </name></license></licenses></configuration></plugin></plugins></build>""");
    pom("org.acme", "libs", "1.0", parent("org.acme", "acme-parent", "7") + """
        <licenses/>
        <developers><developer><id>jd</id><name>Jane Doe</name></developer></developers>""");
    pom("org.acme", "widget", "1.0", parent("org.acme", "libs", "1.0"));

    LocalPoms.Declared widget = poms().declared("org.acme", "widget", "1.0").orElseThrow();

    assertThat(widget.licenses()).containsExactly("Apache-2.0");
    assertThat(widget.supplier()).isEqualTo("Acme Corp");
  }

  @Test
  void aChildsOwnLicencesReplaceItsParentsAndDevelopersSupplyWhenThereIsNoOrganization() throws IOException {
    pom("org.acme", "base", "2", "<licenses><license><name>MIT</name></license></licenses>");
    pom("org.acme", "tool", "3", parent("org.acme", "base", "2") + """
        <licenses>
          <license><name>EPL-2.0</name></license>
          <license><url>https://www.gnu.org/software/classpath/license.html</url></license>
        </licenses>
        <developers>
          <developer><id>a</id><organization>Eclipse Foundation</organization></developer>
          <developer><id>b</id><name>Bob</name></developer>
          <developer><id>c</id></developer>
          <developer><id>d</id><organization>Eclipse Foundation</organization></developer>
        </developers>""");

    LocalPoms.Declared tool = poms().declared("org.acme", "tool", "3").orElseThrow();

    assertThat(tool.licenses()).containsExactly("EPL-2.0", "https://www.gnu.org/software/classpath/license.html");
    assertThat(tool.supplier()).isEqualTo("Eclipse Foundation, Bob, c");
  }

  @Test
  void aPomThatDeclaresNothingHasNoLicenceAndNoSupplier() throws IOException {
    pom("org.acme", "bare", "1", "");

    LocalPoms.Declared bare = poms().declared("org.acme", "bare", "1").orElseThrow();

    assertThat(bare.licenses()).isEmpty();
    assertThat(bare.supplier()).isNull();
  }

  @Test
  void whatOnlyMavensModelBuilderReadsRightIsLeftToIt() throws IOException {
    pom("org.acme", "interpolated", "1", "<organization><name>${project.groupId}</name></organization>");
    pom("org.acme", "orphan", "1", parent("org.acme", "missing-parent", "1"));
    pom("org.acme", "child-of-interpolated", "1", parent("org.acme", "interpolated", "1")
        + "<licenses><license><name>MIT</name></license></licenses>");
    Path broken = repository.resolve("org/acme/broken/1/broken-1.pom");
    Files.createDirectories(broken.getParent());
    Files.writeString(broken, "<project><licenses><license><name>MIT</name></licen");

    LocalPoms poms = poms();

    for (String artifact : List.of("interpolated", "orphan", "child-of-interpolated", "broken", "not-there")) {
      assertThat(poms.declared("org.acme", artifact, "1")).as(artifact).isEmpty();
    }
    assertThat(poms.declared("org.acme", "snapshot", "1.0-SNAPSHOT")).isEmpty();
  }

  @Test
  void aParentThatIsItsOwnAncestorEndsTheReading() throws IOException {
    pom("org.acme", "loop", "1", parent("org.acme", "loop", "1"));

    assertThat(poms().declared("org.acme", "loop", "1")).isEmpty();
  }
}
