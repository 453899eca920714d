package dev.builder.core.inventory;

/**
 * A package of the image's operating system, as its package database records it.
 *
 * @param type {@code deb} or {@code apk}
 * @param distro such as {@code debian-12} or {@code alpine-3.20}, or null when the image names no release
 * @param license as the database records it (apk does; dpkg does not), or null
 */
public record OsPackage(
    String type, String name, String version, String architecture, String distro, String maintainer,
    String license) {

  /** The package URL: {@code pkg:deb/debian/NAME@VERSION?arch=ARCH&distro=debian-12}. */
  public String purl() {
    String namespace = distro == null ? ("deb".equals(type) ? "debian" : "alpine") : distro.replaceFirst("-.*", "");
    StringBuilder purl = new StringBuilder("pkg:").append(type).append('/').append(namespace).append('/')
        .append(Purls.encode(name)).append('@').append(Purls.encode(version));
    String sep = "?";
    if (architecture != null) {
      purl.append(sep).append("arch=").append(Purls.encode(architecture));
      sep = "&";
    }
    if (distro != null) {
      purl.append(sep).append("distro=").append(Purls.encode(distro));
    }
    return purl.toString();
  }
}
