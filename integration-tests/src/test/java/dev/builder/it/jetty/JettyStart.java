package dev.builder.it.jetty;

import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The start command of the test's Jetty base image, standing in for the official image's {@code java -jar start.jar}:
 * it serves {@code $JETTY_BASE/webapps/ROOT} at {@code /}, as the official image's deployer does, on {@code PORT}.
 */
public final class JettyStart {
  private JettyStart() {}

  public static void main(String[] args) throws Exception {
    Server server = new Server();
    ServerConnector http = new ServerConnector(server);
    http.setPort(Integer.parseInt(System.getenv().getOrDefault("PORT", "8080")));
    server.addConnector(http);
    WebAppContext root = new WebAppContext();
    root.setContextPath("/");
    root.setWar(System.getenv().getOrDefault("JETTY_BASE", "/var/lib/jetty") + "/webapps/ROOT");
    server.setHandler(root);
    server.start();
    server.join();
  }
}
