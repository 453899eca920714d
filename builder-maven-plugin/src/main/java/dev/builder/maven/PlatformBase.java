package dev.builder.maven;

/**
 * A base image for one platform, for bases published as one image per platform rather than as an index:
 * {@code <platformBase><platform>linux/arm64</platform><from>registry/base-arm64:17</from></platformBase>}.
 */
public class PlatformBase {
  /** The platform, as {@code os/architecture[/variant]}. */
  String platform;

  /** The base image for it, written as {@code <from>} is. */
  String from;
}
