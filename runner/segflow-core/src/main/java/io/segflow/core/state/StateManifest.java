package io.segflow.core.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.segflow.core.diagnostic.Diagnostic;
import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.diagnostic.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The artifacts of a previous run ({@code --state DIR}): the {@code state} section of its manifest.json. */
public record StateManifest(Path dir, Map<String, NodeState> nodes) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public StateManifest {
        nodes = Map.copyOf(nodes);
    }

    public static StateManifest read(Path dir) {
        Path file = Files.isDirectory(dir) ? dir.resolve("manifest.json") : dir;
        if (!Files.isRegularFile(file)) {
            throw fail("no manifest.json in --state " + dir,
                    "point --state at the target/ directory (or a copy of it) of a previous compile, build or run");
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw fail("cannot read " + file + ": " + e.getMessage(), "re-create it with `segflow compile`");
        }
        JsonNode state = root.path("state");
        if (!state.isObject()) {
            throw fail(file + " has no \"state\" section (written by an older segflow)",
                    "re-create the state artifacts with this version's `segflow compile`");
        }
        Map<String, NodeState> nodes = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = state.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            nodes.put(e.getKey(), JSON.convertValue(e.getValue(), NodeState.class));
        }
        return new StateManifest(file.getParent(), nodes);
    }

    public Optional<NodeState> node(String id) {
        return Optional.ofNullable(nodes.get(id));
    }

    private static DiagnosticException fail(String message, String hint) {
        return new DiagnosticException(Diagnostic.error(ErrorCode.STATE, null, message, hint));
    }
}
