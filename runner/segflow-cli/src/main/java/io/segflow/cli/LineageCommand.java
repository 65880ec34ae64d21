package io.segflow.cli;

import io.segflow.core.compile.CompiledNode;
import io.segflow.core.compile.CompiledProject;
import io.segflow.core.diagnostic.Diagnostic;
import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.sql.ColumnOrigin;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
        tree(cp, node, column, "", lines, new HashSet<>());
        lines.forEach(console::print);
        return OK;
    }

    private void tree(CompiledProject cp, CompiledNode node, String column, String indent, List<String> out,
                      Set<String> seen) {
        List<ColumnOrigin> origins = new ArrayList<>(originsOf(node, column));
        origins.sort((a, b) -> (a.relation() + "." + a.column()).compareTo(b.relation() + "." + b.column()));
        for (int i = 0; i < origins.size(); i++) {
            ColumnOrigin o = origins.get(i);
            boolean last = i == origins.size() - 1;
            Optional<CompiledNode> up = cp.nodes().values().stream().filter(n -> n.relation().equals(o.relation())).findFirst();
            String label = o.relation() + "." + o.column() + (up.isPresent() ? "" : "  (source)");
            out.add(indent + (last ? "└── " : "├── ") + label);
            if (up.isPresent() && seen.add(o.relation() + "." + o.column())) {
                tree(cp, up.get(), o.column(), indent + (last ? "    " : "│   "), out, seen);
            }
        }
    }

    private static Set<ColumnOrigin> originsOf(CompiledNode node, String column) {
        for (Map.Entry<String, Set<ColumnOrigin>> e : node.lineage().entrySet()) {
            if (e.getKey().equalsIgnoreCase(column)) return e.getValue();
        }
        return Set.of();
    }
}
