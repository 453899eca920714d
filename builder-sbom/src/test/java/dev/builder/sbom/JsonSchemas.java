package dev.builder.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The official JSON schemas, checked with networknt's validator, independently of the SBOM libraries' own checks.
 * Every schema is read offline from a jar on the test class path: CycloneDX's {@code bom-1.6.schema.json} with the
 * {@code spdx.schema.json} and {@code jsf-0.82.schema.json} it refers to from cyclonedx-core-java, and the SPDX 2.3
 * and 3.0.1 schemas from the SPDX project's tools-java ({@code resources/spdx-schema-v2.3.json},
 * {@code resources/spdx-schema-v3.0.1.json}). Formats (date-time, IRI, email) are asserted, not only annotated.
 */
public final class JsonSchemas {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
      builder -> builder
          .schemaIdResolvers(ids -> ids.mapPrefix("http://cyclonedx.org/schema/", "classpath:"))
          .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

  private JsonSchemas() {}

  public static List<String> cycloneDx16(byte[] json) {
    return validate(REGISTRY.getSchema(SchemaLocation.of("http://cyclonedx.org/schema/bom-1.6.schema.json")), json);
  }

  public static List<String> spdx23(byte[] json) {
    return validate(REGISTRY.getSchema(SchemaLocation.of("classpath:resources/spdx-schema-v2.3.json")), json);
  }

  public static List<String> spdx301(byte[] json) {
    return validate(REGISTRY.getSchema(SchemaLocation.of("classpath:resources/spdx-schema-v3.0.1.json")), json);
  }

  private static List<String> validate(Schema schema, byte[] json) {
    try {
      JsonNode node = JSON.readTree(json);
      List<Error> errors = schema.validate(node);
      return errors.stream().map(Error::toString).collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
