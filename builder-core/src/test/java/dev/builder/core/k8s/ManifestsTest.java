package dev.builder.core.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.builder.core.BuilderException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

@Tag("kubectl")
class ManifestsTest {
  @TempDir Path dir;

  static final String ORDERS = """
      # The orders API: two replicas behind one service.
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: orders   # the API
        labels: {app: orders, tier: "api"}
      spec:
        template:
          spec:
            initContainers:
            - name: migrate
              image: 'builder://com.example.shop:orders-api'
            containers:
            - name: api
              image: builder://orders-api  # replaced by a digest
              args: ["--greeting", 'builder://is not a reference when it is not the whole string']
      ---
      # the service keeps its comment
      apiVersion: v1
      kind: Service
      metadata:
        name: orders
        labels:
          app: orders
      spec:
        ports:
        - {port: 80, targetPort: 8080}
      """.replace("'builder://is not a reference when it is not the whole string'", "'see builder://x'");

  static final String REPORT = """
      apiVersion: batch/v1
      kind: CronJob
      metadata:
        name: report
        labels:
          app: report
      spec:
        schedule: "0 3 * * *"
        jobTemplate:
          spec:
            template:
              spec:
                containers:
                - name: report
                  image: "builder://orders-report"
      ...
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: report-settings}
      data: {hour: "3"}
      """;

  private Path write(String name, String text) throws Exception {
    Path file = dir.resolve("k8s").resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  @Test
  void findsEveryReferenceWithItsFileLineAndColumn() throws Exception {
    Path orders = write("orders.yaml", ORDERS);
    Path report = write("jobs/report.yml", REPORT);
    write("notes.txt", "image: builder://not-read");

    Manifests manifests = Manifests.read(dir.resolve("k8s"));

    assertThat(manifests.files()).extracting(f -> f.relativePath().toString())
        .containsExactly("jobs/report.yml", "orders.yaml");
    assertThat(manifests.references()).containsExactly(
        new Reference(new ModuleReference(null, "orders-report"), report, 15, 21, REPORT.indexOf("builder://")),
        new Reference(new ModuleReference("com.example.shop", "orders-api"), orders, 12, 17,
            ORDERS.indexOf("builder://com")),
        new Reference(new ModuleReference(null, "orders-api"), orders, 15, 16, ORDERS.indexOf("builder://orders-api")));
    assertThat(manifests.references().get(1).location()).isEqualTo(orders + ":12");
    assertThat(manifests.objectCount()).isEqualTo(4);
  }

  @Test
  void resolvingChangesNothingButTheReferences() throws Exception {
    write("orders.yaml", ORDERS);
    write("jobs/report.yml", REPORT);
    String digest = "sha256:" + "ab".repeat(32);

    Manifests resolved = Manifests.read(dir.resolve("k8s"))
        .resolve(r -> "127.0.0.1:5000/shop/" + r.module().artifactId() + "@" + digest);
    resolved.write(dir.resolve("out"));

    String orders = Files.readString(dir.resolve("out/orders.yaml"));
    assertThat(orders).isEqualTo(ORDERS
        .replace("builder://com.example.shop:orders-api", "127.0.0.1:5000/shop/orders-api@" + digest)
        .replace("builder://orders-api", "127.0.0.1:5000/shop/orders-api@" + digest));
    assertThat(Files.readString(dir.resolve("out/jobs/report.yml")))
        .isEqualTo(REPORT.replace("builder://orders-report", "127.0.0.1:5000/shop/orders-report@" + digest));
    assertThat(resolved.references()).isEmpty();
    assertThat(documents(orders)).hasSize(2);
    Map<?, ?> deployment = (Map<?, ?>) documents(orders).get(0);
    assertThat(deployment.toString()).contains("image=127.0.0.1:5000/shop/orders-api@" + digest)
        .contains("args=[--greeting, see builder://x]");
  }

  @Test
  void keepsWindowsLineEndsAndTextBeyondTheBasicPlane() throws Exception {
    String text = "# caf\u00e9 \uD83D\uDE80\r\nkind: Pod\r\nmetadata: {name: \"\uD83D\uDE80\", labels: {app: a}}\r\n"
        + "spec: {containers: [{name: a, image: builder://app}]}\r\n";
    write("pod.yaml", text);

    Manifests manifests = Manifests.read(dir.resolve("k8s"));
    assertThat(manifests.references()).singleElement()
        .satisfies(r -> assertThat(r.line()).isEqualTo(4))
        .satisfies(r -> assertThat(r.column()).isEqualTo(38));
    String resolved = manifests.resolve(r -> "app:1").files().get(0).text();
    assertThat(resolved).isEqualTo(text.replace("builder://app", "app:1"));
  }

  @Test
  void readsJsonFilesAndOneFileGivenByName() throws Exception {
    Path json = write("pod.json", "{\n\t\"kind\": \"Pod\",\n\t\"spec\": {\"containers\": [{\"image\": \"builder://.\"}]}\n}\n");

    Manifests manifests = Manifests.read(json);
    assertThat(manifests.references()).singleElement()
        .satisfies(r -> assertThat(r.module().isCurrentModule()).isTrue())
        .satisfies(r -> assertThat(r.location()).isEqualTo(json + ":3"));
    assertThat(manifests.resolve(r -> "x@sha256:1").files().get(0).text()).contains("[{\"image\": \"x@sha256:1\"}]");
    // a stream that starts with JSON is read by kubectl as JSON only: the Source comment keeps it YAML
    assertThat(manifests.stream()).startsWith("# Source: pod.json\n{");
  }

  @Test
  void aSelectorCutsWholeDocumentsAndLeavesTheRestAsItWas() throws Exception {
    write("orders.yaml", ORDERS);
    write("jobs/report.yml", REPORT);
    Manifests manifests = Manifests.read(dir.resolve("k8s"));

    Manifests api = manifests.select(LabelSelector.parse("app=orders,tier=api"));
    assertThat(api.files()).singleElement().satisfies(f -> {
      assertThat(f.text()).isEqualTo(ORDERS.substring(0, ORDERS.indexOf("---")));
      assertThat(f.references()).hasSize(2);
    });

    Manifests notOrders = manifests.select(LabelSelector.parse("app!=orders"));
    assertThat(notOrders.files()).singleElement().satisfies(f -> assertThat(f.text()).isEqualTo(REPORT));
    assertThat(notOrders.references()).extracting(r -> r.module().artifactId()).containsExactly("orders-report");

    Manifests service = manifests.select(LabelSelector.parse("app in (orders),!tier"));
    assertThat(service.files()).singleElement()
        .satisfies(f -> assertThat(f.text()).isEqualTo(ORDERS.substring(ORDERS.indexOf("---"))))
        .satisfies(f -> assertThat(f.references()).isEmpty());
    assertThat(documents(service.files().get(0).text())).hasSize(1);

    assertThat(manifests.select(LabelSelector.parse("app=nothing")).isEmpty()).isTrue();
  }

  @Test
  void referencesLeftByASelectorKeepTheirLineInTheFile() throws Exception {
    Path orders = write("orders.yaml", ORDERS);
    String both = ORDERS.substring(ORDERS.indexOf("---")) + "---\n" + ORDERS.substring(0, ORDERS.indexOf("---"));
    Path reversed = write("reversed.yaml", both);
    int serviceLines = (int) ORDERS.substring(ORDERS.indexOf("---")).lines().count() + 1;

    Manifests api = Manifests.read(dir.resolve("k8s")).select(LabelSelector.parse("tier=api"));

    assertThat(api.references()).extracting(Reference::location).containsExactly(
        orders + ":12", orders + ":15", reversed + ":" + (12 + serviceLines), reversed + ":" + (15 + serviceLines));
  }

  @Test
  void filesLargerThanTheParsersDefaultLimitAreRead() throws Exception {
    // CRD bundles run past the 3 MiB a YAML parser takes by default; kubectl applies them
    StringBuilder big = new StringBuilder("kind: CustomResourceDefinition\nspec:\n");
    int lines = 2;
    while (big.length() < 3 * 1024 * 1024 + 64 * 1024) {
      big.append("  field").append(lines).append(": {type: string, description: a field of the resource}\n");
      lines++;
    }
    big.append("---\nkind: Pod\nspec: {containers: [{image: builder://app}]}\n");
    Path file = write("bundle.yaml", big.toString());
    String podLine = file + ":" + (lines + 3);

    assertThat(Manifests.read(dir.resolve("k8s")).references()).singleElement()
        .satisfies(r -> assertThat(r.location()).isEqualTo(podLine));
  }

  @Test
  void aFileOverTheLimitIsRefusedAsTooLargeNotAsInvalid() throws Exception {
    Path file = write("huge.yaml", "");
    try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
      sparse.setLength(Manifests.MAX_FILE_BYTES + 1);
    }
    assertThatThrownBy(() -> Manifests.read(dir.resolve("k8s")))
        .isInstanceOf(BuilderException.class)
        .hasMessage(file + ": " + (Manifests.MAX_FILE_BYTES + 1) + " bytes, over the limit of 64 MiB that builder"
            + " reads of one Kubernetes file; split it into several files");
  }

  @Test
  void theStreamForKubectlHoldsEveryDocumentOfEveryFile() throws Exception {
    write("orders.yaml", ORDERS);
    write("jobs/report.yml", REPORT);
    String stream = Manifests.read(dir.resolve("k8s")).stream();

    assertThat(stream).startsWith("# Source: jobs/report.yml\n").contains("---\n# Source: orders.yaml\n");
    assertThat(documents(stream)).filteredOn(d -> d != null).hasSize(4);
  }

  @Test
  void aMissingFolderHasNoFiles() {
    assertThat(Manifests.read(dir.resolve("none")).isEmpty()).isTrue();
  }

  @Test
  void invalidYamlNamesTheFileAndLine() throws Exception {
    Path bad = write("bad.yaml", "kind: Pod\nmetadata:\n  name: [unclosed\n");
    assertThatThrownBy(() -> Manifests.read(dir.resolve("k8s")))
        .isInstanceOf(BuilderException.class)
        .hasMessageStartingWith(bad + ":4: not valid YAML: ");
  }

  @Test
  void aMalformedReferenceNamesTheFileAndLine() throws Exception {
    Path bad = write("bad.yaml", "kind: Pod\nspec:\n  containers:\n  - image: builder://a:b:c\n");
    assertThatThrownBy(() -> Manifests.read(dir.resolve("k8s")))
        .isInstanceOf(BuilderException.class)
        .hasMessage(bad + ":4: 'builder://a:b:c' is not a module reference; write builder://ARTIFACT_ID,"
            + " builder://GROUP_ID:ARTIFACT_ID or builder://.");
  }

  @Test
  void aReferenceThatCannotBeReplacedInPlaceIsAnError() throws Exception {
    Path bad = write("bad.yaml", "kind: Pod\nimage: \"builder:\\/\\/app\"\n");
    assertThatThrownBy(() -> Manifests.read(dir.resolve("k8s")))
        .isInstanceOf(BuilderException.class)
        .hasMessage(bad + ":2: write builder://app on one line, plain or in quotes, without escapes, so that"
            + " builder can replace it");
  }

  @Test
  void aliasesOfAReferenceAreOneReference() throws Exception {
    write("a.yaml", "kind: Pod\nx: &img builder://app\ny: *img\n");
    assertThat(Manifests.read(dir.resolve("k8s")).references()).hasSize(1);
  }

  @Test
  void writingRemovesWhatAnEarlierRunLeft() throws Exception {
    write("a.yaml", "kind: Pod\n");
    Path out = dir.resolve("out");
    Files.createDirectories(out);
    Files.writeString(out.resolve("stale.yaml"), "kind: Old\n");
    Manifests.read(dir.resolve("k8s")).write(out);
    try (var files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("a.yaml");
    }
  }

  @Test
  void notUtf8IsAnError() throws Exception {
    Path file = dir.resolve("k8s/latin1.yaml");
    Files.createDirectories(file.getParent());
    Files.write(file, "name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> Manifests.read(dir.resolve("k8s"))).hasMessage(file + ": not UTF-8 text; Kubernetes"
        + " files must be UTF-8");
  }

  static List<Object> documents(String yaml) {
    List<Object> documents = new ArrayList<>();
    new Load(LoadSettings.builder().build()).loadAllFromString(yaml).forEach(documents::add);
    return documents;
  }
}
