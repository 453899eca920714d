package dev.builder.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Docker token service (the distribution spec's "token authentication") for a registry configured with
 * {@code auth.token}: it checks Basic credentials and answers with a JWT, signed RS256 by a {@link
 * TestCertificates.SigningKey} whose certificate rides in the {@code x5c} header and is the registry's
 * {@code rootcertbundle}, granting what the scope asks for. Served over HTTPS with the test CA's server certificate.
 * OAuth2 refresh tokens (Docker's identity tokens) are traded by POST. It keeps the scopes it was asked for, so tests
 * can see the Bearer flow happened.
 */
public final class TokenServer implements AutoCloseable {
  public static final String SERVICE = "builder-test-registry";
  public static final String ISSUER = "builder-test-token-issuer";

  private final HttpsServer server;
  private final TestCertificates.SigningKey signer;
  private final Map<String, String> users;
  private final Map<String, String> refreshTokens;
  private final List<String> scopesAsked = new CopyOnWriteArrayList<>();

  private TokenServer(HttpsServer server, TestCertificates.SigningKey signer, Map<String, String> users,
      Map<String, String> refreshTokens) {
    this.server = server;
    this.signer = signer;
    this.users = Map.copyOf(users);
    this.refreshTokens = Map.copyOf(refreshTokens);
  }

  /** Starts on a free port of 127.0.0.1, accepting these users and passwords. */
  public static TokenServer start(TestCertificates tls, TestCertificates.SigningKey signer, Map<String, String> users)
      throws IOException {
    return start(tls, signer, users, Map.of());
  }

  /**
   * Starts on a free port of 127.0.0.1, accepting these users and passwords by GET, and these OAuth2 refresh tokens
   * (each for its user) POSTed as {@code grant_type=refresh_token}.
   */
  public static TokenServer start(TestCertificates tls, TestCertificates.SigningKey signer, Map<String, String> users,
      Map<String, String> refreshTokens) throws IOException {
    HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    https.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
    TokenServer tokens = new TokenServer(https, signer, users, refreshTokens);
    https.createContext("/token", tokens::answer);
    https.start();
    return tokens;
  }

  /** The realm a registry names in its challenge. */
  public String realm() {
    return "https://127.0.0.1:" + server.getAddress().getPort() + "/token";
  }

  public List<String> scopesAsked() {
    return List.copyOf(scopesAsked);
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      boolean post = exchange.getRequestMethod().equals("POST");
      String query = post
          ? new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
          : exchange.getRequestURI().getRawQuery();
      String user = post ? refreshed(query) : authenticated(exchange.getRequestHeaders().getFirst("Authorization"));
      if (user == null) {
        send(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}");
        return;
      }
      List<String> access = new ArrayList<>();
      for (String pair : query == null ? new String[0] : query.split("&")) {
        if (!pair.startsWith("scope=")) {
          continue;
        }
        // a GET repeats the parameter per scope; a POST lists them in one, separated by spaces
        for (String scope : URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8).split(" ")) {
          scopesAsked.add(scope);
          String[] parts = scope.split(":"); // repository:NAME:ACTIONS
          if (parts.length == 3) {
            access.add("{\"type\":\"" + parts[0] + "\",\"name\":\"" + parts[1] + "\",\"actions\":[\""
                + String.join("\",\"", parts[2].split(",")) + "\"]}");
          }
        }
      }
      String token = jwt(user, "[" + String.join(",", access) + "]");
      send(exchange, 200, "{\"token\":\"" + token + "\",\"access_token\":\"" + token + "\",\"expires_in\":300}");
    }
  }

  private String refreshed(String form) {
    for (String pair : form.split("&")) {
      if (pair.startsWith("refresh_token=") && form.contains("grant_type=refresh_token")) {
        return refreshTokens.get(URLDecoder.decode(pair.substring("refresh_token=".length()), StandardCharsets.UTF_8));
      }
    }
    return null;
  }

  private String authenticated(String authorization) {
    if (authorization == null || !authorization.startsWith("Basic ")) {
      return null;
    }
    String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
    int colon = decoded.indexOf(':');
    String user = colon < 0 ? decoded : decoded.substring(0, colon);
    return colon > 0 && decoded.substring(colon + 1).equals(users.get(user)) ? user : null;
  }

  private String jwt(String subject, String access) {
    try {
      long now = System.currentTimeMillis() / 1000;
      String header = "{\"typ\":\"JWT\",\"alg\":\"RS256\",\"x5c\":[\""
          + Base64.getEncoder().encodeToString(signer.certificate().getEncoded()) + "\"]}";
      String claims = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + subject + "\",\"aud\":\"" + SERVICE + "\","
          + "\"exp\":" + (now + 300) + ",\"nbf\":" + (now - 60) + ",\"iat\":" + now + ",\"jti\":\""
          + UUID.randomUUID() + "\",\"access\":" + access + "}";
      String signed = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "."
          + base64Url(claims.getBytes(StandardCharsets.UTF_8));
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(signer.privateKey());
      rsa.update(signed.getBytes(StandardCharsets.US_ASCII));
      return signed + "." + base64Url(rsa.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String base64Url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static void send(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
