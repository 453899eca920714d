package dev.builder.core.signing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.builder.core.image.Digest;
import dev.builder.core.image.Json;

/**
 * The payload that {@code cosign sign} signs (Red Hat's "simple signing" format): the repository and the digest
 * signed. {@code cosign verify} checks the signature over these exact bytes and that the digest is the image's.
 */
public final class SimpleSigning {
  public static final String MEDIA_TYPE = "application/vnd.dev.cosign.simplesigning.v1+json";
  public static final String TYPE = "cosign container image signature";

  private SimpleSigning() {}

  /** @param dockerReference the repository, without tag or digest, as cosign writes it */
  public static byte[] payload(String dockerReference, Digest digest) {
    ObjectNode root = Json.object();
    ObjectNode critical = root.putObject("critical");
    critical.putObject("identity").put("docker-reference", dockerReference);
    critical.putObject("image").put("docker-manifest-digest", digest.toString());
    critical.put("type", TYPE);
    root.putNull("optional");
    return Json.bytes(root);
  }
}
