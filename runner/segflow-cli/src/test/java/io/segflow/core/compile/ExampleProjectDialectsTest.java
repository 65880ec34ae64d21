package io.segflow.core.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.core.graph.GraphNode;
import io.segflow.core.graph.NodeKind;
import io.segflow.core.project.Project;
import io.segflow.core.project.ProjectLoader;
import io.segflow.core.segment.CompiledSegment;
import io.segflow.core.segment.SegmentTest;
import io.segflow.core.segment.SegmentTestSql;
import io.segflow.core.segment.SegmentTypes;
import io.segflow.core.segment.store.MembershipSql;
import io.segflow.core.segment.store.MembershipStore;
import io.segflow.core.segment.store.MembershipTables;
import io.segflow.core.segment.store.StoreDialect;
import io.segflow.datagen.ExampleDataGenerator;
import io.segflow.duckdb.DuckDbAdapterFactory;
import io.segflow.spi.RowStream;
import io.segflow.spi.TargetConfig;
import io.segflow.spi.WarehouseAdapter;
import io.segflow.spi.WarehouseException;
import io.segflow.testkit.GoldenFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.dialect.BigQuerySqlDialect;
import org.apache.calcite.sql.dialect.DuckDBSqlDialect;
import org.apache.calcite.sql.dialect.PostgresqlSqlDialect;
import org.apache.calcite.sql.dialect.SnowflakeSqlDialect;
import org.junit.jupiter.api.Test;

/**
 * The example project compiled for Snowflake and BigQuery matches golden files
 * ({@code dialects/example/<dialect>/<node>.sql}): features, tests, each segmentation's membership and profile
 * query, the queries of its segment tests and ({@code store.<segmentation>.sql}) the membership-store statements
 * of one run. The Snowflake statements DuckDB also accepts return the rows of the DuckDB build; store DDL/DML is
 * run in order after a DuckDB segment build (the list of what DuckDB ran is golden too). BigQuery statements are analysed by ZetaSQL in
 * segflow-bigquery. Regenerate with {@code -Dsegflow.updateGolden=true}.
 */
class ExampleProjectDialectsTest {
    private static final Path ROOT = Path.of("src/test/resources/dialects/example");
    static final Instant STARTED = Instant.parse("2024-12-31T06:00:00Z");

    static CompiledProject compile(String target, SqlDialect dialect) {
        Project project = exampleWithCoreSegmentTypes();
        return new ProjectCompiler(project, new CompileOptions(target, target, dialect, Map.of(), Map.of(), null)).compile();
    }

    /**
     * The example project without model segments (segflow-ml, on this module's classpath): they get their scoring
     * SQL only after training.
     */
    static Project exampleWithCoreSegmentTypes() {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("segflow_project.yml"))) root = root.getParent();
        Project loaded = new ProjectLoader(null).loadProject(root);
        Set<String> coreTypes = SegmentTypes.available().entrySet().stream()
                .filter(e -> e.getValue().getClass().getName().startsWith("io.segflow.core.")).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        return new Project(loaded.root(), loaded.config(), loaded.sources(), loaded.features(), loaded.seeds(),
                loaded.macros(), loaded.singularTests(), loaded.segments().stream()
                .filter(s -> coreTypes.contains(s.type())).toList(), loaded.targets(), loaded.defaultTarget());
    }

    /** Every statement segflow compiles for the project: features, incremental branches, tests. */
    static Map<String, String> statements(CompiledProject cp) {
        Map<String, String> out = new LinkedHashMap<>();
        for (GraphNode n : cp.dag().topologicalOrder()) {
            if (n.kind() != NodeKind.FEATURE) continue;
            CompiledNode c = cp.node(n.id()).orElseThrow();
            out.put(c.name(), c.compiledSql());
            if (c.compiledIncrementalSql() != null) out.put(c.name() + ".incremental", c.compiledIncrementalSql());
        }
        cp.tests().values().stream().sorted((a, b) -> a.name().compareTo(b.name()))
                .forEach(t -> out.put("test." + t.name(), t.compiledSql()));
        StoreDialect d = StoreDialect.of(cp.options().dialect());
        for (CompiledSegment seg : segments(cp)) {
            out.put("segment." + seg.name(), seg.compiledSql());
            if (seg.compiledProfileSql() != null) out.put("segment." + seg.name() + ".profile", seg.compiledProfileSql());
            SegmentTestSql tests = new SegmentTestSql(d, seg);
            for (SegmentTest t : seg.tests()) {
                tests.statements(t).forEach((label, sql) -> out.put("segtest." + t.id().substring(5) + "." + label, sql));
            }
        }
        return out;
    }

    static List<CompiledSegment> segments(CompiledProject cp) {
        return cp.segments().values().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
    }

    /** Per segmentation: the labelled membership-store statements of one run (fixed run id and times). */
    static Map<String, Map<String, String>> storeStatements(CompiledProject cp, StoreDialect d, String schema) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (CompiledSegment seg : segments(cp)) {
            MembershipSql sql = new MembershipSql(d, new MembershipTables(schema, seg.name()),
                    seg.plan().multiMembership());
            out.put(seg.name(), sql.statementsOfOneRun(seg.compiledSql(), "run-20241231", STARTED,
                    STARTED.plusSeconds(5), "definition-hash", seg.minSize(cp.project().config().minSegmentSize())));
        }
        return out;
    }

    /** Golden text of one segmentation's store statements: each after a {@code -- label} line. */
    static String storeText(Map<String, String> statements) {
        StringBuilder sb = new StringBuilder();
        statements.forEach((label, sql) -> sb.append("-- ").append(label).append('\n').append(sql).append(";\n\n"));
        return sb.toString().stripTrailing();
    }

    @Test
    void snowflakeAndBigQueryOutputsMatchGoldenFiles() throws IOException {
        for (Map.Entry<String, SqlDialect> d : Map.of("snowflake", (SqlDialect) SnowflakeSqlDialect.DEFAULT,
                "bigquery", BigQuerySqlDialect.DEFAULT, "postgres", PostgresqlSqlDialect.DEFAULT).entrySet()) {
            CompiledProject cp = compile(d.getKey(), d.getValue());
            Map<String, String> stmts = new LinkedHashMap<>(statements(cp));
            assertTrue(stmts.size() >= 8 + 1 + 15 + 5 + 7, stmts.keySet().toString());
            storeStatements(cp, StoreDialect.of(d.getValue()), MembershipTables.DEFAULT_SCHEMA).forEach((seg, st) -> stmts.put("store." + seg, storeText(st)));
            assertEquals(3, stmts.keySet().stream().filter(k -> k.startsWith("store.")).count());
            Path dir = ROOT.resolve(d.getKey());
            for (Map.Entry<String, String> s : stmts.entrySet()) {
                Path golden = dir.resolve(s.getKey() + ".sql");
                GoldenFile.assertMatches(golden, s.getValue() + "\n", d.getKey() + " " + s.getKey());
            }
            try (var files = Files.list(dir)) {
                assertEquals(stmts.size(), files.count(), "stale golden files in " + dir);
            }
        }
    }

    @Test
    void snowflakeStatementsDuckDbAcceptsReturnTheDuckDbRows() throws IOException {
        CompiledProject duckCp = compile("dev", DuckDBSqlDialect.DEFAULT);
        Map<String, String> duckSql = statements(duckCp);
        CompiledProject snowflakeCp = compile("snowflake", SnowflakeSqlDialect.DEFAULT);
        Map<String, String> snowflakeSql = statements(snowflakeCp);
        TreeSet<String> runnable = new TreeSet<>();
        try (WarehouseAdapter duck = new DuckDbAdapterFactory().open(new TargetConfig("t", "duckdb", Map.of(), null))) {
            new ExampleDataGenerator(500, 3).generate(duck, "raw");
            duck.createSchemaIfMissing("analytics");
            for (CompiledSeed seed : duckCp.seeds().values()) {
                try (io.segflow.core.seed.CsvReader csv = seed.table().open()) {
                    duck.bulkLoad(seed.relation(), seed.columns(), seed.table().rows(csv), true);
                }
            }
            for (Map.Entry<String, String> s : duckSql.entrySet()) {
                String name = s.getKey();
                if (name.startsWith("test.") || name.startsWith("seg") || name.endsWith(".incremental")) continue;
                duck.replaceTable(duckCp.nodeByName(name).orElseThrow().relation(), s.getValue());
            }
            for (CompiledSegment seg : segments(duckCp)) {
                new MembershipStore(duck, new MembershipTables(MembershipTables.DEFAULT_SCHEMA, seg.name()),
                        seg.plan().multiMembership()).write(seg.compiledSql(), "r1", STARTED, seg.definitionHash());
            }
            for (Map.Entry<String, String> s : snowflakeSql.entrySet()) {
                List<String> got;
                try {
                    got = rows(duck, s.getValue());
                } catch (WarehouseException e) {
                    continue; // Snowflake-only syntax (DATEADD, DATEDIFF(DAY, ...)): golden file only
                }
                assertEquals(rows(duck, duckSql.get(s.getKey())), got, s.getKey());
                runnable.add(s.getKey());
            }
            runnable.addAll(storeStatementsOnDuckDb(duck, duckCp, snowflakeCp));
        }
        assertFalse(runnable.isEmpty());
        Path golden = ROOT.resolve("snowflake_runs_on_duckdb.txt");
        String text = String.join("\n", runnable) + "\n";
        GoldenFile.assertMatches(golden, text, "which Snowflake statements also run on DuckDB");
    }

    /**
     * The Snowflake store statements of one run, executed on DuckDB in run order next to the DuckDB ones (each set
     * in its own schema, from the same staged membership): every query Snowflake's text runs returns the DuckDB
     * rows, and the members, history, changes and runs tables end up equal. DuckDB has no TIMESTAMP_NTZ, so an
     * alias type stands in for it. Returns the labels DuckDB ran.
     */
    private static List<String> storeStatementsOnDuckDb(WarehouseAdapter duck, CompiledProject duckCp,
                                                        CompiledProject snowflakeCp) {
        duck.execute("CREATE TYPE timestamp_ntz AS TIMESTAMP");
        Map<String, Map<String, String>> duckStore = storeStatements(duckCp, StoreDialect.of(duck), "duck_run");
        Map<String, Map<String, String>> snowStore = storeStatements(snowflakeCp,
                StoreDialect.of(SnowflakeSqlDialect.DEFAULT), "sf_run");
        List<String> out = new ArrayList<>();
        for (CompiledSegment seg : segments(duckCp)) {
            Map<String, String> mine = duckStore.get(seg.name());
            Map<String, String> theirs = snowStore.get(seg.name());
            MembershipTables duckTables = new MembershipTables("duck_run", seg.name());
            MembershipTables snowTables = new MembershipTables("sf_run", seg.name());
            for (MembershipTables t : List.of(duckTables, snowTables)) {
                duck.createSchemaIfMissing(t.schema());
                duck.replaceTable(t.staging(), mine.get("stage (table query)"));
            }
            for (Map.Entry<String, String> s : theirs.entrySet()) {
                String label = s.getKey();
                // the migration needs the history table of an earlier segflow (MembershipHistoryViewTest runs it)
                if (label.startsWith("stage") || label.startsWith("migrate")) continue;
                boolean query = s.getValue().startsWith("select");
                List<String> expected = query ? rows(duck, mine.get(label)) : null;
                if (!query) duck.execute(mine.get(label));
                try {
                    if (query) assertEquals(expected, rows(duck, s.getValue()), seg.name() + " " + label);
                    else duck.execute(s.getValue());
                    out.add("store." + seg.name() + ": " + label);
                } catch (WarehouseException e) {
                    // not DuckDB syntax: golden file only
                }
            }
            for (java.util.function.Function<MembershipTables, io.segflow.spi.RelationName> table : List.<java.util.function.Function<MembershipTables, io.segflow.spi.RelationName>>of(
                    MembershipTables::members, MembershipTables::history, MembershipTables::historyClosed, MembershipTables::changes,
                    MembershipTables::runs)) {
                assertEquals(rows(duck, "select * from " + duck.render(table.apply(duckTables))),
                        rows(duck, "select * from " + duck.render(table.apply(snowTables))), seg.name());
            }
            assertFalse(rows(duck, "select * from " + duck.render(snowTables.members())).isEmpty());
        }
        return out;
    }

    private static List<String> rows(WarehouseAdapter duck, String sql) {
        List<String> out = new ArrayList<>();
        try (RowStream rs = duck.query("SELECT * FROM (" + sql + ") q ORDER BY ALL")) {
            while (rs.hasNext()) out.add(java.util.Arrays.toString(rs.next()));
        }
        return out;
    }
}
