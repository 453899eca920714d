package dev.builder.core.registry;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLSocketFactory;

/**
 * HTTPS through an HTTP proxy, done by builder rather than by the JDK: its sockets connect to the proxy and ask it
 * for a {@code CONNECT} tunnel to the registry, with the proxy's credentials when there are any, and TLS is then laid
 * over the tunnel by {@code tls}, which checks the registry's certificate and host name as for a direct connection.
 *
 * <p>Why not the JDK's own proxying ({@code openConnection(java.net.Proxy)}): for tunnels it refuses Basic proxy
 * authentication unless the JVM-wide property {@code jdk.http.auth.tunneling.disabledSchemes} is changed, and Maven
 * and every other plugin share that JVM. The JDK's {@code HttpsURLConnection} takes a socket from
 * {@link #createSocket()}, connects it to the registry's address (which it makes, unresolved when the name is only
 * known to the proxy), and layers TLS over it with {@link #createSocket(Socket, String, int, boolean)}: this class
 * turns the connect into the tunnel. One instance serves all connections to one proxy with one TLS configuration, so
 * the JDK keeps those connections alive and reuses them as it does direct ones.
 */
final class ProxyTunnel extends SSLSocketFactory {
  private static final int MAX_ANSWER = 64 * 1024;

  private final RegistryProxy proxy;
  private final SSLSocketFactory tls;

  ProxyTunnel(RegistryProxy proxy, SSLSocketFactory tls) {
    this.proxy = proxy;
    this.tls = tls;
  }

  @Override
  public Socket createSocket() {
    return new TunnelSocket(proxy);
  }

  @Override
  public Socket createSocket(Socket tunnel, String host, int port, boolean autoClose) throws IOException {
    return tls.createSocket(tunnel, host, port, autoClose);
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    Socket tunnel = createSocket();
    tunnel.connect(InetSocketAddress.createUnresolved(host, port));
    return createSocket(tunnel, host, port, true);
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    return createSocket(host, port);
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return createSocket(host.getHostAddress(), port);
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return createSocket(address.getHostAddress(), port);
  }

  @Override
  public String[] getDefaultCipherSuites() {
    return tls.getDefaultCipherSuites();
  }

  @Override
  public String[] getSupportedCipherSuites() {
    return tls.getSupportedCipherSuites();
  }

  /** A socket whose connect opens a tunnel through the proxy to the address it is given. */
  private static final class TunnelSocket extends Socket {
    private final RegistryProxy proxy;

    TunnelSocket(RegistryProxy proxy) {
      super(Proxy.NO_PROXY); // never the JVM's SOCKS settings
      this.proxy = proxy;
    }

    @Override
    public void connect(SocketAddress endpoint) throws IOException {
      connect(endpoint, 0);
    }

    @Override
    public void connect(SocketAddress endpoint, int timeoutMillis) throws IOException {
      InetSocketAddress target = (InetSocketAddress) endpoint;
      // the name as the registry's URL gives it, whether or not this machine can resolve it: the proxy resolves it
      String registry = RegistryProxy.authority(target.getHostString(), target.getPort());
      InetSocketAddress proxyAddress = new InetSocketAddress(proxy.host(), proxy.port());
      if (proxyAddress.isUnresolved()) {
        throw new ProxyFailure("the proxy host " + proxy.host() + " is unknown (proxy " + proxy
            + "). Check the proxy's name, or your network and DNS");
      }
      try {
        super.connect(proxyAddress, timeoutMillis);
      } catch (SocketTimeoutException e) {
        throw new ProxyFailure("proxy " + proxy + " did not accept a connection within " + timeoutMillis / 1000
            + " s. Check the proxy's host and port, and that it is running", e);
      } catch (IOException e) {
        throw new ProxyFailure("cannot connect to proxy " + proxy + ": " + e.getMessage()
            + ". Check the proxy's host and port, and that it is running", e);
      }
      try {
        int before = getSoTimeout();
        setSoTimeout(timeoutMillis);
        String statusLine = tunnel(registry);
        setSoTimeout(before);
        int status = status(statusLine);
        if (status == 407) {
          throw new ProxyFailure(proxy.username() == null
              ? "proxy " + proxy + " asks for credentials (HTTP 407) to reach " + registry + ", and none were given."
                  + " Give the proxy's user name and password where the proxy is configured"
              : "proxy " + proxy + " did not accept the credentials of user " + proxy.username() + " (HTTP 407) to"
                  + " reach " + registry + ". Check the proxy's user name and password where the proxy is"
                  + " configured");
        }
        if (status < 200 || status > 299) {
          throw new ProxyFailure("proxy " + proxy + " refused CONNECT to registry " + registry + ": " + statusLine
              + ". Check that the proxy lets you reach " + registry + ", or list the registry among the proxy's"
              + " non-proxy hosts to reach it directly");
        }
      } catch (SocketTimeoutException e) {
        close();
        SocketTimeoutException silent = new SocketTimeoutException(
            "proxy " + proxy + " did not answer CONNECT to " + registry + " within " + timeoutMillis / 1000 + " s");
        silent.initCause(e);
        throw silent;
      } catch (IOException | RuntimeException e) {
        close();
        throw e;
      }
    }

    /** Asks for the tunnel and returns the proxy's status line, having read its whole answer and nothing more. */
    private String tunnel(String registry) throws IOException {
      StringBuilder request = new StringBuilder()
          .append("CONNECT ").append(registry).append(" HTTP/1.1\r\n")
          .append("Host: ").append(registry).append("\r\n");
      proxy.basicAuthorization().ifPresent(value -> request.append("Proxy-Authorization: ").append(value)
          .append("\r\n"));
      request.append("\r\n");
      OutputStream out = getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      // byte by byte: what follows the answer's blank line is the registry's TLS, for the JDK to read
      InputStream in = getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      int matched = 0;
      while (matched < 4) {
        int b = in.read();
        if (b < 0) {
          throw new EOFException("proxy " + proxy + " closed the connection instead of answering CONNECT to "
              + registry);
        }
        if (answer.size() >= MAX_ANSWER) {
          throw new ProxyFailure("proxy " + proxy + " answered CONNECT to " + registry + " with more than "
              + MAX_ANSWER + " bytes of headers");
        }
        answer.write(b);
        matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : b == '\r' ? 1 : 0;
      }
      String text = answer.toString(StandardCharsets.ISO_8859_1);
      return text.substring(0, text.indexOf('\r'));
    }

    private int status(String statusLine) throws ProxyFailure {
      String[] parts = statusLine.split(" ", 3);
      if (parts.length >= 2 && parts[0].startsWith("HTTP/") && parts[1].matches("\\d{3}")) {
        return Integer.parseInt(parts[1]);
      }
      throw new ProxyFailure("proxy " + proxy + " answered CONNECT with '" + statusLine + "', which is not HTTP."
          + " Check that the proxy's host and port are those of an HTTP proxy");
    }
  }
}
