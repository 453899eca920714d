package com.example.hello;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** Says hello with the greeting a JVM flag (or the base's entrypoint) gives it. */
public class Hello {
  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
    String greeting = System.getProperty("greeting", "Hello");
    // only a jar's manifest gives one: with containerizingMode packaged
    String version = Hello.class.getPackage().getImplementationVersion();
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext("/", exchange -> {
      byte[] body = (greeting + ", " + exchange.getRequestURI().getPath().substring(1) + "!"
          + (version == null ? "" : " (" + version + ")"))
          .getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    System.out.println("listening on " + port);
  }
}
