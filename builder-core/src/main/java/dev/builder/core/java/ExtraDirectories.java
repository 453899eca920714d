package dev.builder.core.java;

import java.util.List;

/**
 * The folders of extra files for the image, in order (a later one's file wins where two give the same path), and
 * the modes for their files.
 */
public record ExtraDirectories(List<ExtraDirectory> paths, FilePermissions permissions) {
  public static final ExtraDirectories NONE = new ExtraDirectories(List.of(), FilePermissions.NONE);

  public ExtraDirectories {
    paths = List.copyOf(paths);
    permissions = permissions == null ? FilePermissions.NONE : permissions;
  }
}
