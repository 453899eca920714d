package dev.builder.core.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builder.core.registry.CredentialSource;
import dev.builder.core.registry.Credentials;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CredentialChainTest {

  @Test
  void theFirstSourceWithCredentialsWinsAndLaterOnesAreNotAsked() {
    AtomicInteger laterAsked = new AtomicInteger();
    CredentialSource none = registry -> Optional.empty();
    CredentialSource first = registry -> registry.equals("a.example")
        ? Optional.of(new Credentials("first", "1", "first source")) : Optional.empty();
    CredentialSource later = registry -> {
      laterAsked.incrementAndGet();
      return Optional.of(new Credentials("later", "2", "later source"));
    };
    CredentialChain chain = new CredentialChain(List.of(none, first, later));

    assertThat(chain.find("a.example")).map(Credentials::source).hasValue("first source");
    assertThat(laterAsked).hasValue(0);
    assertThat(chain.find("b.example")).map(Credentials::source).hasValue("later source");
  }

  @Test
  void eachRegistryIsLookedUpOnce() {
    AtomicInteger asked = new AtomicInteger();
    CredentialChain chain = new CredentialChain(List.of(registry -> {
      asked.incrementAndGet();
      return Optional.empty();
    }));

    chain.find("a.example");
    chain.find("a.example");

    assertThat(asked).hasValue(1);
  }
}
