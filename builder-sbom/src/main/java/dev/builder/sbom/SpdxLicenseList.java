package dev.builder.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.builder.core.BuilderException;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.spdx.library.ListedLicenses;

/**
 * The SPDX licence list builder checks licences against: the list inside the SPDX library's jar, so that its version
 * is the library's, read straight from the jar's JSON. Starting the library itself (its model registry, its licence
 * store, its date formats) costs the better part of a second in a new JVM, on every fresh build machine, to answer
 * what amounts to a lookup in two tables.
 *
 * @param version the list's version, such as {@code 3.28.0}
 */
record SpdxLicenseList(String version, Map<String, String> licenses, Map<String, String> exceptions) {
  private static final String LICENSES = "/resources/stdlicenses/licenses.json";
  private static final String EXCEPTIONS = "/resources/stdlicenses/exceptions.json";

  /** Read once per class loader, on first use; immutable after. */
  private static final class Holder {
    static final SpdxLicenseList LIST = read();
  }

  /** The list in the SPDX library's jar. */
  static SpdxLicenseList get() {
    return Holder.LIST;
  }

  /** The listed licence {@code id} in the list's own case, whatever its case here. */
  Optional<String> license(String id) {
    return Optional.ofNullable(licenses.get(id.toLowerCase(Locale.ROOT)));
  }

  /** The listed licence exception {@code id} in the list's own case, whatever its case here. */
  Optional<String> exception(String id) {
    return Optional.ofNullable(exceptions.get(id.toLowerCase(Locale.ROOT)));
  }

  private static SpdxLicenseList read() {
    ObjectMapper json = new ObjectMapper();
    JsonNode licenses = load(json, LICENSES);
    JsonNode exceptions = load(json, EXCEPTIONS);
    return new SpdxLicenseList(licenses.path("licenseListVersion").asText(),
        ids(licenses.path("licenses"), "licenseId"), ids(exceptions.path("exceptions"), "licenseExceptionId"));
  }

  private static JsonNode load(ObjectMapper json, String resource) {
    try (InputStream in = ListedLicenses.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new BuilderException("The SPDX licence list " + resource + " is missing from the SPDX library's jar on "
            + "builder's class path; a builder plugin with a replaced org.spdx:java-spdx-library must keep a version "
            + "that ships it");
      }
      return json.readTree(in);
    } catch (IOException e) {
      throw new BuilderException("Could not read the SPDX licence list " + resource + ": " + e.getMessage(), e);
    }
  }

  private static Map<String, String> ids(JsonNode entries, String field) {
    Map<String, String> ids = new HashMap<>();
    for (JsonNode entry : entries) {
      String id = entry.path(field).asText();
      if (!id.isEmpty()) {
        ids.put(id.toLowerCase(Locale.ROOT), id);
      }
    }
    return Map.copyOf(ids);
  }
}
