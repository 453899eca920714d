package dev.builder.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.builder.core.BuilderException;
import dev.builder.core.image.ConfigFile.History;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ConfigFileTest {
  private static final Instant CREATED = Instant.parse("2024-03-04T05:06:07Z");

  private static ConfigFile fullConfig() {
    ContainerConfig container =
        new ContainerConfig(
            "65532:65532",
            List.of("PATH=/usr/bin:/bin", "JAVA_HOME=/opt/java"),
            List.of("java", "-cp", "/app/classes", "com.example.App"),
            List.of("--port", "8080"),
            "/app",
            new TreeSet<>(List.of("8080/tcp", "53/udp")),
            new TreeSet<>(List.of("/data")),
            new TreeMap<>(Map.of("maintainer", "team", "a.label", "x")),
            "SIGTERM");
    return new ConfigFile(
        new Platform("linux", "arm64", "v8"),
        CREATED,
        container,
        List.of(Digest.of(new byte[] {1}), Digest.of(new byte[] {2})),
        List.of(
            new History(CREATED, "base", "from debian", false),
            new History(null, "ENV x=y", null, true),
            new History(CREATED, "builder: classes", null, false)));
  }

  @Test
  void parsingTheJsonGivesTheSameConfigAndTheSameBytes() {
    ConfigFile config = fullConfig();
    byte[] json = config.toJsonBytes();

    ConfigFile parsed = ConfigFile.parse(json, "test config");

    assertThat(parsed).isEqualTo(config);
    assertThat(parsed.toJsonBytes()).isEqualTo(json);
    assertThat(fullConfig().toJsonBytes()).isEqualTo(json);
  }

  @Test
  void writesTheFieldsContainerRuntimesRead() {
    String json = new String(fullConfig().toJsonBytes(), StandardCharsets.UTF_8);

    assertThat(json)
        .startsWith("{\"created\":\"2024-03-04T05:06:07Z\",\"architecture\":\"arm64\",\"variant\":\"v8\",\"os\":\"linux\"")
        .contains("\"ExposedPorts\":{\"53/udp\":{},\"8080/tcp\":{}}")
        .contains("\"Labels\":{\"a.label\":\"x\",\"maintainer\":\"team\"}")
        .contains("\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + Digest.of(new byte[] {1}) + "\"")
        .contains("{\"created_by\":\"ENV x=y\",\"empty_layer\":true}");
  }

  @Test
  void aMinimalConfigRoundTripsWithoutInventedFields() {
    ConfigFile minimal = new ConfigFile(Platform.LINUX_AMD64, null, ContainerConfig.EMPTY, List.of(), List.of());

    byte[] json = minimal.toJsonBytes();

    assertThat(new String(json, StandardCharsets.UTF_8))
        .isEqualTo("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}");
    assertThat(ConfigFile.parse(json, "minimal")).isEqualTo(minimal);
  }

  @Test
  void keepsAUsableBaseConfigWhoseTimestampIsOdd() {
    String json = "{\"created\":\"yesterday\",\"architecture\":\"amd64\",\"os\":\"linux\"}";

    ConfigFile parsed = ConfigFile.parse(json.getBytes(StandardCharsets.UTF_8), "base config");

    assertThat(parsed.created()).isNull();
    assertThat(parsed.platform()).isEqualTo(Platform.LINUX_AMD64);
    assertThat(parsed.config()).isEqualTo(ContainerConfig.EMPTY);
  }

  @Test
  void refusesJsonThatNamesNoPlatform() {
    assertThatThrownBy(() -> ConfigFile.parse("{\"config\":{}}".getBytes(StandardCharsets.UTF_8), "base config"))
        .isInstanceOf(BuilderException.class)
        .hasMessageContaining("base config names no os or architecture");
  }

  @Test
  void findsEnvironmentValues() {
    ContainerConfig container = fullConfig().config();

    assertThat(container.envValue("JAVA_HOME")).isEqualTo("/opt/java");
    assertThat(container.envValue("JAVA")).isNull();
    assertThat(container.envMap()).containsExactly(
        Map.entry("PATH", "/usr/bin:/bin"), Map.entry("JAVA_HOME", "/opt/java"));
  }
}
