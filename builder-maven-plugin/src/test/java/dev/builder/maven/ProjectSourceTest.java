package dev.builder.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.model.Model;
import org.apache.maven.model.Scm;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectSourceTest {
  private static final String SPRING_BOOT = "https://github.com/spring-projects/spring-boot";

  @TempDir Path tmp;

  @Test
  void anScmInheritedFromAParentPublishedElsewhereGivesWayToTheCheckoutsRemote() throws IOException {
    Path checkout = checkout("git@github.com:acme/petclinic.git");
    MavenProject starter = project(tmp.resolve("m2/starter/4.0.3/starter-4.0.3.pom"), SPRING_BOOT, null);
    MavenProject app = project(checkout.resolve("pom.xml"), null, starter);
    app.setScm(scm(SPRING_BOOT + "/petclinic")); // what Maven makes of the inherited scm

    assertThat(ProjectSource.of(app, checkout.toFile(), tmp.resolve("m2").toFile()))
        .contains("git@github.com:acme/petclinic.git");
  }

  @Test
  void withoutACheckoutAnScmInheritedFromElsewhereIsNoSourceAtAll() {
    Path folder = tmp.resolve("unpacked");
    MavenProject starter = project(tmp.resolve("m2/starter/4.0.3/starter-4.0.3.pom"), SPRING_BOOT, null);
    MavenProject app = project(folder.resolve("pom.xml"), null, starter);
    app.setScm(scm(SPRING_BOOT + "/petclinic"));

    assertThat(ProjectSource.of(app, folder.toFile(), tmp.resolve("m2").toFile())).isEmpty();
  }

  @Test
  void theProjectsOwnScmWins() throws IOException {
    Path checkout = checkout("https://github.com/acme/orders.git");
    MavenProject app = project(checkout.resolve("pom.xml"), "https://github.com/acme/orders-published", null);

    assertThat(ProjectSource.of(app, checkout.toFile(), tmp.resolve("m2").toFile()))
        .contains("https://github.com/acme/orders-published");
  }

  @Test
  void anScmDeclaredByAParentOfTheSameBuildIsInheritedAsMavenResolvesIt() throws IOException {
    Path checkout = checkout("https://github.com/acme/shop.git");
    MavenProject reactor = project(checkout.resolve("pom.xml"), "https://github.com/acme/shop", null);
    MavenProject module = project(checkout.resolve("orders/pom.xml"), null, reactor);
    module.setScm(scm("https://github.com/acme/shop/orders"));
    Path plain = tmp.resolve("plain");
    MavenProject plainReactor = project(plain.resolve("pom.xml"), "https://github.com/acme/shop", null);
    MavenProject plainModule = project(plain.resolve("orders/pom.xml"), null, plainReactor);
    plainModule.setScm(scm("https://github.com/acme/shop/orders"));

    assertThat(ProjectSource.of(module, checkout.toFile(), null)).contains("https://github.com/acme/shop/orders");
    assertThat(ProjectSource.of(plainModule, plain.toFile(), null)).contains("https://github.com/acme/shop/orders");
  }

  @Test
  void aParentFromALocalRepositoryInsideTheCheckoutIsStillNotTheProjects() throws IOException {
    Path checkout = checkout("https://gitlab.example.com/team/app.git");
    Path cache = checkout.resolve(".m2/repository");
    MavenProject starter = project(cache.resolve("starter/4.0.3/starter-4.0.3.pom"), SPRING_BOOT, null);
    MavenProject app = project(checkout.resolve("pom.xml"), null, starter);
    app.setScm(scm(SPRING_BOOT + "/app"));

    assertThat(ProjectSource.of(app, checkout.toFile(), cache.toFile()))
        .contains("https://gitlab.example.com/team/app.git");
  }

  private Path checkout(String origin) throws IOException {
    Path repo = Files.createTempDirectory(tmp, "checkout");
    Path git = Files.createDirectories(repo.resolve(".git"));
    Files.writeString(git.resolve("HEAD"), "ref: refs/heads/main\n");
    Files.writeString(git.resolve("config"), "[remote \"origin\"]\n\turl = " + origin + "\n");
    return repo;
  }

  /** A project as Maven builds it: its POM's own model, the file it was read from, its parent. */
  private static MavenProject project(Path pom, String ownScm, MavenProject parent) {
    Model own = new Model();
    if (ownScm != null) {
      own.setScm(scm(ownScm));
    }
    Model effective = own.clone();
    MavenProject project = new MavenProject(effective);
    project.setOriginalModel(own);
    project.setFile(pom.toFile());
    if (parent != null) {
      project.setParent(parent);
      project.setParentFile(parent.getFile());
    }
    return project;
  }

  private static Scm scm(String url) {
    Scm scm = new Scm();
    scm.setUrl(url);
    return scm;
  }
}
