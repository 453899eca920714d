package dev.builder.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("registry")
class RegistryServerTest {

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void answersTheDistributionApiAndStoresBlobs() throws Exception {
    try (RegistryServer registry = RegistryServer.start()) {
      assertThat(get(registry, "/v2/").statusCode()).isEqualTo(200);

      byte[] blob = "layer bytes".getBytes(StandardCharsets.UTF_8);
      String digest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(blob));
      HttpResponse<Void> started = http.send(HttpRequest.newBuilder(url(registry, "/v2/test/blobs/uploads/"))
          .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
      assertThat(started.statusCode()).isEqualTo(202);

      // The upload location may be relative and already carries a query (the upload state).
      String location = started.headers().firstValue("Location").orElseThrow();
      URI upload = url(registry, "/").resolve(location);
      URI finish = URI.create(upload + (upload.getQuery() == null ? "?" : "&") + "digest=" + digest);
      HttpResponse<Void> finished = http.send(HttpRequest.newBuilder(finish)
          .header("Content-Type", "application/octet-stream")
          .PUT(HttpRequest.BodyPublishers.ofByteArray(blob)).build(), HttpResponse.BodyHandlers.discarding());
      assertThat(finished.statusCode()).isEqualTo(201);

      HttpResponse<byte[]> fetched = http.send(
          HttpRequest.newBuilder(url(registry, "/v2/test/blobs/" + digest)).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(fetched.statusCode()).isEqualTo(200);
      assertThat(fetched.body()).isEqualTo(blob);
    }
  }

  @Test
  void closeStopsTheRegistry() throws Exception {
    RegistryServer registry = RegistryServer.start();
    String[] hostAndPort = registry.host().split(":");
    registry.close();

    assertThatThrownBy(() -> new Socket(hostAndPort[0], Integer.parseInt(hostAndPort[1])).close())
        .isInstanceOf(ConnectException.class);
  }

  private HttpResponse<String> get(RegistryServer registry, String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(url(registry, path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI url(RegistryServer registry, String path) {
    return URI.create("http://" + registry.host() + path);
  }
}
