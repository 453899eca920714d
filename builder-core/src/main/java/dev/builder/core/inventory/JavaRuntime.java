package dev.builder.core.inventory;

/**
 * The Java runtime of an image, as its {@code release} file names it.
 *
 * @param path the runtime's folder in the image, such as {@code /opt/java}
 * @param implementor such as {@code Eclipse Adoptium}, or null
 */
public record JavaRuntime(String path, String version, String implementor) {

  /** The feature release: 17 for 17.0.15, 8 for 1.8.0_412. */
  public int featureVersion() {
    String v = version.startsWith("1.") ? version.substring(2) : version;
    String digits = v.replaceFirst("[^0-9].*", "");
    return digits.isEmpty() ? 0 : Integer.parseInt(digits);
  }
}
