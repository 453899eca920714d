package dev.builder.core.registry;

import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import dev.builder.core.BuilderException;
import dev.builder.core.image.Digest;
import java.util.Locale;

/**
 * A name in a registry: {@code registry/repository[:tag][@digest]}, with Docker's defaults applied (a bare
 * {@code eclipse-temurin} is {@code registry-1.docker.io/library/eclipse-temurin:latest}).
 */
public record ImageName(String registry, String repository, String tag, Digest digest) {

  public static ImageName parse(String reference) {
    String trimmed = reference == null ? "" : reference.trim();
    try {
      ImageReference parsed = ImageReference.parse(trimmed);
      return new ImageName(
          parsed.getRegistry(),
          parsed.getRepository(),
          parsed.getTag().orElse(parsed.getDigest().isPresent() ? null : "latest"),
          parsed.getDigest().map(Digest::parse).orElse(null));
    } catch (InvalidImageReferenceException | IllegalArgumentException e) {
      throw new BuilderException(
          "'"
              + reference
              + "' is not a valid image reference; write registry/repository[:tag][@sha256:digest] in lowercase,"
              + " for example localhost:5000/orders-app:1.0");
    }
  }

  /** True for a tag a registry takes: up to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'. */
  public static boolean isValidTag(String tag) {
    return ImageReference.isValidTag(tag);
  }

  public ImageName withTag(String newTag) {
    if (!isValidTag(newTag)) {
      throw new BuilderException(
          "'" + newTag + "' is not a valid tag; use up to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'");
    }
    return new ImageName(registry, repository, newTag, null);
  }

  public ImageName withDigest(Digest newDigest) {
    return new ImageName(registry, repository, null, newDigest);
  }

  /** This repository with a tag or a digest, as a registry request names it. */
  public ImageName withQualifier(String qualifier) {
    return qualifier.startsWith("sha256:")
        ? new ImageName(registry, repository, null, Digest.parse(qualifier))
        : new ImageName(registry, repository, qualifier, null);
  }

  /** The tag or digest that a registry request names: the digest when there is one. */
  public String qualifier() {
    return digest != null ? digest.toString() : tag;
  }

  /** {@code registry/repository}, without tag or digest. */
  public String repositoryName() {
    return registry + "/" + repository;
  }

  /**
   * Whether the registry is on this machine (127.0.0.0/8, localhost, [::1]): such registries are spoken to over plain
   * HTTP, as Docker and ko do.
   */
  public boolean isLoopback() {
    return isLoopback(registry);
  }

  /** Whether {@code host} ({@code host}, {@code host:port} or {@code [v6]:port}) names this machine by itself. */
  static boolean isLoopback(String hostAndPort) {
    String host = hostAndPort.toLowerCase(Locale.ROOT);
    if (host.startsWith("[")) {
      return host.startsWith("[::1]");
    }
    int colon = host.indexOf(':');
    return isLoopbackHost(colon >= 0 ? host.substring(0, colon) : host);
  }

  /** Whether a host name or address without port (IPv6 with or without brackets) is this machine's loopback. */
  static boolean isLoopbackHost(String host) {
    String name = host.toLowerCase(Locale.ROOT);
    return name.equals("localhost") || name.equals("::1") || name.equals("[::1]")
        || name.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  }

  @Override
  public String toString() {
    return repositoryName() + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
  }
}
