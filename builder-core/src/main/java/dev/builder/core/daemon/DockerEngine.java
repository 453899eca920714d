package dev.builder.core.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.builder.core.BuilderException;
import dev.builder.core.image.Digest;
import dev.builder.core.image.Json;
import dev.builder.core.image.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The few Docker Engine API calls builder makes, which Docker and Podman's compatible service both serve: version,
 * inspect, save ({@code GET /images/NAME/get}) and load. Paths carry no API version, so each daemon answers in
 * its own current one. Every failure is a {@link BuilderException} that names the daemon.
 */
public final class DockerEngine {
  /** How long a short call may take; a daemon that is up answers these in milliseconds. */
  static final Duration SHORT = Duration.ofSeconds(30);
  /** How long a daemon may stay silent while it reads or writes an image: unpacking a large layer takes a while. */
  static final Duration LONG = Duration.ofMinutes(10);
  private static final int SMALL_ANSWER = 16 * 1024 * 1024;
  private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._/:@-]+");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final DaemonAddress address;

  DockerEngine(DaemonAddress address) {
    this.address = address;
  }

  public DaemonAddress address() {
    return address;
  }

  /** What {@code GET /version} says: the daemon's platform, its product and its API version. */
  public record Version(Platform platform, String product, String apiVersion) {}

  /** What {@code GET /images/NAME/json} says about an image: its id and the diff ids of its layers, in order. */
  public record ImageInfo(String id, List<Digest> layers, List<String> repoTags) {}

  /** {@code GET /_ping}, with a short wait: the call that tells whether anything answers at all. */
  void ping(Duration timeout) throws IOException {
    try (Http1.Response response = Http1.exchange(address, "GET", "/_ping", null, null, timeout)) {
      byte[] body = response.bytes(1024);
      if (!response.ok()) {
        throw new IOException(
            "GET /_ping answered " + response.status + " " + new String(body, StandardCharsets.UTF_8));
      }
    }
  }

  public Version version() {
    JsonNode node = json("GET", "/version", "asking for its version");
    String os = Json.text(node, "Os");
    String arch = Json.text(node, "Arch");
    if (os == null || arch == null) {
      throw new BuilderException("the daemon at " + address + " names no Os or Arch in GET /version");
    }
    String product = node.path("Components").path(0).path("Name").asText("");
    return new Version(new Platform(os, arch, null), product.isEmpty() ? "Docker Engine" : product,
        Json.text(node, "ApiVersion"));
  }

  /** The image the daemon holds under {@code name} (a reference or an id), or empty when it holds none. */
  public Optional<ImageInfo> inspect(String name) {
    String target = "/images/" + checked(name) + "/json";
    try (Http1.Response response = Http1.exchange(address, "GET", target, null, null, SHORT)) {
      byte[] body = response.bytes(SMALL_ANSWER);
      if (response.status == 404) {
        return Optional.empty();
      }
      if (!response.ok()) {
        throw refused(response, body, "inspecting " + name);
      }
      JsonNode node = Json.parse(body, "the daemon's answer to GET " + target);
      List<Digest> layers = new ArrayList<>();
      for (String layer : Json.strings(node.path("RootFS"), "Layers")) {
        layers.add(Digest.parse(layer));
      }
      return Optional.of(new ImageInfo(Json.text(node, "Id"), layers, Json.strings(node, "RepoTags")));
    } catch (IOException e) {
      throw unreachable(e, "inspecting " + name);
    }
  }

  /** A reader of what the export gives back. */
  @FunctionalInterface
  public interface ArchiveReader<T> {
    T read(InputStream tar) throws IOException;
  }

  /** Streams {@code GET /images/NAME/get}, the daemon's {@code docker save} archive of one image, to {@code reader}. */
  public <T> T export(String name, ArchiveReader<T> reader) {
    String target = "/images/" + checked(name) + "/get";
    try (Http1.Response response = Http1.exchange(address, "GET", target, null, null, LONG)) {
      if (!response.ok()) {
        throw refused(response, response.bytes(SMALL_ANSWER), "exporting " + name);
      }
      return reader.read(response.body);
    } catch (IOException e) {
      throw unreachable(e, "exporting " + name);
    }
  }

  /**
   * {@code POST /images/load} with the archive {@code tar} writes, streamed in chunks. Returns what the daemon said
   * it loaded; an error it reports, before or in its stream of messages, is a {@link BuilderException}.
   */
  List<String> load(Http1.Body tar) {
    try (Http1.Response response =
        Http1.exchange(address, "POST", "/images/load?quiet=1", "application/x-tar", tar, LONG)) {
      byte[] body = response.bytes(SMALL_ANSWER);
      if (!response.ok()) {
        throw refused(response, body, "loading the image");
      }
      List<String> messages = new ArrayList<>();
      try (MappingIterator<JsonNode> stream = MAPPER.readerFor(JsonNode.class).readValues(body)) {
        while (stream.hasNextValue()) {
          JsonNode message = stream.nextValue();
          String error = message.path("errorDetail").path("message").asText(message.path("error").asText(""));
          if (!error.isEmpty()) {
            throw new BuilderException("the daemon at " + address + " could not load the image: " + error);
          }
          String text = message.path("stream").asText("").trim();
          if (!text.isEmpty()) {
            messages.add(text);
          }
        }
      }
      return messages;
    } catch (IOException e) {
      throw unreachable(e, "loading the image");
    }
  }

  private JsonNode json(String method, String target, String doing) {
    try (Http1.Response response = Http1.exchange(address, method, target, null, null, SHORT)) {
      byte[] body = response.bytes(SMALL_ANSWER);
      if (!response.ok()) {
        throw refused(response, body, doing);
      }
      return Json.parse(body, "the daemon's answer to " + method + " " + target);
    } catch (IOException e) {
      throw unreachable(e, doing);
    }
  }

  private String checked(String name) {
    if (!SAFE_NAME.matcher(name).matches()) {
      throw new BuilderException("'" + name + "' is not an image name or id that the daemon at " + address
          + " can be asked for; write NAME[:TAG] or NAME@sha256:DIGEST");
    }
    return name;
  }

  /** The daemon answered, and said no: its own message says why (Docker's {@code message}, Podman's too). */
  private BuilderException refused(Http1.Response response, byte[] body, String doing) {
    String message = new String(body, StandardCharsets.UTF_8).trim();
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node != null && node.hasNonNull("message")) {
        message = node.get("message").asText();
      }
    } catch (IOException notJson) {
      // the body as text says it well enough
    }
    return new BuilderException("the daemon at " + address + " refused " + doing + " (HTTP " + response.status + "): "
        + message);
  }

  private BuilderException unreachable(IOException e, String doing) {
    return new BuilderException("lost the daemon at " + address + " while " + doing + ": " + e.getMessage()
        + ". Check that it still runs and that DOCKER_HOST points at it.", e);
  }
}
