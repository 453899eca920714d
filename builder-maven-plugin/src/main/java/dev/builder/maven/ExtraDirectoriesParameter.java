package dev.builder.maven;

import dev.builder.core.BuilderException;
import dev.builder.core.java.ExtraDirectories;
import dev.builder.core.java.ExtraDirectory;
import dev.builder.core.java.FileOwner;
import dev.builder.core.java.FilePermissions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code <extraDirectories>} as Jib spells it: {@code <paths>} of {@code <path>} (a folder, or {@code <from>},
 * {@code <into>}, {@code <includes>}, {@code <excludes>}, {@code <owner>}) and {@code <permissions>} of
 * {@code <permission><file>/glob/in/image</file><mode>755</mode></permission>}.
 */
public class ExtraDirectoriesParameter {
  /** The folders, in order. */
  List<ExtraPathParameter> paths;

  /** Modes by path in the image. */
  List<PermissionParameter> permissions;

  /** For Maven, which sets the fields from the POM. */
  public ExtraDirectoriesParameter() {}

  /** One {@code <path>}. (Not named {@code Path}: Maven would look for that name first.) */
  public static class ExtraPathParameter {
    String from;
    String into;
    List<String> includes;
    List<String> excludes;
    String owner;

    public ExtraPathParameter() {}

    /** {@code <path>src/main/extra</path>}, as Jib also takes it: the folder, into {@code /}. */
    public void set(String from) {
      this.from = from;
    }
  }

  /** One {@code <permission>}. */
  public static class PermissionParameter {
    String file;
    String mode;

    public PermissionParameter() {}
  }

  /** The core value, with relative folders taken from {@code basedir} as Maven takes its own. */
  static ExtraDirectories toCore(ExtraDirectoriesParameter parameter, Path basedir) {
    if (parameter == null) {
      return ExtraDirectories.NONE;
    }
    List<ExtraDirectory> paths = new ArrayList<>();
    for (ExtraPathParameter path : parameter.paths == null ? List.<ExtraPathParameter>of() : parameter.paths) {
      if (path == null || path.from == null || path.from.isBlank()) {
        throw new BuilderException("an <extraDirectories> <path> has no <from>: name the project folder whose files"
            + " go into the image, such as <from>src/main/jib</from>");
      }
      paths.add(new ExtraDirectory(basedir.resolve(path.from.trim()), path.into, path.includes, path.excludes,
          FileOwner.parse(path.owner, "the <owner> of the extra directory " + path.from.trim())));
    }
    List<FilePermissions.Rule> rules = new ArrayList<>();
    for (PermissionParameter permission : parameter.permissions == null ? List.<PermissionParameter>of()
        : parameter.permissions) {
      if (permission == null) {
        continue;
      }
      rules.add(FilePermissions.Rule.parse(permission.file, permission.mode));
    }
    return new ExtraDirectories(paths, new FilePermissions(rules));
  }
}
