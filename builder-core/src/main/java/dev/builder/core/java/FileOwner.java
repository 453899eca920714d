package dev.builder.core.java;

import dev.builder.core.BuilderException;

/**
 * The numeric owner of files builder puts in a layer. Numbers only: the names in the base's {@code /etc/passwd} are
 * not known while the layer is made, and a name the base lacks would fail at run time instead of at build time.
 */
public record FileOwner(int uid, int gid) {
  public static final FileOwner ROOT = new FileOwner(0, 0);

  public FileOwner {
    if (uid < 0 || gid < 0) {
      throw new IllegalArgumentException("owner ids are not negative: " + uid + ":" + gid);
    }
  }

  /**
   * {@code uid:gid} or {@code uid} (then the group is the same number), as {@code <owner>} is written; null or blank
   * for {@link #ROOT}.
   *
   * @param where the setting, for the message
   */
  public static FileOwner parse(String text, String where) {
    if (text == null || text.isBlank()) {
      return ROOT;
    }
    String[] parts = text.trim().split(":", -1);
    if (parts.length > 2 || !parts[0].matches("[0-9]{1,9}") || parts.length == 2 && !parts[1].matches("[0-9]{1,9}")) {
      throw new BuilderException(where + " is '" + text + "', not an owner as numbers: write uid:gid, such as"
          + " 65532:65532 (names are not looked up, as the base's /etc/passwd is not read while layers are made)");
    }
    int uid = Integer.parseInt(parts[0]);
    return new FileOwner(uid, parts.length == 2 ? Integer.parseInt(parts[1]) : uid);
  }

  public boolean isRoot() {
    return uid == 0 && gid == 0;
  }

  @Override
  public String toString() {
    return uid + ":" + gid;
  }
}
