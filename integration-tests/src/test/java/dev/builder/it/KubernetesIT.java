package dev.builder.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builder.testing.ImageRun;
import dev.builder.testing.RegistryExtension;
import dev.builder.testing.RegistryServer;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The k8s-shop reactor: YAML in the root's src/main/k8s names two app modules with builder:// (one of them twice),
 * and a module's own folder names itself with builder://. . Resolve, then apply and delete through the real kubectl
 * against a stand-in of the Kubernetes API on loopback.
 */
@Tag("maven")
@Tag("registry")
@Tag("root")
@Tag("kubectl")
@ExtendWith(RegistryExtension.class)
class KubernetesIT {
  private static String base;
  private static String repository;

  @BeforeAll
  static void pushBase(RegistryServer registry) throws Exception {
    base = Fixtures.pushBase(registry);
    repository = registry.host() + "/shop";
  }

  private static Maven.Result mvn(Path shop, Map<String, String> environment, String... goals) throws Exception {
    List<String> args = new ArrayList<>(List.of(goals));
    args.add("-Dbuilder.repository=" + repository);
    args.add("-Dbuilder.from=" + base);
    return new Maven(shop.getParent()).run(shop, environment, args.toArray(String[]::new));
  }

  /** {@code name@sha256:...} of what the module pushed, checked against what the registry serves for its tag. */
  private static String pushed(Path module) throws Exception {
    JsonNode json = Images.imageJson(module);
    assertThat(json.get("pushed").asBoolean()).isTrue();
    String name = json.get("image").asText();
    assertThat(ImageRun.pull(name + ":1.0.0", module.resolve("target/pull-cache")).digest().toString())
        .isEqualTo(json.get("digest").asText());
    return json.get("reference").asText();
  }

  private static long pushes(Maven.Result result, String module) {
    return result.output().lines().filter(l -> l.contains("builder: pushed " + repository + "/" + module + " ")).count();
  }

  static List<Object> documents(String yaml) {
    List<Object> documents = new ArrayList<>();
    new Load(LoadSettings.builder().build()).loadAllFromString(yaml).forEach(documents::add);
    return documents;
  }

  @Test
  void resolveReplacesEachReferenceWithTheDigestPushedAndNothingElse() throws Exception {
    Path shop = Maven.sample("k8s-shop", "k8s-resolve");
    Maven.Result result = mvn(shop, Map.of(), "package", "builder:resolve").succeeded();

    String api = pushed(shop.resolve("orders-api"));
    String report = pushed(shop.resolve("orders-report"));
    assertThat(api).startsWith(repository + "/orders-api@sha256:");

    String orders = Files.readString(shop.resolve("src/main/k8s/orders.yaml"));
    String resolvedOrders = Files.readString(shop.resolve("target/builder/k8s/orders.yaml"));
    assertThat(resolvedOrders).isEqualTo(orders
        .replace("builder://com.example.shop:orders-api", api)
        .replace("builder://orders-api", api));
    String jobs = Files.readString(shop.resolve("src/main/k8s/jobs/report.yaml"));
    String resolvedJobs = Files.readString(shop.resolve("target/builder/k8s/jobs/report.yaml"));
    assertThat(resolvedJobs).isEqualTo(jobs.replace("builder://orders-report", report));
    String debug = Files.readString(shop.resolve("orders-report/src/main/k8s/debug.yaml"));
    assertThat(shop.resolve("orders-report/target/builder/k8s/debug.yaml")).hasContent(
        debug.replace("image: builder://.", "image: " + report));

    assertThat(documents(resolvedOrders)).hasSize(2).hasSameSizeAs(documents(orders));
    assertThat(documents(resolvedJobs)).hasSize(2).hasSameSizeAs(documents(jobs));
    assertThat(debug).contains("by hand; builder://. is the module"); // a comment: not a reference
    assertThat(resolvedOrders).contains("# keep in step with the Service's selector", "\"" + api + "\"");
    assertThat(resolvedJobs).contains("'" + report + "'", "name: report-settings   # no image: left exactly as it is");

    // orders-api is named twice and orders-report by two folders: one push each; the library is never pushed
    assertThat(pushes(result, "orders-api")).isEqualTo(1);
    assertThat(pushes(result, "orders-report")).isEqualTo(1);
    assertThat(shop.resolve("shop-lib/target/builder/image.json")).doesNotExist();
  }

  @Test
  void aSelectorKeepsTheMatchingDocumentsAndOnlyTheirModulesArePushed() throws Exception {
    Path shop = Maven.sample("k8s-shop", "k8s-selector");
    Maven.Result result = mvn(shop, Map.of(), "package", "builder:resolve", "-Dbuilder.k8s.selector=app=orders",
        "-Dbuilder.k8s.tagOnly=true").succeeded();

    String orders = Files.readString(shop.resolve("src/main/k8s/orders.yaml"));
    assertThat(shop.resolve("target/builder/k8s/orders.yaml")).hasContent(orders
        .replace("builder://com.example.shop:orders-api", repository + "/orders-api:1.0.0")
        .replace("builder://orders-api", repository + "/orders-api:1.0.0"));
    assertThat(shop.resolve("target/builder/k8s/jobs")).doesNotExist();
    assertThat(shop.resolve("orders-report/target/builder/k8s/debug.yaml")).doesNotExist();
    assertThat(pushes(result, "orders-api")).isEqualTo(1);
    assertThat(pushes(result, "orders-report")).isZero();
  }

  @Test
  void applyThenDeleteThroughTheRealKubectl() throws Exception {
    assertThat(Images.tool("kubectl", "version", "--client")).as("the real kubectl, 1.27 or later").contains("Client");
    Path shop = Maven.sample("k8s-shop", "k8s-apply");
    try (KubernetesApiStandIn cluster = new KubernetesApiStandIn();
        KubernetesClient client = cluster.client()) {
      Map<String, String> env = Map.of("KUBECONFIG", cluster.kubeconfig(shop.resolveSibling("k8s-apply-kube/config"))
          .toString());
      Maven.Result applied = mvn(shop, env, "package", "builder:apply", "-Dbuilder.kubectl.args=--namespace=shop")
          .succeeded();
      assertThat(applied.output()).contains("deployment.apps/orders-api created", "service/orders-api created",
          "cronjob.batch/orders-report created", "configmap/report-settings created",
          "pod/orders-report-debug created");

      String api = pushed(shop.resolve("orders-api"));
      String report = pushed(shop.resolve("orders-report"));
      Deployment deployment = client.apps().deployments().inNamespace("shop").withName("orders-api").get();
      assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
      assertThat(deployment.getSpec().getTemplate().getSpec().getContainers()).extracting(Container::getImage)
          .containsExactly(api);
      assertThat(deployment.getSpec().getTemplate().getSpec().getInitContainers()).extracting(Container::getImage)
          .containsExactly(api);
      assertThat(client.services().inNamespace("shop").withName("orders-api").get().getSpec().getPorts())
          .singleElement().satisfies(p -> assertThat(p.getPort()).isEqualTo(80));
      assertThat(client.batch().v1().cronjobs().inNamespace("shop").withName("orders-report").get().getSpec()
          .getJobTemplate().getSpec().getTemplate().getSpec().getContainers()).extracting(Container::getImage)
          .containsExactly(report);
      assertThat(client.configMaps().inNamespace("shop").withName("report-settings").get().getData())
          .containsEntry("hour", "3");
      assertThat(client.pods().inNamespace("shop").withName("orders-report-debug").get().getSpec().getContainers())
          .extracting(Container::getImage).containsExactly(report);
      assertThat(cluster.requests()).anyMatch(r -> r.startsWith("POST /apis/apps/v1/namespaces/shop/deployments"));

      mvn(shop, env, "package", "builder:delete", "-Dbuilder.kubectl.args=--namespace=shop").succeeded();
      assertThat(client.apps().deployments().inNamespace("shop").withName("orders-api").get()).isNull();
      assertThat(client.services().inNamespace("shop").withName("orders-api").get()).isNull();
      assertThat(client.batch().v1().cronjobs().inNamespace("shop").withName("orders-report").get()).isNull();
      assertThat(client.configMaps().inNamespace("shop").withName("report-settings").get()).isNull();
      assertThat(client.pods().inNamespace("shop").withName("orders-report-debug").get()).isNull();
    }
  }

  @Test
  void aKubectlFailureIsTheBuildFailureWithKubectlsOwnMessage() throws Exception {
    Path shop = Maven.sample("k8s-shop", "k8s-no-cluster");
    Path kubeconfig = shop.resolveSibling("k8s-no-cluster-kube/config");
    Files.createDirectories(kubeconfig.getParent());
    // port 1 on loopback: nothing listens there, every connection is refused
    Files.writeString(kubeconfig, """
        apiVersion: v1
        kind: Config
        clusters:
        - {name: nowhere, cluster: {server: "http://127.0.0.1:1"}}
        contexts:
        - {name: nowhere, context: {cluster: nowhere, user: nobody}}
        current-context: nowhere
        users:
        - {name: nobody, user: {token: not-a-secret}}
        """);
    Maven.Result result = mvn(shop, Map.of("KUBECONFIG", kubeconfig.toString()), "package", "builder:apply",
        "-Dbuilder.k8s.selector=app=orders").failed();
    assertThat(failure(result)).contains("builder: kubectl apply -f - failed (exit 1): ")
        .contains("127.0.0.1:1").contains("connection refused");
  }

  @Test
  void aReferenceToAModuleOutsideTheReactorNamesTheFileAndLine() throws Exception {
    Path file = Maven.sample("k8s-shop", "k8s-unknown-module").resolve("src/main/k8s/payments.yaml");
    assertThat(resolveFails(file, "apiVersion: v1\nkind: Pod\nmetadata: {name: payments}\nspec:\n  containers:\n"
        + "  - {name: payments, image: builder://payments}\n"))
        .contains("builder: builder://payments at " + file + ":6: no module payments in this reactor (its modules:"
            + " shop, shop-lib, orders-api, orders-report)");
  }

  @Test
  void aReferenceToALibraryNamesTheFileAndLine() throws Exception {
    Path file = Maven.sample("k8s-shop", "k8s-library").resolve("src/main/k8s/lib.yaml");
    assertThat(resolveFails(file, "# a library has no image\napiVersion: v1\nkind: Pod\nmetadata: {name: lib}\n"
        + "spec:\n  containers:\n  - name: lib\n    image: builder://shop-lib\n"))
        .contains("builder: builder://shop-lib at " + file + ":8 names shop-lib, which gets no image: it has no main"
            + " class (a library)");
  }

  /** Adds {@code file} to the sample it lies in, runs resolve, and returns the one failure line. */
  private static String resolveFails(Path file, String yaml) throws Exception {
    Files.writeString(file, yaml);
    Path shop = file.getParent().getParent().getParent().getParent();
    return failure(mvn(shop, Map.of(), "package", "builder:resolve").failed());
  }

  private static String failure(Maven.Result result) {
    List<String> failures = result.output().lines().filter(l -> l.startsWith("[ERROR] Failed to execute goal")).toList();
    assertThat(failures).hasSize(1);
    return failures.get(0);
  }
}
