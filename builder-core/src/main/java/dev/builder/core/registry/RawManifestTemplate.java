package dev.builder.core.registry;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.util.RawValue;
import com.google.cloud.tools.jib.image.json.ManifestTemplate;
import java.nio.charset.StandardCharsets;

/**
 * Hands manifest bytes that builder made to jib-core's manifest push unchanged. jib serializes whatever template it
 * is given with its own Jackson mapper; a raw value makes that serialization the identity, so the digest the
 * registry stores is the digest of builder's bytes, the same bytes the OCI layout holds.
 */
final class RawManifestTemplate implements ManifestTemplate {
  private final byte[] bytes;
  private final String mediaType;

  RawManifestTemplate(byte[] bytes, String mediaType) {
    this.bytes = bytes.clone();
    this.mediaType = mediaType;
  }

  @JsonValue
  RawValue json() {
    return new RawValue(new String(bytes, StandardCharsets.UTF_8));
  }

  @Override
  public int getSchemaVersion() {
    return 2;
  }

  @Override
  public String getManifestMediaType() {
    return mediaType;
  }
}
