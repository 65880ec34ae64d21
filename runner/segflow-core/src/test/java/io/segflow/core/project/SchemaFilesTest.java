package io.segflow.core.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.segflow.core.diagnostic.Diagnostic;
import io.segflow.core.diagnostic.Diagnostics;
import io.segflow.core.diagnostic.ErrorCode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schema files double as published editor schemas: they must be self-describing and self-contained. */
class SchemaFilesTest {

    @ParameterizedTest
    @ValueSource(strings = {"segflow_project.schema.json", "profiles.schema.json", "properties.schema.json",
            "segments.schema.json"})
    void schemaHasIdTitleAndOnlyResolvableLocalRefs(String name) throws Exception {
        JsonNode schema;
        try (InputStream in = getClass().getResourceAsStream("/schemas/" + name)) {
            schema = new ObjectMapper().readTree(in);
        }
        assertEquals("https://segflow.io/schemas/" + name, schema.get("$id").asText());
        assertFalse(schema.get("title").asText().isBlank());
        assertFalse(schema.get("description").asText().isBlank());
        List<String> refs = new ArrayList<>();
        collectRefs(schema, refs);
        for (String ref : refs) {
            assertTrue(ref.startsWith("#/$defs/"), name + ": " + ref);
            assertFalse(schema.at(ref.substring(1)).isMissingNode(), name + ": dangling " + ref);
        }
    }

    @Test
    void validatorReportsEachProblemOnceWithItsPosition(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("p.yml");
        Files.writeString(file, """
                features:
                  - name: a
                    config: {unique_key: [1, id], tags: 3}
                  - nme: b
                """);
        Diagnostics diags = new Diagnostics();
        YamlFile yaml = YamlFile.parse(file, Path.of("p.yml"), diags).orElseThrow();
        SchemaValidator.load("properties.schema.json").validate(yaml, diags);
        List<String> got = diags.sorted().stream().map(Diagnostic::format).toList();
        assertEquals(List.of(
                "p.yml:3:27: error[SF102]: wrong type for 'features[0].config.unique_key[0]': expected a string, got an integer (1)",
                "p.yml:3:41: error[SF102]: wrong type for 'features[0].config.tags': expected a string or a list of strings, got an integer (3)",
                "p.yml:4:5: error[SF101]: unknown key 'nme' in 'features[1]'\n  hint: did you mean 'name'?",
                "p.yml:4:5: error[SF103]: missing required key 'name' in 'features[1]'\n  hint: add 'name:' (Must match a features/**/<name>.sql file.)"),
                got);
        assertTrue(diags.all().stream().noneMatch(d -> d.code() == ErrorCode.YAML_SYNTAX));
    }

    private static void collectRefs(JsonNode node, List<String> out) {
        if (node.has("$ref")) out.add(node.get("$ref").asText());
        node.forEach(child -> collectRefs(child, out));
    }
}
