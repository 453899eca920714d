package dev.builder.core.policy;

import java.security.PublicKey;
import java.util.List;

/**
 * What a platform team requires of every image, typically declared once in a company parent POM.
 *
 * @param allowedBaseImages glob patterns a base image must match ({@code *} within one path segment, {@code **}
 *     across segments); empty allows every base
 * @param requireBaseDigest the base must be pinned by digest ({@code name@sha256:...})
 * @param requiredLabels config label keys every image must carry
 * @param requiredAnnotations manifest annotation keys every image must carry
 * @param checkJavaVersion fail when the base image's Java is older than the bytecode the project compiles to
 * @param requireSignedBase the base must carry a cosign signature that one of {@code baseKeys} verifies
 * @param baseKeys the public keys a base's signature may be made with (cosign.pub, PEM), already read, so that a
 *     parent's and a module's keys compare by what they are, not by where their files lie
 */
public record ImagePolicy(
    List<String> allowedBaseImages,
    boolean requireBaseDigest,
    List<String> requiredLabels,
    List<String> requiredAnnotations,
    boolean checkJavaVersion,
    boolean requireSignedBase,
    List<PublicKey> baseKeys) {

  /** What applies when nobody configured anything: only the Java check, which protects everyone. */
  public static final ImagePolicy DEFAULT = new ImagePolicy(List.of(), false, List.of(), List.of(), true);

  public ImagePolicy {
    allowedBaseImages = clean(allowedBaseImages);
    requiredLabels = clean(requiredLabels);
    requiredAnnotations = clean(requiredAnnotations);
    baseKeys = baseKeys == null ? List.of() : baseKeys.stream().distinct().toList();
  }

  /** A policy with no signature rule on the base. */
  public ImagePolicy(List<String> allowedBaseImages, boolean requireBaseDigest, List<String> requiredLabels,
      List<String> requiredAnnotations, boolean checkJavaVersion) {
    this(allowedBaseImages, requireBaseDigest, requiredLabels, requiredAnnotations, checkJavaVersion, false,
        List.of());
  }

  private static List<String> clean(List<String> values) {
    return values == null ? List.of() : values.stream().map(String::trim).filter(v -> !v.isEmpty()).distinct().toList();
  }
}
