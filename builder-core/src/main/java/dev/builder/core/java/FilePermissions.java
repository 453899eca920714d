package dev.builder.core.java;

import dev.builder.core.BuilderException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.OptionalInt;

/**
 * Modes for extra files by their path in the image, as Jib's {@code <permissions>} gives them: a rule names a file
 * or a glob ({@code /opt/app/bin/*.sh}, {@code /opt/**}) and an octal mode. A rule naming the path exactly wins;
 * else the first glob that matches, in the order written; else none, and the caller's default applies.
 */
public record FilePermissions(List<Rule> rules) {
  public static final FilePermissions NONE = new FilePermissions(List.of());

  /** One {@code <permission>}: an absolute path or glob in the image, and its mode. */
  public record Rule(String file, int mode) {
    public Rule {
      if (file == null || !file.startsWith("/")) {
        throw new BuilderException("the permission for '" + file + "' names no absolute path in the image: write"
            + " <file> as the file's path in the image, such as /opt/app/bin/start.sh or /opt/app/**");
      }
    }

    /** A rule as written in the POM; a mode that is not three or four octal digits is refused. */
    public static Rule parse(String file, String mode) {
      String digits = mode == null ? "" : mode.trim();
      if (!digits.matches("[0-7]{3,4}")) {
        throw new BuilderException("the permission for " + file + " has mode '" + mode + "', which is not octal:"
            + " write three octal digits such as 755 or 644");
      }
      return new Rule(file == null ? null : file.trim(), Integer.parseInt(digits, 8));
    }
  }

  public FilePermissions {
    rules = List.copyOf(rules);
  }

  /** The mode the rules give the image path {@code /a/b}, if any rule names it. */
  public OptionalInt modeFor(String imagePath) {
    for (Rule rule : rules) {
      if (rule.file().equals(imagePath)) {
        return OptionalInt.of(rule.mode());
      }
    }
    Path path = Path.of(imagePath);
    for (Rule rule : rules) {
      if (matcher(rule.file()).matches(path)) {
        return OptionalInt.of(rule.mode());
      }
    }
    return OptionalInt.empty();
  }

  private static PathMatcher matcher(String glob) {
    return FileSystems.getDefault().getPathMatcher("glob:" + glob);
  }
}
