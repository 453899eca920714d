package dev.builder.maven;

import dev.builder.core.assembly.GitDirectory;
import dev.builder.core.assembly.GitRemote;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Scm;
import org.apache.maven.project.MavenProject;

/**
 * Where an image's sources are, for its {@code org.opencontainers.image.source} label and its provenance: the scm
 * that this project's own build declares, in its POM or in a parent POM of the same checkout, as Maven resolves it;
 * else the address the checkout was cloned from ({@link GitRemote}); else nothing.
 *
 * <p>An scm inherited from a parent published elsewhere is not the project's: spring-boot-starter-parent declares
 * Spring Boot's repository, and Maven hands every application built on it that address with the application's
 * artifactId appended, an address that does not exist.
 */
final class ProjectSource {
  private ProjectSource() {}

  /** The source of {@code project} in {@code session}: its build's top folder and local repository. */
  static Optional<String> of(MavenProject project, MavenSession session) {
    File root = session.getRequest() == null ? null : session.getRequest().getMultiModuleProjectDirectory();
    if (root == null && session.getTopLevelProject() != null) {
      root = session.getTopLevelProject().getBasedir();
    }
    File localRepository = session.getLocalRepository() == null ? null
        : new File(session.getLocalRepository().getBasedir());
    return of(project, root, localRepository);
  }

  /**
   * @param buildRoot the folder of the build's top POM, which stands for the checkout outside git
   * @param localRepository the local repository's folder, whose POMs are never this checkout's even when it lies
   *     inside it (a CI cache in the project folder)
   */
  static Optional<String> of(MavenProject project, File buildRoot, File localRepository) {
    Path basedir = project.getBasedir().toPath().toAbsolutePath().normalize();
    Path checkout = workTree(basedir)
        .orElse(buildRoot == null ? null : buildRoot.toPath().toAbsolutePath().normalize());
    for (MavenProject p = project; p != null; p = p.getParent()) {
      Scm own = p.getOriginalModel() == null ? null : p.getOriginalModel().getScm();
      if (own != null && (own.getUrl() != null || own.getConnection() != null)) {
        Scm scm = project.getScm();
        return Optional.ofNullable(scm.getUrl() != null ? scm.getUrl() : scm.getConnection());
      }
      if (checkout == null || !ofTheCheckout(p.getParentFile(), checkout, localRepository)) {
        break;
      }
    }
    return GitRemote.of(basedir);
  }

  private static boolean ofTheCheckout(File pom, Path checkout, File localRepository) {
    if (pom == null) {
      return false;
    }
    Path file = pom.toPath().toAbsolutePath().normalize();
    return file.startsWith(checkout)
        && (localRepository == null || !file.startsWith(localRepository.toPath().toAbsolutePath().normalize()));
  }

  private static Optional<Path> workTree(Path basedir) {
    try {
      return GitDirectory.holding(basedir).map(GitDirectory::workTree);
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
