package dev.builder.sbom;

import org.spdx.library.ListedLicenses;
import org.spdx.library.SpdxModelFactory;

/**
 * Starts the SPDX library once per class loader, offline.
 *
 * <p>Left alone, the library downloads the SPDX licence list from spdx.org the first time it needs a licence: builds
 * would then reach the network, stall where there is none, and write documents whose licence list version changes
 * with the day. The library reads the system property {@value #JAR_LICENSES_ONLY} exactly once, when its licence list
 * singleton is made, and uses the list inside its jar when the property is {@code true}. So the property is set,
 * the library is initialized and its licence list made, and then the property is put back as it was: the rest of the
 * build (Maven and other plugins share the JVM's system properties) sees no change. Inside Maven each plugin has its
 * own class loader, so the singleton this makes is builder's alone.
 */
final class SpdxLibrary {
  static final String JAR_LICENSES_ONLY = "org.spdx.useJARLicenseInfoOnly";
  private static boolean started;

  private SpdxLibrary() {}

  static synchronized void start() {
    if (started) {
      return;
    }
    String previous = System.getProperty(JAR_LICENSES_ONLY);
    System.setProperty(JAR_LICENSES_ONLY, "true");
    try {
      SpdxModelFactory.init();
      ListedLicenses.getListedLicenses();
    } finally {
      if (previous == null) {
        System.clearProperty(JAR_LICENSES_ONLY);
      } else {
        System.setProperty(JAR_LICENSES_ONLY, previous);
      }
    }
    started = true;
  }
}
