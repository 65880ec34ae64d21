package io.segflow.cli;

import io.segflow.core.compile.CompiledNode;
import io.segflow.core.compile.CompiledProject;
import io.segflow.core.compile.LineageGraph;
import io.segflow.core.diagnostic.Diagnostic;
import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.diagnostic.ErrorCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "lineage", mixinStandardHelpOptions = true,
        description = "Show where a feature column comes from, column by column, down to the raw sources.")
final class LineageCommand extends ProjectCommand {
    @Parameters(paramLabel = "FEATURE.COLUMN", description = "e.g. customer_features.total_revenue")
    String target;

    @Override
    int run(Workspace ws) {
        int dot = target.lastIndexOf('.');
        if (dot <= 0 || dot == target.length() - 1) {
            throw new DiagnosticException(Diagnostic.error(ErrorCode.INVALID_VALUE, null,
                    "expected FEATURE.COLUMN, got '" + target + "'", "e.g. segflow lineage customer_features.total_revenue"));
        }
        String feature = target.substring(0, dot);
        String column = target.substring(dot + 1);
        CompiledProject cp = ws.compile();
        CompiledNode node = cp.nodeByName(feature).orElseThrow(() -> new DiagnosticException(Diagnostic.error(
                ErrorCode.UNKNOWN_REF, null, "no feature named '" + feature + "'",
                "features: " + new TreeSet<>(cp.nodes().values().stream().map(CompiledNode::name).toList()))));
        if (node.columns().stream().noneMatch(c -> c.name().equalsIgnoreCase(column))) {
            throw new DiagnosticException(Diagnostic.error(ErrorCode.UNKNOWN_COLUMN, null,
                    "feature '" + feature + "' has no column '" + column + "'",
                    "columns: " + node.columns().stream().map(c -> c.name()).toList()));
        }
        if (console.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("column", node.relation() + "." + column);
            m.put("sources", cp.sourceLineage(node.id(), column).stream()
                    .map(o -> o.relation() + "." + o.column()).sorted().toList());
            console.event("info", "lineage", m);
            return OK;
        }
        List<String> lines = new ArrayList<>();
        lines.add(node.relation() + "." + column);
        print(cp, cp.lineage().tree(node.relation(), column), "", lines);
        lines.forEach(console::print);
        return OK;
    }

    private static void print(CompiledProject cp, List<LineageGraph.Branch> branches, String indent, List<String> out) {
        for (int i = 0; i < branches.size(); i++) {
            LineageGraph.Branch b = branches.get(i);
            boolean last = i == branches.size() - 1;
            out.add(indent + (last ? "└── " : "├── ") + b.origin().relation() + "." + b.origin().column()
                    + (b.source() ? sourceLabel(cp, b.origin().relation()) : ""));
            print(cp, b.children(), indent + (last ? "    " : "│   "), out);
        }
    }

    /** "(source)", or for a relation read from a dbt manifest the dbt relations it is built from. */
    private static String sourceLabel(CompiledProject cp, io.segflow.spi.RelationName relation) {
        String id = cp.sourceIds().get(relation);
        List<String> upstream = cp.project().sources().stream().filter(s -> s.uniqueId().equals(id)).findFirst()
                .map(s -> s.upstream()).orElse(List.of());
        if (upstream.isEmpty()) return "  (source)";
        return "  (source; dbt builds it from " + String.join(", ", upstream.stream().map(u -> u.substring("source.".length())).toList()) + ")";
    }
}
