package dev.builder.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the Kubernetes API on loopback, good enough for the real kubectl: fabric8's mock server in CRUD
 * mode keeps the objects, and this answers what kubectl asks before it sends them: the server version, API
 * discovery, and an OpenAPI v3 index that says the server validates fields itself (so kubectl needs no schemas).
 * Only the kinds of {@link #RESOURCES} are known, as on a real server without their CRDs.
 */
final class KubernetesApiStandIn implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Group version, kind, plural. */
  private record Resource(String groupVersion, String kind, String plural) {
    String group() {
      return groupVersion.contains("/") ? groupVersion.substring(0, groupVersion.indexOf('/')) : "";
    }

    String version() {
      return groupVersion.substring(groupVersion.indexOf('/') + 1);
    }

    String path() {
      return group().isEmpty() ? "api/" + groupVersion : "apis/" + groupVersion;
    }
  }

  private static final List<Resource> RESOURCES = List.of(
      new Resource("v1", "Pod", "pods"),
      new Resource("v1", "Service", "services"),
      new Resource("v1", "ConfigMap", "configmaps"),
      new Resource("apps/v1", "Deployment", "deployments"),
      new Resource("batch/v1", "CronJob", "cronjobs"));

  private final KubernetesMockServer server;
  private final List<String> requests = new CopyOnWriteArrayList<>();

  KubernetesApiStandIn() {
    KubernetesCrudDispatcher crud = new KubernetesCrudDispatcher();
    Dispatcher dispatcher = new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        requests.add(request.getMethod() + " " + request.getPath());
        String path = request.getPath().replaceFirst("\\?.*", "");
        String body = discovery(path);
        return body != null
            ? new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json").setBody(body)
            : crud.dispatch(request);
      }
    };
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  /** Writes a kubeconfig whose current context is this server, namespace {@code default}. */
  Path kubeconfig(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, """
        apiVersion: v1
        kind: Config
        clusters:
        - name: stand-in
          cluster:
            server: http://127.0.0.1:%d
        contexts:
        - name: stand-in
          context:
            cluster: stand-in
            user: tester
            namespace: default
        current-context: stand-in
        users:
        - name: tester
          user:
            token: not-a-secret
        """.formatted(server.getPort()));
    return file;
  }

  /** A client of the stand-in, to read back what kubectl left there. */
  KubernetesClient client() {
    return server.createClient();
  }

  /** Every request received, as {@code METHOD /path?query}. */
  List<String> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void close() {
    server.shutdown();
  }

  private static String discovery(String path) {
    ObjectNode body = JSON.createObjectNode();
    switch (path) {
      case "/version" -> body.put("major", "1").put("minor", "32").put("gitVersion", "v1.32.0");
      case "/api" -> body.put("kind", "APIVersions").set("versions", JSON.createArrayNode().add("v1"));
      case "/apis" -> {
        body.put("kind", "APIGroupList").put("apiVersion", "v1");
        ArrayNode groups = body.putArray("groups");
        RESOURCES.stream().filter(r -> !r.group().isEmpty()).map(Resource::groupVersion).distinct().forEach(gv -> {
          ObjectNode version = JSON.createObjectNode().put("groupVersion", gv).put("version", gv.split("/")[1]);
          ObjectNode group = groups.addObject().put("name", gv.split("/")[0]);
          group.putArray("versions").add(version);
          group.set("preferredVersion", version);
        });
      }
      case "/openapi/v3" -> {
        ObjectNode paths = body.putObject("paths");
        RESOURCES.stream().map(Resource::path).distinct()
            .forEach(p -> paths.putObject(p).put("serverRelativeURL", "/openapi/v3/" + p));
      }
      default -> {
        List<Resource> resources = RESOURCES.stream().filter(r -> path.equals("/" + r.path())).toList();
        List<Resource> specs = RESOURCES.stream().filter(r -> path.equals("/openapi/v3/" + r.path())).toList();
        if (!resources.isEmpty()) {
          body.put("kind", "APIResourceList").put("apiVersion", "v1").put("groupVersion", resources.get(0).groupVersion());
          ArrayNode list = body.putArray("resources");
          for (Resource r : resources) {
            list.addObject().put("name", r.plural()).put("singularName", "").put("namespaced", true)
                .put("kind", r.kind()).set("verbs", JSON.valueToTree(
                    List.of("create", "delete", "get", "list", "patch", "update", "watch")));
          }
        } else if (!specs.isEmpty()) {
          // each kind's PATCH takes fieldValidation: kubectl then leaves validation to the server
          body.put("openapi", "3.0.0").putObject("info").put("title", "stand-in").put("version", "v1");
          ObjectNode paths = body.putObject("paths");
          for (Resource r : specs) {
            ObjectNode patch = paths.putObject("/" + r.path() + "/namespaces/{namespace}/" + r.plural() + "/{name}")
                .putObject("patch");
            patch.putObject("x-kubernetes-group-version-kind").put("group", r.group()).put("version", r.version())
                .put("kind", r.kind());
            patch.putArray("parameters").addObject().put("name", "fieldValidation").put("in", "query")
                .putObject("schema").put("type", "string");
          }
        } else {
          return null;
        }
      }
    }
    return body.toString();
  }
}
