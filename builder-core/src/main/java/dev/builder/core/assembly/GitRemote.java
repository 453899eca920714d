package dev.builder.core.assembly;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the git work tree that holds a folder was cloned from: the URL of its {@code origin} remote in
 * {@code .git/config}, else of its only remote, read directly so that no git binary is needed. As written there:
 * {@link SourceUrl} makes it what an image may publish (no token, no local path).
 */
public final class GitRemote {
  private static final Pattern SECTION = Pattern.compile("\\s*\\[\\s*remote\\s+\"([^\"]+)\"\\s*]\\s*");
  private static final Pattern OTHER_SECTION = Pattern.compile("\\s*\\[.*");
  private static final Pattern URL = Pattern.compile("\\s*url\\s*=\\s*(.+?)\\s*");

  private GitRemote() {}

  public static Optional<String> of(Path directory) {
    try {
      Optional<GitDirectory> checkout = GitDirectory.holding(directory);
      if (checkout.isEmpty() || !Files.isRegularFile(checkout.get().common().resolve("config"))) {
        return Optional.empty();
      }
      Map<String, String> remotes = remotes(Files.readString(checkout.get().common().resolve("config"),
          StandardCharsets.UTF_8));
      String url = remotes.containsKey("origin") ? remotes.get("origin")
          : remotes.size() == 1 ? remotes.values().iterator().next() : null;
      return Optional.ofNullable(url);
    } catch (IOException e) {
      return Optional.empty(); // no source is better than a failed build
    }
  }

  /** Each remote's first {@code url}, by name. */
  private static Map<String, String> remotes(String config) {
    Map<String, String> remotes = new LinkedHashMap<>();
    String remote = null;
    for (String line : config.split("\\R")) {
      Matcher section = SECTION.matcher(line);
      Matcher url = URL.matcher(line);
      if (section.matches()) {
        remote = section.group(1);
      } else if (OTHER_SECTION.matcher(line).matches()) {
        remote = null;
      } else if (remote != null && url.matches()) {
        remotes.putIfAbsent(remote, url.group(1));
      }
    }
    return remotes;
  }
}
