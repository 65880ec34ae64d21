package io.segflow.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.segflow.core.execute.NodeResult;
import io.segflow.core.segment.PlannedChecks;
import io.segflow.core.state.MembershipDiff;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What `segflow plan` found: nodes built in the scratch schema, and per segmentation its membership diff and tests. */
record PlanReport(String schema, String state, List<String> modified, List<NodeResult> built, List<Segment> segments,
                  List<String> trippedGates) {
    /** One affected segmentation; {@code diff} is null when it was not planned ({@code note} says why). */
    record Segment(String id, String name, MembershipDiff diff, List<PlannedChecks.Result> tests, String note) {
        long failedTests() {
            return tests.stream().filter(PlannedChecks.Result::fails).count();
        }

        double metric(String name) {
            return switch (name) {
                case "moved_share" -> diff == null ? 0 : diff.movedShare();
                case "changed_share" -> diff == null ? 0 : diff.changedShare();
                case "entered" -> diff == null ? 0 : diff.entered();
                case "exited" -> diff == null ? 0 : diff.exited();
                case "moved" -> diff == null ? 0 : diff.moved();
                default -> failedTests();
            };
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    long failedTests() {
        return segments.stream().mapToLong(Segment::failedTests).sum()
                + built.stream().filter(r -> r.status().isFailure()).count();
    }

    Map<String, Object> json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("state", state);
        root.put("scratch_schema", schema);
        root.put("modified", modified);
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (NodeResult r : built) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("unique_id", r.id());
            m.put("status", r.status().name().toLowerCase(Locale.ROOT));
            m.put("rows", r.rows());
            m.put("message", r.message());
            nodes.add(m);
        }
        root.put("nodes", nodes);
        List<Map<String, Object>> segs = new ArrayList<>();
        for (Segment s : segments) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("unique_id", s.id());
            m.put("note", s.note());
            if (s.diff() != null) {
                MembershipDiff d = s.diff();
                m.put("before", d.before());
                m.put("after", d.after());
                m.put("entered", d.entered());
                m.put("exited", d.exited());
                m.put("moved", d.moved());
                m.put("moved_share", d.movedShare());
                m.put("changed_share", d.changedShare());
                List<Map<String, Object>> groups = new ArrayList<>();
                for (MembershipDiff.Group g : d.groups()) groups.add(JSON.convertValue(g, Map.class));
                m.put("groups", groups);
                m.put("transitions", d.transitions());
            }
            List<Map<String, Object>> tests = new ArrayList<>();
            for (PlannedChecks.Result t : s.tests()) {
                Map<String, Object> tm = new LinkedHashMap<>();
                tm.put("unique_id", t.testId());
                tm.put("severity", t.severity());
                tm.put("failures", t.failures());
                tm.put("would_fail", t.fails());
                tm.put("message", t.message());
                tests.add(tm);
            }
            m.put("tests", tests);
            segs.add(m);
        }
        root.put("segments", segs);
        root.put("tripped_gates", trippedGates);
        return root;
    }

    /** A pull-request comment: one table per segmentation, then the tests that would fail. */
    String markdown() {
        StringBuilder md = new StringBuilder("## segflow plan\n\n");
        md.append("Compared with `").append(state).append("`. Modified: ")
                .append(modified.isEmpty() ? "nothing" : "`" + String.join("`, `", modified) + "`").append(".\n");
        for (Segment s : segments) {
            md.append("\n### ").append(s.name()).append("\n\n");
            if (s.diff() == null) {
                md.append("_").append(s.note()).append("_\n");
                continue;
            }
            MembershipDiff d = s.diff();
            md.append(String.format(Locale.ROOT, "%d entered, %d exited, %d moved (%.1f%% of %d members moved).%n%n",
                    d.entered(), d.exited(), d.moved(), d.movedShare() * 100, d.before()));
            md.append("| group | before | after | share before | share after | entered | exited | moved in | moved out |\n");
            md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (MembershipDiff.Group g : d.groups()) {
                md.append(String.format(Locale.ROOT, "| %s | %d | %d | %.1f%% | %.1f%% | %d | %d | %d | %d |%n", g.name(),
                        g.before(), g.after(), g.shareBefore() * 100, g.shareAfter() * 100, g.entered(), g.exited(),
                        g.movedIn(), g.movedOut()));
            }
            md.append("\nTransitions (before → after): ");
            List<String> moves = new ArrayList<>();
            d.transitions().forEach((from, tos) -> tos.forEach((to, n) -> {
                if (!from.equals(to)) moves.add(from + " → " + to + ": " + n);
            }));
            md.append(moves.isEmpty() ? "none" : String.join("; ", moves)).append(".\n");
            for (PlannedChecks.Result t : s.tests()) {
                if (t.failures() > 0) {
                    md.append("\n- ").append(t.fails() ? "**would fail**" : "would warn").append(" `").append(t.testId())
                            .append("`: ").append(t.message());
                }
            }
            md.append('\n');
        }
        if (!trippedGates.isEmpty()) md.append("\n**Gates tripped:** ").append(String.join(", ", trippedGates)).append('\n');
        return md.toString();
    }

    /** The terminal summary: one line per group of each segmentation. */
    List<String> table() {
        List<String> lines = new ArrayList<>();
        String fmt = "%-22s %-16s %8s %8s %8s %8s %8s %8s";
        lines.add(String.format(Locale.ROOT, fmt, "segmentation", "group", "before", "after", "entered", "exited", "in", "out"));
        for (Segment s : segments) {
            if (s.diff() == null) {
                lines.add(String.format(Locale.ROOT, "%-22s %s", s.name(), s.note()));
                continue;
            }
            for (MembershipDiff.Group g : s.diff().groups()) {
                lines.add(String.format(Locale.ROOT, fmt, s.name(), g.name(), g.before(), g.after(), g.entered(),
                        g.exited(), g.movedIn(), g.movedOut()));
            }
            lines.add(String.format(Locale.ROOT, "%-22s moved %d of %d (%.1f%%), %d tests would fail", s.name(),
                    s.diff().moved(), s.diff().before(), s.diff().movedShare() * 100, s.failedTests()));
        }
        return lines;
    }

    void write(Path targetDir) {
        try {
            Files.createDirectories(targetDir);
            Files.writeString(targetDir.resolve("plan.json"), JSON.writeValueAsString(json()) + "\n");
            Files.writeString(targetDir.resolve("plan.md"), markdown());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the plan into " + targetDir + ": " + e.getMessage(), e);
        }
    }
}
