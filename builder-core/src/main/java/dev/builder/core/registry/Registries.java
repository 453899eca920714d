package dev.builder.core.registry;

import dev.builder.core.Setting;
import com.google.api.client.http.HttpHeaders;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.http.FailoverHttpClient;
import dev.builder.core.BuildListener;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * Opens authenticated {@link RepositoryClient}s. Registries on loopback are spoken to over verified HTTPS when they
 * offer it, else unverified HTTPS, else plain HTTP, as Docker and ko do; any other registry needs HTTPS verified
 * against the JVM's trust store and the given CA certificates, unless insecure registries are allowed. One instance
 * serves a whole build, so HTTP connections and tokens are reused. Every request has the options' timeout, and every
 * operation is retried under the options' policy, except that a registry that has never answered and refuses the
 * connection or stays silent is not waited for again.
 */
public final class Registries implements AutoCloseable {
  // jib-core's message when verified HTTPS failed and it tries again without verification
  private static final String UNVERIFIED_FAILOVER = "Cannot verify server at ";

  private final BuildListener listener;
  private final RegistryOptions options;
  private final Retry retry;
  private final SSLContext tls;
  private final ProxyConnections.Announcer proxyLog;
  private final PlainHttpMemory plainHttp;
  // the HTTP clients: made when first needed, and again after close, so that an instance outlives a close
  private volatile Connections connections;
  private final AtomicReference<FailoverHttpClient> insecureRemote = new AtomicReference<>();
  private final Map<String, RepositoryClient> clients = new ConcurrentHashMap<>();
  private final Set<String> anonymousLogged = ConcurrentHashMap.newKeySet();
  private final Set<String> tlsVerified = ConcurrentHashMap.newKeySet();
  // what each registry's API root answered first: its challenge, or empty when it lets anyone in
  private final Map<String, Optional<HttpHeaders>> firstAnswers = new ConcurrentHashMap<>();

  /** One credential source for pulls and pushes, and the JVM's trust store. */
  public Registries(BuildListener listener, CredentialSource credentialSource, boolean allowInsecure) {
    this(listener, new RegistryOptions(credentialSource, credentialSource, java.util.List.of(), allowInsecure));
  }

  public Registries(BuildListener listener, RegistryOptions options) {
    this(listener, options, new PlainHttpMemory(null));
  }

  /**
   * {@code plainHttp} remembers, across builds when it is kept in a folder, which registries on this machine answer
   * in plain HTTP, so that they are not first asked in HTTPS every build.
   */
  public Registries(BuildListener listener, RegistryOptions options, PlainHttpMemory plainHttp) {
    this.listener = listener;
    this.options = options;
    this.retry = new Retry(options.retry(), listener);
    this.tls = options.caCertificates().isEmpty() ? null : TrustedCertificates.context(options.caCertificates());
    this.proxyLog = new ProxyConnections.Announcer(listener::info);
    this.plainHttp = plainHttp;
  }

  /** The verified HTTPS client, and the one for this machine's registries. */
  private record Connections(FailoverHttpClient secureHttp, FailoverHttpClient loopbackHttp) {}

  private Connections connections() {
    Connections current = connections;
    if (current == null) {
      synchronized (this) {
        current = connections;
        if (current == null) {
          current = new Connections(
              HttpClients.create(false, false, httpLog(), tls, options.timeout(), null, options.proxies(), proxyLog),
              // Credentials may go over plain HTTP only to this machine's own registries.
              HttpClients.create(true, true, httpLog(), tls, options.timeout(), plainHttp, options.proxies(),
                  proxyLog));
          connections = current;
        }
      }
    }
    return current;
  }

  /** Where base image pulls look before a registry, and what they report. */
  RegistryMirrors mirrors() {
    return options.mirrors();
  }

  BuildListener listener() {
    return listener;
  }

  /** A client that may read {@code name}'s repository, to pull a base image. */
  public RepositoryClient forPull(ImageName name) {
    String key = "pull " + name.repositoryName();
    return live(name, key, () -> clients.computeIfAbsent(key, k -> open(name, null, false)));
  }

  /**
   * A client that may write {@code name}'s repository, and mount blobs into it from {@code mountFrom} (a repository
   * on the same registry, or null).
   */
  public RepositoryClient forPush(ImageName name, String mountFrom) {
    String key = "push " + name.repositoryName() + " from " + mountFrom;
    return live(name, key, () -> clients.computeIfAbsent(key, k -> open(name, mountFrom, true)));
  }

  /**
   * A client that reaches the repository through this instance whenever it is used: blobs of a base image read in
   * one goal may be read in the next, after the connections were closed in between and opened again.
   */
  private RepositoryClient live(ImageName name, String key, java.util.function.Supplier<RepositoryClient> open) {
    open.get(); // opens (and authenticates) now, so that a failure comes where it is expected
    return new ReopeningClient(name, open);
  }

  private RepositoryClient open(ImageName name, String mountFrom, boolean push) {
    String operation = push ? RegistryErrors.PUSH : RegistryErrors.PULL_BASE;
    if (options.allowInsecure() && !name.isLoopback()) {
      listener.warn("registry " + name.registry() + " may be reached over plain HTTP or unverified HTTPS"
          + " (" + Setting.ALLOW_INSECURE_REGISTRIES.mention() + " is true)");
    }
    Connections open = connections();
    FailoverHttpClient secureHttp = open.secureHttp();
    FailoverHttpClient http = name.isLoopback() ? open.loopbackHttp() : options.allowInsecure() ? insecureRemote()
        : secureHttp;
    if (http == secureHttp && !tlsVerified.contains(name.registry())) {
      try {
        TlsCheck.verify(name.registry(), tls, options.timeout(), options.proxies(), proxyLog);
        tlsVerified.add(name.registry());
      } catch (SSLException | SocketTimeoutException e) {
        // a registry that does not answer the handshake in time is down: asking jib next would wait once more
        throw RegistryErrors.explain(operation, "verify its certificate", name, Optional.empty(), e,
            options.timeout());
      }
    }
    Optional<Credentials> credentials =
        (push ? options.pushCredentials() : options.pullCredentials()).find(name.registry());
    if (credentials.isEmpty()) {
      if (anonymousLogged.add(operation + " " + name.registry())) {
        listener.info("no credentials found for registry " + name.registry() + "; " + (push ? "pushing" : "pulling")
            + " anonymously");
      }
    } else {
      listener.debug("using " + credentials.get() + " to " + operation + " " + name.repositoryName());
    }
    RepositoryHttp requests = new RepositoryHttp(http, secureHttp, name, credentials, push, mountFrom);
    // A registry that has never answered and is down (refused, or silent past the timeout) fails the build now,
    // after one timeout rather than one per try; one that answers with a fault that may pass is tried again.
    boolean answeredBefore = firstAnswers.containsKey(name.registry());
    retry.runUnchecked(operation + " " + name.repositoryName() + ": authenticate",
        e -> Faults.isTransient(e) && (answeredBefore || !Faults.isSilence(e)), () -> {
          try {
            // The API root's answer is the same for every repository of a registry, so a build that pulls its base
            // from the registry it pushes to asks once: one round trip fewer, and on a remote registry a TLS handshake.
            Optional<HttpHeaders> challenge = firstAnswers.get(name.registry());
            if (challenge == null) {
              challenge = requests.challenge();
              firstAnswers.putIfAbsent(name.registry(), challenge);
            }
            requests.answer(challenge);
            return null;
          } catch (IOException e) {
            throw RegistryErrors.explain(operation, "authenticate", name, credentials, e, options.timeout());
          }
        });
    return new RetryingRepositoryClient(
        new HttpRepositoryClient(name, requests, credentials, operation, options.timeout()), retry);
  }

  private FailoverHttpClient insecureRemote() {
    // Never send credentials over plain HTTP to another machine, even when insecure registries are allowed.
    return insecureRemote.updateAndGet(
        c -> c != null ? c
            : HttpClients.create(true, false, httpLog(), tls, options.timeout(), null, options.proxies(), proxyLog));
  }

  /** jib's HTTP events: falling back to unverified HTTPS is worth a warning, the rest is detail. */
  private Consumer<LogEvent> httpLog() {
    return e -> {
      if (e.getMessage().startsWith(UNVERIFIED_FAILOVER)) {
        listener.warn("registry: " + e.getMessage() + " To verify it, list the CA certificate that signed the"
            + " registry's certificate in " + Setting.CA_CERTIFICATES.mention() + ".");
      } else {
        listener.debug("http: " + e.getMessage());
      }
    };
  }

  /**
   * Closes the HTTP connections. The instance stays usable: the clients it gave out open new connections (and
   * authenticate again) when next used, so a long-lived process (mvnd, an IDE) keeps nothing open between builds.
   */
  @Override
  public synchronized void close() {
    Connections open = connections;
    connections = null;
    clients.clear();
    firstAnswers.clear();
    FailoverHttpClient remote = insecureRemote.getAndSet(null);
    for (FailoverHttpClient http : open == null ? new FailoverHttpClient[] {remote}
        : new FailoverHttpClient[] {open.secureHttp(), open.loopbackHttp(), remote}) {
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
