package dev.builder.core.registry;

import dev.builder.core.Setting;
import dev.builder.core.BuilderException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS context for registries with a private CA: it trusts everything the JVM trusts (its own trust store, or the
 * one {@code -Djavax.net.ssl.trustStore} names) plus the CA certificates of some PEM files, and presents the client
 * certificate that {@code -Djavax.net.ssl.keyStore} names, as the JVM's default context does. It is a new context:
 * the JVM's default is never changed.
 */
public final class TrustedCertificates {
  private TrustedCertificates() {}

  /** The CA certificates in a PEM file (one or more {@code -----BEGIN CERTIFICATE-----} blocks). */
  public static List<X509Certificate> read(Path pemFile) {
    if (!Files.isRegularFile(pemFile)) {
      throw new BuilderException("CA certificate file " + pemFile + " does not exist; " + Setting.CA_CERTIFICATES.mention()
          + " lists PEM"
          + " files of the CAs that signed your registries' certificates");
    }
    try (InputStream in = Files.newInputStream(pemFile)) {
      Collection<? extends Certificate> read = CertificateFactory.getInstance("X.509").generateCertificates(in);
      List<X509Certificate> certificates = new ArrayList<>();
      for (Certificate certificate : read) {
        certificates.add((X509Certificate) certificate);
      }
      if (certificates.isEmpty()) {
        throw new BuilderException(pemFile + " holds no certificate; write the CA certificate in PEM"
            + " (-----BEGIN CERTIFICATE-----)");
      }
      return certificates;
    } catch (CertificateException e) {
      throw new BuilderException(pemFile + " is not a PEM certificate file: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new BuilderException("cannot read CA certificate file " + pemFile + ": " + e.getMessage(), e);
    }
  }

  /** A context that trusts the JVM's CAs and the ones in {@code pemFiles}. */
  public static SSLContext context(List<Path> pemFiles) {
    try {
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trustAnchors(pemFiles));
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(jvmKeyManagers(), trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot set up TLS with the JVM's trust store and " + pemFiles, e);
    }
  }

  /**
   * The JVM's trust anchors and the given CAs in one store. One store, rather than a trust manager that asks two in
   * turn, keeps certificate path building to the JDK's own PKIX code.
   */
  static KeyStore trustAnchors(List<Path> pemFiles) throws GeneralSecurityException, IOException {
    KeyStore anchors = KeyStore.getInstance("PKCS12");
    anchors.load(null, null);
    int n = 0;
    for (X509Certificate jvm : jvmTrustManager().getAcceptedIssuers()) {
      anchors.setCertificateEntry("jvm-" + n++, jvm);
    }
    for (Path file : pemFiles) {
      for (X509Certificate extra : read(file)) {
        anchors.setCertificateEntry("extra-" + n++, extra);
      }
    }
    return anchors;
  }

  static X509Certificate[] jvmAnchors() throws GeneralSecurityException {
    return jvmTrustManager().getAcceptedIssuers();
  }

  private static X509TrustManager jvmTrustManager() throws GeneralSecurityException {
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init((KeyStore) null); // null: the JVM's trust store, honouring -Djavax.net.ssl.trustStore
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new IllegalStateException("the JVM has no X.509 trust manager");
  }

  /**
   * The client certificate of {@code -Djavax.net.ssl.keyStore}, read the way the JVM's default context reads it, so
   * that registries that ask for a client certificate (jib-core supports them) still get one.
   */
  private static KeyManager[] jvmKeyManagers() throws GeneralSecurityException, IOException {
    String file = System.getProperty("javax.net.ssl.keyStore");
    if (file == null || file.isEmpty() || file.equals("NONE")) {
      return null;
    }
    String type = System.getProperty("javax.net.ssl.keyStoreType", KeyStore.getDefaultType());
    String password = System.getProperty("javax.net.ssl.keyStorePassword", "");
    KeyStore store = KeyStore.getInstance(type);
    try (InputStream in = Files.newInputStream(Path.of(file))) {
      store.load(in, password.toCharArray());
    }
    KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(store, password.toCharArray());
    return factory.getKeyManagers();
  }
}
