package dev.builder.core.java;

import dev.builder.core.BuilderException;
import java.nio.file.Path;
import java.util.List;

/**
 * A folder of the project whose files go into the image under {@code into}, as one of Jib's
 * {@code <extraDirectories><paths><path>} does.
 *
 * @param from the folder on the build machine
 * @param into the absolute folder in the image; {@code /} by default
 * @param includes globs on the path relative to {@code from} ({@code *.txt}, {@code **}{@code /*.sh}); empty for all
 * @param excludes globs likewise; a file is left out when it or a folder above it matches one
 * @param owner the owner of its files and folders (and of {@code into} itself, unless that is {@code /})
 */
public record ExtraDirectory(Path from, String into, List<String> includes, List<String> excludes, FileOwner owner) {

  public ExtraDirectory {
    if (from == null) {
      throw new BuilderException("an extra directory has no <from>: name the project folder whose files go into"
          + " the image");
    }
    into = into == null || into.isBlank() ? "/" : into.trim();
    if (!into.startsWith("/")) {
      throw new BuilderException("the extra directory " + from + " goes <into> '" + into + "', which is not an"
          + " absolute path in the image: write it as /" + into);
    }
    while (into.length() > 1 && into.endsWith("/")) {
      into = into.substring(0, into.length() - 1);
    }
    includes = clean(includes);
    excludes = clean(excludes);
    owner = owner == null ? FileOwner.ROOT : owner;
  }

  /** The whole folder at the image root, owned by root: the single {@code extraDirectory} builder always had. */
  public static ExtraDirectory root(Path from) {
    return new ExtraDirectory(from, "/", List.of(), List.of(), FileOwner.ROOT);
  }

  /** Patterns as Maven gives them: a comma-separated value becomes several, blanks are dropped. */
  private static List<String> clean(List<String> patterns) {
    if (patterns == null) {
      return List.of();
    }
    return patterns.stream().filter(p -> p != null).flatMap(p -> java.util.Arrays.stream(p.split(",")))
        .map(String::trim).filter(p -> !p.isEmpty()).toList();
  }
}
