package dev.builder.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.builder.core.BuilderException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Json reads and writes with Jackson's streaming parser and generator instead of its ObjectMapper; digests of
 * everything builder writes depend on the bytes staying what the ObjectMapper gave, so that is the yardstick here.
 */
class JsonTest {
  private static final String DOCUMENT = """
      {"schemaVersion":2,"size":9007199254740993,"huge":123456789012345678901234567890,"ratio":0.25,
       "tiny":1.5E-7,"ok":true,"no":false,"nothing":null,
       "text":"quote \\" backslash \\\\ tab \\t newline \\n control \\u0001 slash / é 雪 \\ud83d\\ude00",
       "empty":{},"list":[],"nested":[{"a":[1,[2,{"b":"c"}]]},"d",-3],
       "dup":"first","dup":"last"}
      """;

  @Test
  void readingGivesTheTreeJacksonsObjectMapperGives() throws Exception {
    byte[] bytes = DOCUMENT.getBytes(StandardCharsets.UTF_8);

    JsonNode ours = Json.parse(bytes, "the test document");

    assertEquals(new ObjectMapper().readTree(bytes), ours);
    assertEquals("last", Json.text(ours, "dup"));
  }

  @Test
  void writingGivesTheBytesJacksonsObjectMapperGives() throws Exception {
    byte[] bytes = DOCUMENT.getBytes(StandardCharsets.UTF_8);
    ObjectMapper mapper = new ObjectMapper();
    JsonNode tree = mapper.readTree(bytes);

    assertArrayEquals(mapper.writeValueAsBytes(tree), Json.bytes(tree));
  }

  @Test
  void fieldsKeepTheirOrderAndMapsAreSorted() {
    ObjectNode node = Json.object();
    node.put("z", "last added first");
    node.set("labels", Json.sortedMap(Map.of("b", "2", "a", "1")));
    node.set("cmd", Json.array(List.of("java", "-jar")));
    node.put("size", 12L);

    assertEquals(
        "{\"z\":\"last added first\",\"labels\":{\"a\":\"1\",\"b\":\"2\"},\"cmd\":[\"java\",\"-jar\"],\"size\":12}",
        new String(Json.bytes(node), StandardCharsets.UTF_8));
  }

  @Test
  void badInputIsNamedInOneError() {
    BuilderException broken = assertThrows(
        BuilderException.class,
        () -> Json.parse("{\"a\":".getBytes(StandardCharsets.UTF_8), "manifest of base:1"));
    assertEquals(true, broken.getMessage().startsWith("manifest of base:1 is not valid JSON: "), broken.getMessage());

    BuilderException array = assertThrows(
        BuilderException.class, () -> Json.parse("[1]".getBytes(StandardCharsets.UTF_8), "config of base:1"));
    assertEquals("config of base:1 is not a JSON object", array.getMessage());

    BuilderException empty = assertThrows(
        BuilderException.class, () -> Json.parse(new byte[0], "config of base:1"));
    assertEquals("config of base:1 is not a JSON object", empty.getMessage());
  }

  @Test
  void treeReadsAnyValueAndNothingAsNull() throws Exception {
    assertEquals(3, Json.tree("[1,2,3]".getBytes(StandardCharsets.UTF_8)).size());
    assertEquals("x", Json.tree("\"x\"".getBytes(StandardCharsets.UTF_8)).textValue());
    assertNull(Json.tree("  ".getBytes(StandardCharsets.UTF_8)));
  }
}
