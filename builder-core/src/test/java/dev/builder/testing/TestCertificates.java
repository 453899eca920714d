package dev.builder.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A private CA made for one test run, and a server certificate it signed for 127.0.0.1, localhost and any extra DNS
 * names, in the PEM files a registry reads. Made with the JDK's keytool, so tests need no openssl; the server key is
 * written as PKCS#8 PEM from the keystore keytool made.
 *
 * @param caCertificate the CA's certificate (PEM), what a client must trust
 * @param serverCertificate the server's certificate (PEM), signed by the CA
 * @param serverKey the server's private key (PKCS#8 PEM)
 */
public record TestCertificates(Path caCertificate, Path serverCertificate, Path serverKey) {
  private static final String PASSWORD = "changeit";

  /** Makes a CA and a server certificate for 127.0.0.1, localhost and {@code dnsNames} in {@code directory}. */
  public static TestCertificates create(Path directory, String... dnsNames) {
    StringBuilder names = new StringBuilder("ip:127.0.0.1,dns:localhost");
    for (String name : dnsNames) {
      names.append(",dns:").append(name);
    }
    return issue(directory, names.toString());
  }

  /** As {@link #create}, for a server certificate that names {@code dnsName} only, not this machine. */
  public static TestCertificates forAnotherHost(Path directory, String dnsName) {
    return issue(directory, "dns:" + dnsName);
  }

  private static TestCertificates issue(Path directory, String names) {
    try {
      Files.createDirectories(directory);
      Path caStore = directory.resolve("ca.p12");
      Path serverStore = directory.resolve("server.p12");
      Path request = directory.resolve("server.csr");
      Path ca = directory.resolve("ca.pem");
      Path server = directory.resolve("server.pem");
      Path key = directory.resolve("server.key");
      for (Path stale : List.of(caStore, serverStore, request, ca, server, key)) {
        Files.deleteIfExists(stale);
      }
      keytool("-genkeypair", "-keystore", caStore.toString(), "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048",
          "-dname", "CN=builder test CA", "-ext", "bc:c", "-validity", "30");
      keytool("-exportcert", "-keystore", caStore.toString(), "-alias", "ca", "-rfc", "-file", ca.toString());
      keytool("-genkeypair", "-keystore", serverStore.toString(), "-alias", "server", "-keyalg", "RSA", "-keysize",
          "2048", "-dname", "CN=localhost", "-validity", "30");
      keytool("-certreq", "-keystore", serverStore.toString(), "-alias", "server", "-file", request.toString());
      keytool("-gencert", "-keystore", caStore.toString(), "-alias", "ca", "-infile", request.toString(), "-outfile",
          server.toString(), "-rfc", "-validity", "30", "-ext", "SAN=" + names, "-ext", "EKU=serverAuth", "-ext",
          "KU=digitalSignature,keyEncipherment");
      writePem(key, "PRIVATE KEY", privateKey(serverStore, "server").getEncoded());
      return new TestCertificates(ca, server, key);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A self-signed key pair for signing tokens: its certificate (PEM) and its private key. */
  public static SigningKey signingKey(Path directory) {
    try {
      Files.createDirectories(directory);
      Path store = directory.resolve("signer.p12");
      Path certificate = directory.resolve("signer.pem");
      Files.deleteIfExists(store);
      Files.deleteIfExists(certificate);
      keytool("-genkeypair", "-keystore", store.toString(), "-alias", "signer", "-keyalg", "RSA", "-keysize", "2048",
          "-dname", "CN=builder test token signer", "-validity", "30");
      keytool("-exportcert", "-keystore", store.toString(), "-alias", "signer", "-rfc", "-file",
          certificate.toString());
      return new SigningKey(certificate, privateKey(store, "signer"), read(certificate).get(0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A key that signs tokens, and the certificate a registry checks them with. */
  public record SigningKey(Path certificatePem, PrivateKey privateKey, X509Certificate certificate) {}

  /** A client context that trusts this CA only, for fixtures that talk to the registry directly. */
  public SSLContext clientContext() {
    try {
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      trusted.setCertificateEntry("ca", read(caCertificate).get(0));
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A server context that presents this server certificate, for fixtures that serve TLS themselves. */
  public SSLContext serverContext() {
    try {
      String pem = Files.readString(serverKey).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
      PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("server", key, PASSWORD.toCharArray(), new Certificate[] {
          read(serverCertificate).get(0), read(caCertificate).get(0)});
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, PASSWORD.toCharArray());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<X509Certificate> read(Path pem) throws IOException {
    try (InputStream in = Files.newInputStream(pem)) {
      List<X509Certificate> certificates = new ArrayList<>();
      CertificateFactory.getInstance("X.509").generateCertificates(in)
          .forEach(c -> certificates.add((X509Certificate) c));
      return certificates;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static PrivateKey privateKey(Path store, String alias) throws IOException {
    try (InputStream in = Files.newInputStream(store)) {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(in, PASSWORD.toCharArray());
      return (PrivateKey) keys.getKey(alias, PASSWORD.toCharArray());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void writePem(Path file, String type, byte[] der) throws IOException {
    String base64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
    Files.writeString(file, "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n");
  }

  private static void keytool(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    command.addAll(List.of("-storepass", PASSWORD, "-storetype", "PKCS12", "-noprompt"));
    if (args[0].equals("-genkeypair")) {
      command.addAll(List.of("-keypass", PASSWORD));
    }
    Commands.run(command);
  }
}
