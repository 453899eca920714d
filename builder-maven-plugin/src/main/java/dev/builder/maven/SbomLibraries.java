package dev.builder.maven;

import dev.builder.core.BuilderException;
import java.net.MalformedURLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

/**
 * Adds builder-sbom's format libraries (java-spdx-library and its models and stores, cyclonedx-core-java, and what
 * they need) to this plugin's class realm, the first time a build writes an SBOM.
 *
 * <p>They are half of the plugin's jars, and Maven resolves every jar of a plugin's POM (reading each one's POM) before
 * any goal runs: about a fifth of a second of every push, also of those that write no SBOM or reuse the one they wrote
 * before, which is every push without a change. The plugin's POM therefore excludes them, and they are resolved here
 * as Maven would have resolved them: builder-sbom's own dependencies, at the versions of its dependency management
 * (those builder is built and tested with), from the plugin repositories and the local repository, never twice for
 * what the realm already holds. Only builder-sbom's writers use them, and no class of theirs is loaded before this
 * has run.
 */
final class SbomLibraries {
  /** A class of each library family that the writers need; all present means there is nothing to add. */
  private static final List<String> PROBES = List.of("org.cyclonedx.model.Bom", "org.spdx.core.ModelRegistry",
      "org.spdx.library.ModelCopyManager", "com.networknt.schema.Schema");

  private SbomLibraries() {}

  /**
   * Makes the format libraries loadable by the plugin's classes. Nothing to do outside Maven (the plugin's tests,
   * where they are on the class path) or when an earlier module of the build added them already.
   */
  static void load(PluginDescriptor plugin, RepositorySystem system, RepositorySystemSession session,
      List<RemoteRepository> repositories, Log log) {
    if (plugin == null || !(SbomLibraries.class.getClassLoader() instanceof ClassRealm realm)) {
      return;
    }
    synchronized (realm) {
      if (PROBES.stream().allMatch(name -> present(realm, name))) {
        return;
      }
      Artifact sbom = new DefaultArtifact("dev.builder", "builder-sbom", "jar", plugin.getVersion());
      Set<String> inRealm = new HashSet<>();
      for (org.apache.maven.artifact.Artifact a : plugin.getArtifacts()) {
        inRealm.add(a.getGroupId() + ":" + a.getArtifactId());
      }
      List<String> added = new ArrayList<>();
      for (ArtifactResult library : resolve(sbom, system, session, repositories)) {
        Artifact a = library.getArtifact();
        if (inRealm.contains(a.getGroupId() + ":" + a.getArtifactId()) || a.getFile() == null) {
          continue;
        }
        try {
          realm.addURL(a.getFile().toURI().toURL());
        } catch (MalformedURLException e) {
          throw new IllegalStateException("the local repository gave a file that is no URL: " + a.getFile(), e);
        }
        added.add(a.toString());
      }
      log.debug("builder: added " + added.size() + " jars for SBOMs to the plugin's class realm: " + added);
    }
  }

  private static List<ArtifactResult> resolve(Artifact sbom, RepositorySystem system,
      RepositorySystemSession session, List<RemoteRepository> repositories) {
    try {
      ArtifactDescriptorResult descriptor =
          system.readArtifactDescriptor(session, new ArtifactDescriptorRequest(sbom, repositories, "builder-sbom"));
      List<Dependency> dependencies = new ArrayList<>();
      for (Dependency d : descriptor.getDependencies()) {
        if (!d.isOptional() && (JavaScopes.COMPILE.equals(d.getScope()) || JavaScopes.RUNTIME.equals(d.getScope()))) {
          dependencies.add(d);
        }
      }
      CollectRequest collect = new CollectRequest(dependencies, descriptor.getManagedDependencies(), repositories);
      collect.setRootArtifact(sbom);
      collect.setRequestContext("builder-sbom");
      return system.resolveDependencies(session,
              new DependencyRequest(collect, DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME)))
          .getArtifactResults();
    } catch (ArtifactDescriptorException | DependencyResolutionException e) {
      throw new BuilderException("cannot resolve the libraries that write SBOMs (the dependencies of " + sbom
          + "): " + e.getMessage() + ". Maven downloads them from the plugin repositories the first time an SBOM is"
          + " written: run once without -o, or set -Dbuilder.sbom=none to write no SBOM.");
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
