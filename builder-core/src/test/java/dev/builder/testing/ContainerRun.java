package dev.builder.testing;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs an image's command in its unpacked rootfs the way {@code docker run} would, without a container
 * runtime: util-linux unshare gives it its own mount and pid namespaces, chroots into the rootfs,
 * mounts /proc there and drops to the image's user. The network is the host's, so tests reach the
 * app on 127.0.0.1. Namespaces and chroot need root, which CI has; this fails rather than skips.
 */
public final class ContainerRun implements AutoCloseable {

  private static final Pattern OCTAL_ESCAPE = Pattern.compile("\\\\([0-7]{3})");

  private final Process unshare;
  private final Path rootfs;
  private final Path logFile;

  private ContainerRun(Process unshare, Path rootfs, Path logFile) {
    this.unshare = unshare;
    this.rootfs = rootfs;
    this.logFile = logFile;
  }

  /**
   * Starts {@code command} with exactly {@code env} as its environment. {@code user} is the image
   * config's User ("", "65532", "65532:65532", "nonroot"); workingDir "" means "/", as in Docker.
   */
  public static ContainerRun start(
      Path rootfs, String user, List<String> env, String workingDir, List<String> command, Path logFile)
      throws IOException {
    if (new UnixSystem().getUid() != 0) {
      throw new IllegalStateException("running an image needs root (unshare and chroot); CI runs as root");
    }
    Path root = rootfs.toRealPath();
    int[] uidGid = resolveUser(root, user);
    // --mount-proc takes a path inside the new root: unshare chroots first, then mounts. Without /proc
    // the JVM cannot start (the loader resolves java's $ORIGIN RUNPATH via /proc/self/exe to find
    // libjli.so). unshare calls execvp after the chroot, with PATH from the environment below, so the
    // command is looked up on the image's PATH inside the rootfs. --kill-child only covers a crashed
    // test JVM when the user is root (see close()); the proc mount is private to the new namespace.
    List<String> argv = new ArrayList<>(List.of("/usr/bin/unshare", "--mount", "--pid", "--fork",
        "--kill-child", "--mount-proc=/proc", "--root=" + root, "--wd=" + (workingDir.isEmpty() ? "/" : workingDir),
        "--setgid=" + uidGid[1], "--setuid=" + uidGid[0], "--"));
    argv.addAll(command);
    ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(logFile.toFile());
    Map<String, String> environment = builder.environment();
    environment.clear(); // the image's environment, not the test JVM's
    for (String variable : env) {
      int eq = variable.indexOf('=');
      environment.put(variable.substring(0, eq), variable.substring(eq + 1));
    }
    return new ContainerRun(builder.start(), root, logFile);
  }

  /** Docker's rules: a user name must exist; a uid without a group takes its passwd group, else 0. */
  private static int[] resolveUser(Path root, String user) throws IOException {
    if (user.isEmpty()) {
      return new int[] {0, 0};
    }
    String[] parts = user.split(":", 2);
    Optional<String[]> account = lookup(root.resolve("etc/passwd"), parts[0]);
    int uid = id(parts[0], account, "user", "/etc/passwd");
    if (parts.length == 1) {
      return new int[] {uid, account.map(a -> Integer.parseInt(a[3])).orElse(0)};
    }
    return new int[] {uid, id(parts[1], lookup(root.resolve("etc/group"), parts[1]), "group", "/etc/group")};
  }

  private static int id(String nameOrId, Optional<String[]> line, String what, String file) {
    if (nameOrId.matches("\\d+")) {
      return Integer.parseInt(nameOrId);
    }
    return Integer.parseInt(line.orElseThrow(
        () -> new IllegalArgumentException("no " + what + " " + nameOrId + " in the image's " + file))[2]);
  }

  /** Finds a passwd or group line by name or by numeric id (both are in the same places). */
  private static Optional<String[]> lookup(Path file, String nameOrId) throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    return Files.readAllLines(file).stream().map(line -> line.split(":", -1))
        .filter(f -> f.length > 3 && (f[0].equals(nameOrId) || f[2].equals(nameOrId))).findFirst();
  }

  /** Everything the command has written to stdout and stderr so far. */
  public String log() throws IOException {
    return new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8);
  }

  /** unshare waits for the namespace's pid 1, so it is alive exactly as long as the command is. */
  public boolean isAlive() {
    return unshare.isAlive();
  }

  /** Kills every process of the container, waits for them to be gone, and checks no mount is left. */
  @Override
  public void close() throws IOException {
    Set<ProcessHandle> processes = new HashSet<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    try {
      while (unshare.isAlive()) {
        if (System.nanoTime() > deadline) {
          unshare.destroyForcibly();
          throw new IllegalStateException("the container did not stop; its log:\n" + log());
        }
        // Kill the namespace's pid 1 (unshare's child) itself: unshare blocks SIGTERM, and killing
        // unshare is not enough after --setuid/--setgid, because the kernel clears --kill-child's
        // parent-death signal when the child changes credentials. SIGKILL from outside always
        // reaches a pid namespace's init, and when init dies the kernel kills the whole namespace.
        // In a loop, because right after start() unshare may not have forked yet.
        unshare.descendants().forEach(processes::add);
        unshare.children().forEach(ProcessHandle::destroyForcibly);
        unshare.waitFor(100, TimeUnit.MILLISECONDS);
      }
      for (ProcessHandle process : processes) {
        process.onExit().get(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      unshare.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while stopping the container");
    } catch (TimeoutException | ExecutionException e) {
      throw new IllegalStateException("a process of the container did not exit", e);
    }
    // The /proc mount lives in the container's mount namespace and dies with it; make sure of that.
    List<String> leftovers = new ArrayList<>(mountsUnder(rootfs));
    Collections.reverse(leftovers); // /proc/self/mounts lists parents first; unmount children first
    for (String mountPoint : leftovers) {
      Commands.run("umount", "-l", mountPoint);
    }
  }

  private static List<String> mountsUnder(Path root) throws IOException {
    List<String> mounts = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
      String mountPoint = unescapeOctal(line.split(" ")[1]); // "/a b" is written "/a\040b"
      if (Path.of(mountPoint).startsWith(root)) {
        mounts.add(mountPoint);
      }
    }
    return mounts;
  }

  private static String unescapeOctal(String field) {
    return OCTAL_ESCAPE.matcher(field).replaceAll(
        m -> Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 8))));
  }
}
