package dev.builder.maven;

import dev.builder.core.BuilderException;
import dev.builder.core.image.Digest;
import java.io.IOException;
import java.net.MalformedURLException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugin.logging.Log;
import org.codehaus.plexus.classworlds.realm.ClassRealm;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactDescriptorException;
import org.eclipse.aether.resolution.ArtifactDescriptorRequest;
import org.eclipse.aether.resolution.ArtifactDescriptorResult;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;

/**
 * Adds builder-sbom's format libraries (java-spdx-library and its models and stores, cyclonedx-core-java, and what
 * they need) to this plugin's class realm, the first time a build writes an SBOM.
 *
 * <p>They are half of the plugin's libraries, some 12 MB; in the plugin's jar (which carries the others) they would
 * be opened by every build, and as dependencies of its POM Maven would resolve each of them (reading each one's POM)
 * before any goal runs: about a fifth of a second of every push, also of those that write no SBOM or reuse the one
 * they wrote before, which is every push without a change. The plugin's POM therefore excludes them, and they are
 * resolved here as Maven would have resolved them: builder-sbom's own dependencies but builder-core (in the plugin's
 * jar), at the versions of its dependency management (those builder is built and tested with), from the plugin
 * repositories and the local repository, and remembered in the cache folder for the next build. Only builder-sbom's
 * writers use them, and no class of theirs is loaded before this has run.
 *
 * <p>The libraries in the plugin's jar are relocated (under {@code dev.builder.shaded}), so none of them serves the
 * format libraries: those get their own Jackson and commons-*, unrelocated. A jar the user added to the plugin's
 * {@code <dependencies>} (a patched Jackson, say) is in the realm already and is not added again.
 */
final class SbomLibraries {
  /** A class of each library family that the writers need; all present means there is nothing to add. */
  private static final List<String> PROBES = List.of("org.cyclonedx.model.Bom", "org.spdx.core.ModelRegistry",
      "org.spdx.library.ModelCopyManager", "com.networknt.schema.Schema");

  /** The scopes of a run-time class path; Maven's own filter for them is not visible to plugins before Maven 3.9. */
  private static final Set<String> RUNTIME_SCOPES = Set.of("compile", "runtime");

  private SbomLibraries() {}

  /**
   * Makes the format libraries loadable by the plugin's classes. Nothing to do outside Maven (the plugin's tests,
   * where they are on the class path) or when an earlier module of the build added them already.
   */
  static void load(PluginDescriptor plugin, RepositorySystem system, RepositorySystemSession session,
      List<RemoteRepository> repositories, Path cacheDirectory, Log log) {
    if (plugin == null || !(SbomLibraries.class.getClassLoader() instanceof ClassRealm realm)) {
      return;
    }
    synchronized (realm) {
      if (PROBES.stream().allMatch(name -> present(realm, name))) {
        return;
      }
      Optional<Path> memo = memo(plugin, cacheDirectory);
      Optional<List<Path>> remembered = memo.flatMap(SbomLibraries::remembered);
      List<Path> jars = remembered.orElseGet(() -> notInRealm(realm, plugin, system, session, repositories));
      if (remembered.isEmpty()) {
        memo.ifPresent(file -> remember(file, jars));
      }
      for (Path jar : jars) {
        try {
          realm.addURL(jar.toUri().toURL());
        } catch (MalformedURLException e) {
          throw new IllegalStateException("the local repository gave a file that is no URL: " + jar, e);
        }
      }
      log.debug("builder: added " + jars.size() + " jars for SBOMs to the plugin's class realm"
          + (remembered.isPresent() ? ", as resolved by an earlier build" : "") + ": " + jars);
    }
  }

  /**
   * The jars of builder-sbom's dependencies that the plugin's realm does not hold already. The {@code
   * pom.properties} of the plugin's own jar do not count: they name the relocated copies it bundles.
   */
  private static List<Path> notInRealm(ClassRealm realm, PluginDescriptor plugin, RepositorySystem system,
      RepositorySystemSession session, List<RemoteRepository> repositories) {
    Artifact sbom = new DefaultArtifact("dev.builder", "builder-sbom", "jar", plugin.getVersion());
    String ownJar = "jar:" + SbomLibraries.class.getProtectionDomain().getCodeSource().getLocation() + "!";
    List<Path> jars = new ArrayList<>();
    for (ArtifactResult library : resolve(sbom, system, session, repositories)) {
      Artifact a = library.getArtifact();
      String properties = "META-INF/maven/" + a.getGroupId() + "/" + a.getArtifactId() + "/pom.properties";
      if (!inRealm(realm, properties, ownJar) && a.getFile() != null) {
        jars.add(a.getFile().toPath().toAbsolutePath());
      }
    }
    return jars;
  }

  private static boolean inRealm(ClassRealm realm, String resource, String ownJar) {
    try {
      return Collections.list(realm.getResources(resource)).stream()
          .anyMatch(url -> !url.toString().startsWith(ownJar));
    } catch (IOException e) {
      return false; // added, to be sure
    }
  }

  private static List<ArtifactResult> resolve(Artifact sbom, RepositorySystem system,
      RepositorySystemSession session, List<RemoteRepository> repositories) {
    try {
      ArtifactDescriptorResult descriptor =
          system.readArtifactDescriptor(session, new ArtifactDescriptorRequest(sbom, repositories, "builder-sbom"));
      List<Dependency> dependencies = new ArrayList<>();
      for (Dependency d : descriptor.getDependencies()) {
        boolean builders = d.getArtifact().getGroupId().equals(sbom.getGroupId()); // builder-core: in the jar
        if (!builders && !d.isOptional() && RUNTIME_SCOPES.contains(d.getScope())) {
          dependencies.add(d);
        }
      }
      CollectRequest collect = new CollectRequest(dependencies, descriptor.getManagedDependencies(), repositories);
      collect.setRootArtifact(sbom);
      collect.setRequestContext("builder-sbom");
      return system.resolveDependencies(session,
              new DependencyRequest(collect, (node, parents) ->
                  node.getDependency() == null || RUNTIME_SCOPES.contains(node.getDependency().getScope())))
          .getArtifactResults();
    } catch (ArtifactDescriptorException | DependencyResolutionException e) {
      throw new BuilderException("cannot resolve the libraries that write SBOMs (the dependencies of " + sbom
          + "): " + e.getMessage() + ". Maven downloads them from the plugin repositories the first time an SBOM is"
          + " written: run once without -o, or set -Dbuilder.sbom=none to write no SBOM.");
    }
  }

  /**
   * Where the jars resolved for this plugin are remembered: resolving them reads some thirty POMs, a fifth of a
   * second of every build that writes an SBOM. The key is the plugin's version and its jar and POM (path, size,
   * time), which a new build of a snapshot changes; the list is used only while every jar in it is there.
   */
  private static Optional<Path> memo(PluginDescriptor plugin, Path cacheDirectory) {
    org.apache.maven.artifact.Artifact self = plugin.getPluginArtifact();
    if (self == null || self.getFile() == null) {
      return Optional.empty();
    }
    Path jar = self.getFile().toPath().toAbsolutePath();
    Path pom = jar.resolveSibling(jar.getFileName().toString().replaceFirst("\\.jar$", ".pom"));
    String key = "builder-sbom-libraries-3\n" + plugin.getVersion() + "\n" + stat(jar) + "\n" + stat(pom) + "\n";
    return Optional.of(cacheDirectory.resolve("sbom-libraries")
        .resolve(Digest.of(key.getBytes(StandardCharsets.UTF_8)).hex()));
  }

  private static Optional<List<Path>> remembered(Path memo) {
    try {
      List<Path> jars = Files.readAllLines(memo, StandardCharsets.UTF_8).stream().map(Path::of).toList();
      return jars.stream().allMatch(Files::isRegularFile) ? Optional.of(jars) : Optional.empty();
    } catch (IOException | RuntimeException unusable) {
      return Optional.empty(); // resolved again
    }
  }

  private static void remember(Path memo, List<Path> jars) {
    try {
      Files.createDirectories(memo.getParent());
      Path temp = Files.createTempFile(memo.getParent(), "libraries", ".partial");
      Files.write(temp, jars.stream().map(Path::toString).toList(), StandardCharsets.UTF_8);
      Files.move(temp, memo, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // the next build resolves them again
    }
  }

  private static String stat(Path file) {
    try {
      return file + ":" + Files.size(file) + ":" + Files.getLastModifiedTime(file).toInstant();
    } catch (IOException e) {
      return file + ":missing";
    }
  }

  private static boolean present(ClassRealm realm, String className) {
    try {
      Class.forName(className, false, realm);
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
