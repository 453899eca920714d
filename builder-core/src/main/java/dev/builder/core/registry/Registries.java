package dev.builder.core.registry;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.event.EventHandlers;
import com.google.cloud.tools.jib.http.FailoverHttpClient;
import com.google.cloud.tools.jib.registry.RegistryClient;
import dev.builder.core.BuildListener;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Opens authenticated {@link RepositoryClient}s. Registries on loopback are spoken to over plain HTTP; any other
 * registry needs verified HTTPS unless insecure registries are allowed. One instance serves a whole build, so HTTP
 * connections and tokens are reused.
 */
public final class Registries implements AutoCloseable {
  private static final String USER_AGENT = "builder/0.1.0";

  private final BuildListener listener;
  private final CredentialSource credentialSource;
  private final boolean allowInsecure;
  private final EventHandlers events;
  private final FailoverHttpClient secureHttp;
  private final FailoverHttpClient plainHttp;
  private final AtomicReference<FailoverHttpClient> insecureRemote = new AtomicReference<>();
  private final Map<String, RepositoryClient> clients = new ConcurrentHashMap<>();

  public Registries(BuildListener listener, CredentialSource credentialSource, boolean allowInsecure) {
    this.listener = listener;
    this.credentialSource = credentialSource;
    this.allowInsecure = allowInsecure;
    this.events =
        EventHandlers.builder()
            .add(LogEvent.class, e -> listener.debug("registry: " + e.getMessage()))
            .build();
    this.secureHttp = new FailoverHttpClient(false, false, e -> listener.debug("http: " + e.getMessage()));
    // Credentials may go over plain HTTP only to this machine's own registries.
    this.plainHttp = new FailoverHttpClient(true, true, e -> listener.debug("http: " + e.getMessage()));
  }

  /** A client that may read {@code name}'s repository. */
  public RepositoryClient forPull(ImageName name) {
    return clients.computeIfAbsent("pull " + name.repositoryName(), k -> open(name, null, false));
  }

  /**
   * A client that may write {@code name}'s repository, and mount blobs into it from {@code mountFrom} (a repository
   * on the same registry, or null).
   */
  public RepositoryClient forPush(ImageName name, String mountFrom) {
    return clients.computeIfAbsent(
        "push " + name.repositoryName() + " from " + mountFrom, k -> open(name, mountFrom, true));
  }

  private RepositoryClient open(ImageName name, String mountFrom, boolean push) {
    String operation = push ? "push to" : "pull";
    if (allowInsecure && !name.isLoopback()) {
      listener.warn("registry " + name.registry() + " may be reached over plain HTTP or unverified HTTPS"
          + " (builder.allowInsecureRegistries=true)");
    }
    FailoverHttpClient http = name.isLoopback() ? plainHttp : allowInsecure ? insecureRemote() : secureHttp;
    Optional<Credentials> credentials = credentialSource.find(name.registry());
    if (credentials.isEmpty()) {
      listener.debug("no credentials for " + name.registry() + "; going anonymous");
    } else {
      listener.debug("using " + credentials.get() + " for " + name.registry());
    }
    RegistryClient.Factory factory =
        mountFrom == null
            ? RegistryClient.factory(events, name.registry(), name.repository(), http)
            : RegistryClient.factory(events, name.registry(), name.repository(), mountFrom, http);
    credentials.ifPresent(c -> factory.setCredential(Credential.from(c.username(), c.password())));
    factory.setUserAgent(USER_AGENT);
    RegistryClient client = factory.newRegistryClient();
    try {
      boolean bearer = push ? client.doPushBearerAuth() : client.doPullBearerAuth();
      if (!bearer && credentials.isPresent()) {
        client.configureBasicAuth();
      }
    } catch (IOException | RegistryException e) {
      throw RegistryErrors.explain(operation, name, credentials, e);
    }
    return new RetryingRepositoryClient(
        new JibRepositoryClient(name, client, new ManifestFetcher(http, name, credentials), credentials, operation),
        RetryPolicy.DEFAULT, listener);
  }

  private FailoverHttpClient insecureRemote() {
    // Never send credentials over plain HTTP to another machine, even when insecure registries are allowed.
    return insecureRemote.updateAndGet(
        c -> c != null ? c : new FailoverHttpClient(true, false, e -> listener.debug("http: " + e.getMessage())));
  }

  @Override
  public void close() {
    for (FailoverHttpClient http : new FailoverHttpClient[] {secureHttp, plainHttp, insecureRemote.get()}) {
      try {
        if (http != null) {
          http.shutDown();
        }
      } catch (IOException e) {
        listener.debug("closing HTTP connections: " + e.getMessage());
      }
    }
  }
}
