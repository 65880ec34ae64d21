package io.segflow.bench;

import io.segflow.core.compile.CompileOptions;
import io.segflow.core.compile.CompiledProject;
import io.segflow.core.compile.ProjectCompiler;
import io.segflow.core.project.Project;
import io.segflow.core.project.ProjectLoader;
import io.segflow.core.sql.SqlCatalog;
import io.segflow.core.sql.SqlValidation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.dialect.BigQuerySqlDialect;
import org.apache.calcite.sql.dialect.DuckDBSqlDialect;
import org.apache.calcite.sql.dialect.SnowflakeSqlDialect;
import org.apache.calcite.sql.parser.SqlParser;

/**
 * Not a test: generates a project of F features (layered, each reading a source or 1-3 earlier features, with
 * CTEs, windows, CASE and aggregates) and S rules segments, then times load + render + validate + compile to
 * DuckDB, Snowflake and BigQuery. Baseline in the same run: Calcite only parsing the same rendered statements.
 * Args: [features=1000] [segments=200] [dir=bench/work/compile-project].
 */
public final class CompileBenchmark {
    public static void main(String[] args) throws IOException {
        int features = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int segments = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Path dir = Path.of(args.length > 2 ? args[2] : "bench/work/compile-project").toAbsolutePath();
        generate(dir, features, segments);

        long t0 = System.nanoTime();
        Project project = new ProjectLoader(null).loadProject(dir);
        double load = secs(t0);
        double total = load;
        CompiledProject duck = null;
        System.out.printf(Locale.ROOT, "compile benchmark: %d features, %d segments%n", features, segments);
        System.out.printf(Locale.ROOT, "  load (YAML + SQL files, schemas)      %7.2f s%n", load);
        for (SqlDialect d : List.of(DuckDBSqlDialect.DEFAULT, SnowflakeSqlDialect.DEFAULT, BigQuerySqlDialect.DEFAULT)) {
            long t = System.nanoTime();
            CompiledProject cp = new ProjectCompiler(project, new CompileOptions("bench", "duckdb", d, Map.of(),
                    Map.of(), null)).compile();
            double s = secs(t);
            total += s;
            if (duck == null) duck = cp;
            System.out.printf(Locale.ROOT, "  render + validate + compile -> %-9s %7.2f s  (%d nodes, %d segments)%n",
                    d.getClass().getSimpleName().replace("SqlDialect", ""), s, cp.nodes().size(), cp.segments().size());
        }
        long tp = System.nanoTime();
        for (var n : duck.nodes().values()) {
            try {
                SqlParser.create(n.renderedSql(), SqlParser.config()).parseQuery();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        double parseOnly = secs(tp);
        System.out.printf(Locale.ROOT, "  baseline: Calcite parse only (rendered features) %7.2f s%n", parseOnly);
        System.out.printf(Locale.ROOT, "  total %.2f s for 3 dialects; one dialect's full compile / parse-only = %.1fx%n",
                total, (total - load) / 3 / parseOnly);
    }

    static void generate(Path dir, int features, int segments) throws IOException {
        SplittableRandom r = new SplittableRandom(5);
        Files.createDirectories(dir.resolve("features"));
        Files.createDirectories(dir.resolve("segments"));
        Files.writeString(dir.resolve("segflow_project.yml"), "name: compile_bench\nschema: analytics\n");
        Files.writeString(dir.resolve("features/sources.yml"), """
                sources:
                  - name: raw
                    tables:
                      - name: orders
                        columns:
                          - {name: customer_id, type: BIGINT}
                          - {name: order_ts, type: TIMESTAMP}
                          - {name: amount, type: "DECIMAL(12,2)"}
                          - {name: status, type: VARCHAR}
                          - {name: channel, type: VARCHAR}
                """);
        for (int i = 0; i < features; i++) {
            List<String> inputs = new ArrayList<>();
            int layer = i < 50 ? 0 : 1 + r.nextInt(3);
            for (int k = 0; k < layer; k++) inputs.add("f" + r.nextInt(Math.max(1, i - 1)));
            StringBuilder sql = new StringBuilder();
            if (inputs.isEmpty()) {
                sql.append("with recent as (\n  select customer_id, cast(order_ts as date) as d, amount, status\n")
                   .append("  from {{ source('raw', 'orders') }}\n  where order_ts >= timestamp '2024-01-01 00:00:00' - interval '")
                   .append(30 + i % 300).append("' day\n)\nselect customer_id,\n  count(*) as v1,\n")
                   .append("  sum(case when status = 'completed' then amount else 0 end) as v2,\n")
                   .append("  max(d) as last_d,\n  count(distinct d) as v3\nfrom recent\ngroup by customer_id\n");
            } else {
                sql.append("select a.customer_id,\n  a.v1 + ").append(i % 7).append(" as v1,\n  coalesce(a.v2, 0) * 1.1 as v2,\n")
                   .append("  a.last_d,\n  row_number() over (partition by a.v3 order by a.v2 desc) as v3\nfrom {{ ref('")
                   .append(inputs.get(0)).append("') }} as a\n");
                for (int k = 1; k < inputs.size(); k++) {
                    sql.append("left join {{ ref('").append(inputs.get(k)).append("') }} as b").append(k)
                       .append(" on b").append(k).append(".customer_id = a.customer_id\n");
                }
            }
            Files.writeString(dir.resolve("features/f" + i + ".sql"), sql.toString());
        }
        StringBuilder seg = new StringBuilder("segments:\n");
        for (int s = 0; s < segments; s++) {
            seg.append("  - name: s").append(s).append("\n    type: rules\n    from: f").append(50 + r.nextInt(features - 50))
               .append("\n    entity_key: customer_id\n    rules:\n      - {name: high, when: \"v2 > ").append(100 + s).append("\"}\n")
               .append("      - {name: mid, when: \"v1 >= 3 and v2 > 10\"}\n    else: low\n");
        }
        Files.writeString(dir.resolve("segments/generated.yml"), seg.toString());
    }

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
