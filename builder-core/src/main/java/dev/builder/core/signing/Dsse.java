package dev.builder.core.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.builder.core.BuilderException;
import dev.builder.core.image.Json;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Base64;

/**
 * DSSE, the signed envelope of in-toto attestations: the signature covers the pre-authentication encoding of the
 * payload type and the payload, never the JSON around them.
 */
public final class Dsse {
  public static final String MEDIA_TYPE = "application/vnd.dsse.envelope.v1+json";
  public static final String IN_TOTO = "application/vnd.in-toto+json";

  private Dsse() {}

  /** {@code "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body}, lengths in ASCII decimal bytes. */
  public static byte[] pae(String payloadType, byte[] payload) {
    byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
    byte[] head = ("DSSEv1 " + type.length + " " + payloadType + " " + payload.length + " ")
        .getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[head.length + payload.length];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(payload, 0, out, head.length, payload.length);
    return out;
  }

  /** The envelope with one signature; cosign leaves {@code keyid} empty for key signatures, and so does builder. */
  public static byte[] envelope(String payloadType, byte[] payload, Signer signer) {
    ObjectNode node = Json.object();
    node.put("payloadType", payloadType);
    node.put("payload", Base64.getEncoder().encodeToString(payload));
    ObjectNode signature = node.putArray("signatures").addObject();
    signature.put("keyid", "");
    signature.put("sig", Base64.getEncoder().encodeToString(signer.sign(pae(payloadType, payload))));
    return Json.bytes(node);
  }

  /** An envelope read back. */
  public record Envelope(String payloadType, byte[] payload, java.util.List<byte[]> signatures) {
    public boolean signedBy(PublicKey key) {
      byte[] pae = pae(payloadType, payload);
      return signatures.stream().anyMatch(s -> PublicKeys.verifies(key, pae, s));
    }
  }

  public static Envelope parse(byte[] bytes, String what) {
    JsonNode node = Json.parse(bytes, what);
    try {
      java.util.List<byte[]> signatures = new java.util.ArrayList<>();
      for (JsonNode s : node.path("signatures")) {
        signatures.add(Base64.getDecoder().decode(s.path("sig").asText("")));
      }
      return new Envelope(node.path("payloadType").asText(""),
          Base64.getDecoder().decode(node.path("payload").asText("")), signatures);
    } catch (IllegalArgumentException e) {
      throw new BuilderException(what + " is not a DSSE envelope: a payload or signature is not base64");
    }
  }
}
