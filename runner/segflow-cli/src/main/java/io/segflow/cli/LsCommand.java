package io.segflow.cli;

import io.segflow.core.compile.CompiledNode;
import io.segflow.core.compile.CompiledProject;
import io.segflow.core.compile.CompiledSeed;
import io.segflow.core.compile.CompiledTest;
import io.segflow.core.graph.GraphNode;
import io.segflow.core.graph.NodeKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import io.segflow.core.segment.CompiledSegment;
import io.segflow.core.segment.SegmentReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "ls", mixinStandardHelpOptions = true,
        description = "List the project's nodes (features, sources, tests, segments) with materialisation and relation.")
final class LsCommand extends ProjectCommand {
    @Parameters(arity = "0..1", paramLabel = "TYPE", description = "features, seeds, sources, tests or segments (default: all).")
    String type;

    @Mixin
    SelectionOptions selection;

    @Override
    int run(Workspace ws) {
        CompiledProject cp = ws.compile();
        NodeKind only = kind(type);
        List<String> ids = selection.ids(cp);
        List<String[]> rows = new ArrayList<>();
        for (String id : ids) {
            GraphNode n = cp.dag().node(id).orElseThrow();
            if (only != null && n.kind() != only) continue;
            rows.add(row(cp, n));
        }
        if (console.json()) {
            for (String[] r : rows) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", r[0]);
                m.put("kind", r[1]);
                m.put("relation", r[2]);
                m.put("tags", r[3]);
                console.event("info", "node", m);
            }
            return OK;
        }
        int w0 = Math.max(4, rows.stream().mapToInt(r -> r[0].length()).max().orElse(4));
        int w1 = Math.max(4, rows.stream().mapToInt(r -> r[1].length()).max().orElse(4));
        int w2 = Math.max(8, rows.stream().mapToInt(r -> r[2].length()).max().orElse(8));
        String fmt = "%-" + w0 + "s  %-" + w1 + "s  %-" + w2 + "s  %s";
        console.print(String.format(fmt, "node", "kind", "relation", "tags").stripTrailing());
        for (String[] r : rows) console.print(String.format(fmt, (Object[]) r).stripTrailing());
        console.print(rows.size() + " node" + (rows.size() == 1 ? "" : "s"));
        if (only == NodeKind.SEGMENT) printSegmentSizes(ws, cp, ids);
        return OK;
    }

    /** Sizes, shares and change since the last run, read from the membership tables when they exist. */
    private void printSegmentSizes(Workspace ws, CompiledProject cp, List<String> ids) {
        int floor = cp.project().config().minSegmentSize();
        for (String id : ids) {
            CompiledSegment s = cp.segments().get(id);
            if (s == null) continue;
            Optional<SegmentReport> report = SegmentReport.read(ws.readOnlyAdapter(), s, floor, false);
            console.print("");
            if (report.isEmpty()) {
                console.print(s.name() + ": not built yet (run `segflow build --select " + s.name() + "`)");
                continue;
            }
            SegmentReport r = report.get();
            console.print(String.format(Locale.ROOT, "%s (%s): last run %s, %s%s", r.name(), r.type(), r.lastRunId(),
                    r.changed() ? "changed" : "unchanged",
                    r.agreement() == null ? "" : String.format(Locale.ROOT, ", agreement %.1f%%", r.agreement() * 100)));
            int w = Math.max(5, r.groups().stream().mapToInt(g -> g.name().length()).max().orElse(5));
            console.print(String.format(Locale.ROOT, "  %-" + w + "s  %9s  %7s  %8s", "group", "members", "share", "change"));
            for (SegmentReport.Group g : r.groups()) {
                console.print(String.format(Locale.ROOT, "  %-" + w + "s  %9d  %6.1f%%  %8s%s", g.name(), g.size(),
                        g.share() * 100, g.previous() == null ? "" : String.format(Locale.ROOT, "%+d", g.size() - g.previous()),
                        g.belowMinSize() ? "  below min size " + r.minSize() + " (not exported)" : "").stripTrailing());
            }
        }
    }

    private static String[] row(CompiledProject cp, GraphNode n) {
        CompiledNode c = cp.nodes().get(n.id());
        if (c != null) {
            return new String[] {n.id(), c.config().materialized(), c.relation().toString(), String.join(",", c.config().tags())};
        }
        CompiledSeed seed = cp.seeds().get(n.id());
        if (seed != null) return new String[] {n.id(), "seed", seed.relation().toString(), ""};
        CompiledTest t = cp.tests().get(n.id());
        if (t != null) return new String[] {n.id(), "test:" + t.kind(), t.attachedTo() == null ? "" : t.attachedTo(), ""};
        CompiledSegment s = cp.segments().get(n.id());
        if (s != null) return new String[] {n.id(), "segment:" + s.type(), "segments." + s.name() + "_members", String.join(",", n.tags())};
        return new String[] {n.id(), n.kind().name().toLowerCase(Locale.ROOT), n.name(), String.join(",", n.tags())};
    }

    private static NodeKind kind(String type) {
        if (type == null) return null;
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "features", "feature" -> NodeKind.FEATURE;
            case "sources", "source" -> NodeKind.SOURCE;
            case "seeds", "seed" -> NodeKind.SEED;
            case "tests", "test" -> NodeKind.TEST;
            case "segments", "segment" -> NodeKind.SEGMENT;
            default -> throw new picocli.CommandLine.ParameterException(
                    new picocli.CommandLine(new LsCommand()), "unknown type '" + type + "': use features, sources, tests or segments");
        };
    }
}
