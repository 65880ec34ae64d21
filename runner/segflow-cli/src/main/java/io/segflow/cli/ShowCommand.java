package io.segflow.cli;

import io.segflow.core.compile.CompiledProject;
import io.segflow.core.diagnostic.Diagnostic;
import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.project.Suggestions;
import io.segflow.core.segment.CompiledSegment;
import io.segflow.core.segment.store.MembershipTables;
import io.segflow.spi.ColumnDef;
import io.segflow.spi.RelationName;
import io.segflow.spi.RowStream;
import io.segflow.spi.WarehouseAdapter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Preview the rows of a built feature, seed or source, the members of a segmentation, or an "
                + "--inline query; a table, or one JSON event per row with --log-format json.")
final class ShowCommand extends ProjectCommand {
    private static final int WIDEST = 40;

    @Parameters(arity = "0..1", paramLabel = "NODE", description = "Feature, seed, source (source.table) or segmentation name.")
    String node;

    @Option(names = "--inline", paramLabel = "SQL", description = "Preview this query (target SQL) instead of a node.")
    String inline;

    @Option(names = "--limit", paramLabel = "N", description = "Rows to show (default: 10).")
    int limit = 10;

    @Override
    int run(Workspace ws) {
        if ((node == null) == (inline == null)) {
            console.error("name a NODE or pass --inline SQL (one of them)");
            return PROJECT_ERROR;
        }
        if (limit < 1) {
            console.error("--limit must be at least 1");
            return PROJECT_ERROR;
        }
        WarehouseAdapter adapter = ws.adapter();
        String sql = inline != null ? "select * from (" + inline + ") q limit " + limit
                : "select * from " + adapter.render(relation(ws.compile(), node)) + " limit " + limit;
        List<String> header = new ArrayList<>();
        List<String[]> rows = new ArrayList<>();
        try (RowStream rs = adapter.query(sql)) {
            for (ColumnDef c : rs.columns()) header.add(c.name());
            while (rs.hasNext()) {
                Object[] r = rs.next();
                String[] cells = new String[r.length];
                for (int i = 0; i < r.length; i++) cells[i] = r[i] == null ? "null" : String.valueOf(r[i]);
                rows.add(cells);
            }
        }
        if (console.json()) {
            for (String[] r : rows) {
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) m.put(header.get(i), r[i]);
                console.event("info", "row", m);
            }
            return OK;
        }
        printTable(header, rows);
        return OK;
    }

    private void printTable(List<String> header, List<String[]> rows) {
        int[] w = new int[header.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.min(WIDEST, header.get(i).length());
            for (String[] r : rows) w[i] = Math.min(WIDEST, Math.max(w[i], r[i].length()));
        }
        console.print(line(header.toArray(String[]::new), w));
        StringBuilder rule = new StringBuilder();
        for (int width : w) rule.append("-".repeat(width)).append("  ");
        console.print(rule.toString().stripTrailing());
        for (String[] r : rows) console.print(line(r, w));
        console.print(rows.size() + " row" + (rows.size() == 1 ? "" : "s"));
    }

    private static String line(String[] cells, int[] w) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            String c = cells[i].length() > w[i] ? cells[i].substring(0, w[i] - 1) + "…" : cells[i];
            sb.append(String.format("%-" + w[i] + "s  ", c));
        }
        return sb.toString().stripTrailing();
    }

    /** Where NODE's rows are: a feature's or seed's relation, a source table, a segmentation's members. */
    static RelationName relation(CompiledProject cp, String node) {
        Optional<RelationName> feature = cp.nodes().values().stream()
                .filter(n -> n.name().equals(node) || n.id().equals(node)).map(n -> n.relation()).findFirst();
        if (feature.isPresent()) return feature.get();
        for (var s : cp.seeds().values()) if (s.seed().name().equals(node) || s.id().equals(node)) return s.relation();
        for (CompiledSegment s : cp.segments().values()) {
            if (s.name().equals(node) || s.id().equals(node)) return new MembershipTables(MembershipTables.DEFAULT_SCHEMA, s.name()).members();
        }
        for (var e : cp.sourceIds().entrySet()) {
            if (e.getValue().equals(node) || e.getValue().equals("source." + node)) return e.getKey();
        }
        List<String> names = new ArrayList<>();
        cp.nodes().values().forEach(n -> names.add(n.name()));
        cp.segments().values().forEach(s -> names.add(s.name()));
        cp.seeds().values().forEach(s -> names.add(s.seed().name()));
        String guess = Suggestions.didYouMean(node, names);
        throw new DiagnosticException(Diagnostic.error(ErrorCode.SELECTOR, null, "nothing to show named '" + node + "'",
                guess != null ? guess : "name a feature, seed, segmentation or source (see `segflow ls`)"));
    }
}
