package dev.builder.core.signing;

import dev.builder.testing.OpenSsl;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builder.core.image.Digest;
import dev.builder.core.image.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The payloads cosign verifies: DSSE's pre-authentication encoding and envelope, and simple signing. */
class DsseTest {
  @TempDir Path tmp;

  @Test
  void paeIsTheDsseSpecsEncoding() {
    // the example of the DSSE v1 protocol
    assertThat(new String(Dsse.pae("http://example.com/HelloWorld", "hello world".getBytes(StandardCharsets.UTF_8)),
        StandardCharsets.UTF_8)).isEqualTo("DSSEv1 29 http://example.com/HelloWorld 11 hello world");
  }

  @Test
  @Tag("openssl")
  void theEnvelopeSignsThePaeBytesAsOpensslChecks() throws Exception {
    KeySigner signer = SigningKeys.read(OpenSsl.newKey(tmp), Optional::empty);
    byte[] statement = "{\"_type\":\"https://in-toto.io/Statement/v1\"}".getBytes(StandardCharsets.UTF_8);
    Dsse.Envelope envelope = Dsse.parse(Dsse.envelope(Dsse.IN_TOTO, statement, signer), "envelope");
    assertThat(envelope.payloadType()).isEqualTo("application/vnd.in-toto+json");
    assertThat(envelope.payload()).isEqualTo(statement);
    assertThat(envelope.signedBy(signer.publicKey())).isTrue();
    Path pub = tmp.resolve("pub.pem");
    assertThat(OpenSsl.verifies(pub, Dsse.pae(Dsse.IN_TOTO, statement), envelope.signatures().get(0), tmp)).isTrue();
    assertThat(OpenSsl.verifies(pub, statement, envelope.signatures().get(0), tmp)).as("the bare payload").isFalse();
  }

  @Test
  void simpleSigningPayloadIsCosigns() {
    Digest digest = Digest.of("image".getBytes(StandardCharsets.UTF_8));
    JsonNode payload = Json.parse(SimpleSigning.payload("localhost:5000/apps/orders", digest), "payload");
    assertThat(payload.at("/critical/identity/docker-reference").asText()).isEqualTo("localhost:5000/apps/orders");
    assertThat(payload.at("/critical/image/docker-manifest-digest").asText()).isEqualTo(digest.toString());
    assertThat(payload.at("/critical/type").asText()).isEqualTo("cosign container image signature");
    assertThat(payload.get("optional").isNull()).isTrue();
  }
}
