package io.segflow.audience.bench;

import io.segflow.audience.AfterRun;
import io.segflow.audience.AudienceBenchmarkAccess;
import io.segflow.audience.export.AudienceExporter;
import io.segflow.audience.export.ExportRequest;
import io.segflow.audience.export.ExportResult;
import io.segflow.core.execute.NodeResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Audience set, overlap matrix and export at scale on DuckDB, each against a baseline measured in the same run:
 * the audience set's node against the plain rules segmentation {@code tiers} over the same customers, the overlap
 * matrix (with the activation layout, the table load and the JSON file) against its self-join run as one bare query, and the first export (every member, e-mails
 * hashed, through Commons CSV) against DuckDB's own {@code COPY ... TO csv} of the members table.
 * Usage: bench/run.sh audiences [customers]
 */
public final class AudienceBenchmark {
    private AudienceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        Path dir = Files.createTempDirectory("segflow-audience-bench");
        try (AudienceBenchmarkAccess p = AudienceBenchmarkAccess.open(dir)) {
            p.generate(n);
            List<NodeResult> results = p.build("r1");
            double tiers = seconds(results, "segment.tiers");
            double audience = seconds(results, "segment.campaign");
            long members = p.count("select count(*) from segments.campaign_members");

            String all = "(select cast(entity_id as varchar) as entity_id, 'tiers' as s, segment from segments.tiers_members "
                    + "union all select cast(entity_id as varchar), 'flags', segment from segments.flags_members union all "
                    + "select cast(entity_id as varchar), 'campaign', segment from segments.campaign_members)";
            long t0 = System.nanoTime();
            p.count("select count(*) from (select a.s, a.segment, b.s, b.segment, count(*) from " + all + " a join " + all
                    + " b on a.entity_id = b.entity_id group by a.s, a.segment, b.s, b.segment) x");
            double countBaseline = (System.nanoTime() - t0) / 1e9;
            var cp = p.compile();
            t0 = System.nanoTime();
            List<String> lines = AfterRun.apply(cp, p.warehouse(), "r1");
            double overlap = (System.nanoTime() - t0) / 1e9;

            Path copy = dir.resolve("copy.csv");
            t0 = System.nanoTime();
            p.warehouse().execute("copy (select * from segments.campaign_members) to '" + copy + "' (header)");
            double copyBaseline = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            ExportResult r = new AudienceExporter(cp, p.warehouse())
                    .export(new ExportRequest("campaign", null, true, "csv", dir.resolve("out")));
            double export = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            ExportResult again = new AudienceExporter(cp, p.warehouse())
                    .export(new ExportRequest("campaign", null, true, "csv", dir.resolve("out")));
            double repeat = (System.nanoTime() - t0) / 1e9;

            System.out.printf(Locale.ROOT, "customers %d, audience members %d, exported %d (repeat %d)%n", n, members,
                    r.rows(), again.rows());
            System.out.printf(Locale.ROOT, "audience set node %.2f s vs rules segmentation node %.2f s: %.2fx%n", audience,
                    tiers, audience / tiers);
            System.out.printf(Locale.ROOT, "overlap matrix + layout %.2f s vs the bare self-join query %.2f s: %.1fx (%s)%n",
                    overlap, countBaseline, overlap / countBaseline, lines.get(0));
            System.out.printf(Locale.ROOT, "first export %.2f s vs DuckDB COPY of the members %.2f s: %.1fx; repeat %.2f s%n",
                    export, copyBaseline, export / copyBaseline, repeat);
            System.out.printf(Locale.ROOT, "RESULT customers=%d members=%d audience_s=%.2f rules_s=%.2f audience_ratio=%.2f "
                            + "overlap_s=%.2f overlap_ratio=%.1f export_s=%.2f export_rows=%d export_ratio=%.1f repeat_s=%.2f%n",
                    n, members, audience, tiers, audience / tiers, overlap, overlap / countBaseline, export, r.rows(),
                    export / copyBaseline, repeat);
        }
    }

    private static double seconds(List<NodeResult> results, String id) {
        return results.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow().seconds();
    }
}
