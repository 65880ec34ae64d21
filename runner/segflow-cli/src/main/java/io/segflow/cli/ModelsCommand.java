package io.segflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.segflow.ml.registry.ModelMetadata;
import io.segflow.ml.registry.ModelRegistry;
import io.segflow.ml.segment.ModelDefinition;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Registered models (under .segflow/registry, or $SEGFLOW_REGISTRY_PATH).",
        subcommands = {ModelsCommand.Ls.class, ModelsCommand.Show.class})
final class ModelsCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    @Command(name = "ls", mixinStandardHelpOptions = true, description = "Every model with its versions and latest metrics.")
    static final class Ls extends ProjectCommand {
        @Override
        int run(Workspace ws) {
            List<ModelMetadata> all = ModelSegments.registry(ws).list();
            if (all.isEmpty()) {
                console.info("no registered models in " + ModelDefinition.registryDir(ws.project()));
                return OK;
            }
            console.print(String.format("%-22s %-8s %-11s %-18s %-25s %s", "NAME", "VERSION", "KIND", "ALGORITHM", "CREATED",
                    "METRICS"));
            for (ModelMetadata m : all) {
                console.print(String.format("%-22s %-8s %-11s %-18s %-25s %s", m.name(), "v" + m.version(), m.kind(),
                        m.algorithm(), m.createdAt(), ModelSegments.headline(m)));
            }
            return OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Metrics, features, hashes, parameters summary, feature importance (the model card) and Tribuo"
                    + " provenance of one model version.")
    static final class Show extends ProjectCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "Model (= segment) name.")
        String name;

        @Option(names = "--version", paramLabel = "N", description = "Version (default: latest).")
        Integer version;

        @Override
        int run(Workspace ws) throws Exception {
            ObjectMapper json = new ObjectMapper();
            ModelRegistry registry = ModelSegments.registry(ws);
            List<Integer> versions = registry.versions(name);
            if (versions.isEmpty()) {
                console.error("no model '" + name + "' in " + ModelDefinition.registryDir(ws.project())
                        + "; `segflow models ls` lists the registered ones");
                return PROJECT_ERROR;
            }
            int v = version == null ? versions.get(versions.size() - 1) : version;
            if (!versions.contains(v)) {
                console.error("model '" + name + "' has no version " + v + " (versions: " + versions + ")");
                return PROJECT_ERROR;
            }
            ModelMetadata m = registry.show(name, v);
            StringBuilder sb = new StringBuilder();
            sb.append(m.name()).append(" v").append(m.version()).append(" (").append(m.kind()).append(", ")
                    .append(m.algorithm()).append("), created ").append(m.createdAt()).append('\n');
            sb.append("versions:          ").append(versions).append('\n');
            sb.append("features:          ").append(String.join(", ", m.features())).append('\n');
            sb.append("compiled SQL hash: ").append(m.compiledSqlHash()).append('\n');
            sb.append("sample hash:       ").append(m.sampleHash()).append('\n');
            sb.append("definition hash:   ").append(m.params().get("definition_hash")).append('\n');
            sb.append("metrics:\n");
            m.metrics().forEach((k, val) -> sb.append(String.format(Locale.ROOT, "  %-20s %s%n", k, val)));
            for (String key : List.of("split", "cutoffs", "label_window_days", "k_candidates", "profiles", "calibration",
                    "bgnbd", "gamma_gamma", "horizon_months", "discount_rate")) {
                Object val = m.params().get(key);
                if (val != null) sb.append(key).append(": ").append(json.writeValueAsString(val)).append('\n');
            }
            sb.append(ModelCardText.render(m));
            if (m.provenanceJson() != null) {
                JsonNode prov = json.readTree(m.provenanceJson());
                sb.append("tribuo provenance: ").append(summary(prov)).append('\n');
            }
            console.print(sb.toString().stripTrailing());
            return OK;
        }

        /** The trainer class and Tribuo version from a provenance map. */
        private static String summary(JsonNode prov) {
            String trainer = find(prov, "class-name", "trainer");
            String tribuo = find(prov, "tribuo-version", null);
            return "trainer " + trainer + ", tribuo " + tribuo;
        }

        private static String find(JsonNode n, String field, String under) {
            if (n == null) return "?";
            JsonNode scope = under == null ? n : n.findValue(under);
            JsonNode v = scope == null ? null : scope.findValue(field);
            if (v == null) return "?";
            return v.isTextual() ? v.asText() : v.has("value") ? v.get("value").asText() : v.toString();
        }
    }

}
