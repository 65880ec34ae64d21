package io.segflow.core.state;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code state:modified} compares for one node of a run, as written under {@code "state"} in manifest.json.
 * Every part is a hash: {@code body} of the SQL as parsed and unparsed (or of the parsed segment / test definition),
 * so comments and whitespace do not count; {@code config} of the materialisation settings; {@code vars} and
 * {@code macros} of the values of the vars, env vars and macro files the node's renders actually read;
 * {@code upstreamSchema} of its parents' row types. {@code relation} is where the node's rows live (for --defer).
 */
public record NodeState(String kind, String relation, String fingerprint, String body, String config,
                        Map<String, String> vars, Map<String, String> macros,
                        @JsonProperty("upstream_schema") String upstreamSchema) {
    public NodeState {
        vars = vars == null ? Map.of() : new TreeMap<>(vars);
        macros = macros == null ? Map.of() : new TreeMap<>(macros);
    }
}
