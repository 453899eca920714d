package dev.builder.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("registry")
@ExtendWith(RegistryExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistryExtensionTest {

  // One test instance for the class (PER_CLASS), so the second test can compare with the first.
  private String firstHost;

  @Test
  @Order(1)
  void injectsARunningRegistry(RegistryServer registry) throws Exception {
    HttpResponse<Void> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://" + registry.host() + "/v2/")).build(),
        HttpResponse.BodyHandlers.discarding());
    assertThat(response.statusCode()).isEqualTo(200);
    firstHost = registry.host();
  }

  @Test
  @Order(2)
  void sharesOneRegistryPerTestClass(RegistryServer registry) {
    assertThat(registry.host()).isEqualTo(firstHost);
  }
}
