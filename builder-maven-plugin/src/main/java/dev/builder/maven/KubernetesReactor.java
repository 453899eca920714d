package dev.builder.maven;

import dev.builder.core.BuilderException;
import dev.builder.core.k8s.Manifests;
import dev.builder.core.k8s.ModuleReference;
import dev.builder.core.k8s.Reference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;

/**
 * What the Kubernetes goals know across the modules of one Maven session. Maven runs a goal once per module, each
 * with that module's configuration; so every module's run registers how to push its own image (with its own
 * configuration, started only when some YAML names it) and the folder of YAML it holds. A folder is resolved as
 * soon as its own module and every module it names have run, by whichever run completes that: a folder in the
 * reactor's root, which Maven runs first, is resolved when the last module it names has run. Each image is pushed
 * once however often it is named, and the images one folder needs are pushed in parallel.
 */
final class KubernetesReactor {
  private static final int PARALLEL_PUSHES = 4;

  /** A folder of YAML waiting for the modules it names; {@code resolve} writes and applies it. */
  record Folder(MavenProject owner, Manifests manifests, Map<Reference, MavenProject> modules,
      Consumer<Map<Reference, PushedImage>> resolve) {}

  private final List<MavenProject> projects;
  private final boolean parallel;
  private final Map<MavenProject, Supplier<Optional<PushedImage>>> pushers = new HashMap<>();
  private final Map<MavenProject, String> withoutImage = new HashMap<>();
  private final Map<MavenProject, CompletableFuture<Optional<PushedImage>>> pushes = new HashMap<>();
  private final Map<Path, MavenProject> folderOwners = new HashMap<>();
  private final List<Folder> waiting = new ArrayList<>();
  private final Set<MavenProject> ran = new HashSet<>();

  private KubernetesReactor(List<MavenProject> projects, boolean parallel) {
    this.projects = List.copyOf(projects);
    this.parallel = parallel;
  }

  /** The one instance of this session, kept in the session's data so that every module's run finds it. */
  static KubernetesReactor of(MavenSession session) {
    return SessionValues.computeIfAbsent(session, KubernetesReactor.class,
        () -> new KubernetesReactor(session.getProjects(), session.isParallel()));
  }

  /** Registers how to push this module's image; nothing is pushed until some YAML names the module. */
  synchronized void module(MavenProject project, Supplier<Optional<PushedImage>> push) {
    pushers.put(project, push);
  }

  /** Registers a module that gets no image, and why ("its packaging is pom"), for the message of a reference. */
  synchronized void moduleWithoutImage(MavenProject project, String why) {
    withoutImage.put(project, why);
  }

  /**
   * Registers a module's folder of YAML; every reference must name a module of this reactor. False when another
   * module already claimed the same folder (a folder given by absolute path to every module).
   */
  synchronized boolean folder(MavenProject owner, Path folder, Manifests manifests,
      Consumer<Map<Reference, PushedImage>> resolve) {
    MavenProject claimed = folderOwners.putIfAbsent(folder.toAbsolutePath().normalize(), owner);
    if (claimed != null && claimed != owner) {
      return false;
    }
    Map<Reference, MavenProject> modules = new LinkedHashMap<>();
    for (Reference reference : manifests.references()) {
      modules.put(reference, module(owner, reference));
    }
    waiting.add(new Folder(owner, manifests, modules, resolve));
    return true;
  }

  /** Marks this module's run as done; returns the folders it made ready, which the caller resolves. */
  synchronized List<Folder> ran(MavenProject project) {
    ran.add(project);
    List<Folder> ready = new ArrayList<>();
    for (Folder folder : List.copyOf(waiting)) {
      if (ran.contains(folder.owner()) && ran.containsAll(folder.modules().values())) {
        waiting.remove(folder);
        ready.add(folder);
      }
    }
    return ready;
  }

  /**
   * After the last module's run: a folder still waiting names a module in which the goal did not run. Sequential
   * builds know their last module; parallel ones count.
   */
  synchronized void checkNothingWaits(MavenProject project) {
    boolean last = ran.size() == projects.size() || (!parallel && projects.get(projects.size() - 1) == project);
    if (!last || waiting.isEmpty()) {
      return;
    }
    Folder folder = waiting.get(0);
    Map.Entry<Reference, MavenProject> missing = folder.modules().entrySet().stream()
        .filter(e -> !ran.contains(e.getValue())).findFirst().orElseThrow();
    waiting.clear();
    throw new BuilderException(missing.getKey().token() + " at " + missing.getKey().location() + ": the goal did"
        + " not run in " + missing.getValue().getArtifactId() + ", so its image is unknown; run it for the whole"
        + " reactor, for example mvn package builder:resolve");
  }

  /** Pushes (once each, in parallel) the images a ready folder names, and returns them by reference. */
  Map<Reference, PushedImage> images(Folder folder) {
    Set<MavenProject> modules = new LinkedHashSet<>(folder.modules().values());
    Map<MavenProject, CompletableFuture<Optional<PushedImage>>> futures = new LinkedHashMap<>();
    ExecutorService executor = Executors.newFixedThreadPool(Math.max(1, Math.min(PARALLEL_PUSHES, modules.size())));
    try {
      synchronized (this) {
        for (MavenProject module : modules) {
          if (!withoutImage.containsKey(module)) {
            futures.put(module, pushes.computeIfAbsent(module,
                m -> CompletableFuture.supplyAsync(pushers.get(m), executor)));
          }
        }
      }
      Map<Reference, PushedImage> images = new LinkedHashMap<>();
      for (Map.Entry<Reference, MavenProject> e : folder.modules().entrySet()) {
        Reference reference = e.getKey();
        MavenProject module = e.getValue();
        String why = withoutImage.get(module);
        Optional<PushedImage> image = why != null ? Optional.empty() : join(futures.get(module));
        if (image.isEmpty()) {
          throw new BuilderException(reference.token() + " at " + reference.location() + " names "
              + module.getArtifactId() + ", which gets no image: " + (why != null ? why : "it has no main class"
              + " (a library); set <mainClass> in it, or name an application module"));
        }
        images.put(reference, image.get());
      }
      return images;
    } finally {
      executor.shutdown();
    }
  }

  private static Optional<PushedImage> join(CompletableFuture<Optional<PushedImage>> push) {
    try {
      return push.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** The module a reference names: the owner for {@code builder://.}, else the one module of that name. */
  private MavenProject module(MavenProject owner, Reference reference) {
    ModuleReference named = reference.module();
    if (named.isCurrentModule()) {
      return owner;
    }
    List<MavenProject> matches = projects.stream()
        .filter(p -> named.names(p.getGroupId(), p.getArtifactId())).toList();
    if (matches.size() == 1) {
      return matches.get(0);
    }
    if (matches.isEmpty()) {
      throw new BuilderException(reference.token() + " at " + reference.location() + ": no module "
          + (named.groupId() == null ? "" : named.groupId() + ":") + named.artifactId() + " in this reactor (its"
          + " modules: " + projects.stream().map(MavenProject::getArtifactId).collect(Collectors.joining(", "))
          + "); run Maven from a folder whose reactor builds it too");
    }
    throw new BuilderException(reference.token() + " at " + reference.location() + ": several modules are called "
        + named.artifactId() + " (" + matches.stream().map(p -> p.getGroupId() + ":" + p.getArtifactId())
        .collect(Collectors.joining(", ")) + "); write builder://GROUP_ID:ARTIFACT_ID");
  }
}
