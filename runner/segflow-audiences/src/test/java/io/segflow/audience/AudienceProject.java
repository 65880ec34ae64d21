package io.segflow.audience;

import io.segflow.core.compile.CompileOptions;
import io.segflow.core.compile.CompiledProject;
import io.segflow.core.compile.ProjectCompiler;
import io.segflow.core.execute.ExecuteOptions;
import io.segflow.core.execute.NodeResult;
import io.segflow.core.execute.ProjectExecutor;
import io.segflow.core.graph.GraphNode;
import io.segflow.core.project.ProjectLoader;
import io.segflow.duckdb.DuckDbAdapterFactory;
import io.segflow.spi.RelationName;
import io.segflow.spi.RowStream;
import io.segflow.spi.TargetConfig;
import io.segflow.spi.WarehouseAdapter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.dialect.DuckDBSqlDialect;

/**
 * A small project for audience tests (an in-memory DuckDB unless another warehouse is given): raw.customers (seeded random rows, e-mails written with
 * stray spaces and capitals, the e-mail tagged pii), a feature {@code customers}, segmentations {@code tiers}
 * (first match by revenue, scored by revenue) and {@code flags} (multi: cart, browser), and the given audiences YAML.
 */
final class AudienceProject implements AutoCloseable {
    /** One customer as generated; the tests compute expectations from these rows, never from segflow's tables. */
    record Customer(long id, String email, boolean optedIn, double revenue, int carts, int visits, int daysSinceOrder) {
    }

    static final String SEGMENTS = """
            segments:
              - name: tiers
                type: rules
                from: customers
                rules:
                  - {name: vip, when: "revenue >= 800"}
                  - {name: regular, when: "revenue >= 200"}
                else: low
                score: revenue
              - name: flags
                type: rules
                from: customers
                mode: multi
                rules:
                  - {name: cart, when: "carts >= 2"}
                  - {name: browser, when: "visits >= 5"}
            """;

    static final String AUDIENCES = """
            audiences:
              - name: campaign
                population: customers
                priority:
                  - name: vip_care
                    include: {tiers: [vip]}
                    cap: 5
                  - name: cart_push
                    include: {flags: [cart]}
                  - name: reactivate
                    include: {tiers: [regular], flags: [browser]}
                suppress:
                  - {name: opted_out, from: customers, where: "not opted_in"}
                  - {name: recent, from: customers, where: "days_since_order <= 3"}
                tests:
                  - exclusive
                  - min_size: 1
                exports:
                  - name: ads
                    identifiers:
                      from: customers
                      columns:
                        - {name: email_sha256, column: email, normalize: email}
            """;

    final Path dir;
    final WarehouseAdapter warehouse;
    private final String targetType;
    private final SqlDialect dialect;
    List<Customer> customers;

    /** On an in-memory DuckDB. */
    AudienceProject(Path dir, String audiencesYaml) {
        this(dir, audiencesYaml, new DuckDbAdapterFactory().open(new TargetConfig("test", "duckdb", Map.of(), null)),
                "duckdb", DuckDBSqlDialect.DEFAULT);
    }

    AudienceProject(Path dir, String audiencesYaml, WarehouseAdapter warehouse, String targetType, SqlDialect dialect) {
        this.dir = dir;
        this.warehouse = warehouse;
        this.targetType = targetType;
        this.dialect = dialect;
        try {
            Files.createDirectories(dir.resolve("features"));
            Files.createDirectories(dir.resolve("segments"));
            Files.createDirectories(dir.resolve("audiences"));
            Files.writeString(dir.resolve("segflow_project.yml"), "name: audtest\nprofile: audtest\nschema: analytics\n");
            Files.writeString(dir.resolve("profiles.yml"), "audtest:\n  target: dev\n  outputs:\n    dev: {type: duckdb}\n");
            Files.writeString(dir.resolve("features/sources.yml"), """
                    sources:
                      - name: raw
                        schema: raw
                        tables:
                          - name: customers
                            columns:
                              - {name: customer_id, type: BIGINT}
                              - {name: email, type: VARCHAR, pii: true}
                              - {name: opted_in, type: BOOLEAN}
                              - {name: revenue, type: DOUBLE}
                              - {name: carts, type: INTEGER}
                              - {name: visits, type: INTEGER}
                              - {name: days_since_order, type: INTEGER}
                    features:
                      - name: customers
                        config: {entity_key: customer_id}
                    """);
            Files.writeString(dir.resolve("features/customers.sql"), "select * from {{ source('raw', 'customers') }}\n");
            Files.writeString(dir.resolve("segments/segments.yml"), SEGMENTS);
            Files.writeString(dir.resolve("audiences/campaign.yml"), audiencesYaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces raw.customers with {@code n} seeded random customers. */
    List<Customer> load(int n, long seed) {
        Random r = new Random(seed);
        List<Customer> out = new ArrayList<>();
        for (long id = 1; id <= n; id++) {
            String email = (r.nextBoolean() ? "  " : "") + "User." + id + "@Example.COM" + (r.nextBoolean() ? " " : "");
            out.add(new Customer(id, email, r.nextInt(5) > 0, Math.round(r.nextDouble() * 120000) / 100.0, r.nextInt(4),
                    r.nextInt(9), r.nextInt(60)));
        }
        put(out);
        return out;
    }

    /** {@code n} customers generated in the warehouse (DuckDB SQL; for benchmarks: no rows kept in Java). */
    void generate(long n) {
        warehouse.createSchemaIfMissing("raw");
        warehouse.dropIfExists(RelationName.of("raw", "customers"));
        warehouse.execute("create table raw.customers as select i as customer_id, '  User.' || i || '@Example.COM' as email,"
                + " hash(i, 1) % 5 > 0 as opted_in, (hash(i, 2) % 120000) / 100.0 as revenue, cast(hash(i, 3) % 4 as integer)"
                + " as carts, cast(hash(i, 4) % 9 as integer) as visits, cast(hash(i, 5) % 60 as integer) as days_since_order"
                + " from range(1, " + (n + 1) + ") t(i)");
    }

    void put(List<Customer> rows) {
        customers = List.copyOf(rows);
        warehouse.createSchemaIfMissing("raw");
        warehouse.dropIfExists(RelationName.of("raw", "customers"));
        StringBuilder sql = new StringBuilder("create table raw.customers as select * from (values ");
        for (int i = 0; i < rows.size(); i++) {
            Customer c = rows.get(i);
            sql.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT,
                    "(cast(%d as bigint), '%s', %s, cast(%s as double precision), %d, %d, %d)",
                    c.id(), c.email(), c.optedIn(), c.revenue(), c.carts(), c.visits(), c.daysSinceOrder()));
        }
        warehouse.execute(sql.append(") t(customer_id, email, opted_in, revenue, carts, visits, days_since_order)").toString());
    }

    CompiledProject compile() {
        return new ProjectCompiler(new ProjectLoader(null).loadProject(dir),
                new CompileOptions(targetType, targetType, dialect, Map.of(), Map.of(), null)).compile();
    }

    /** Builds everything (features, segmentations, the audience set, tests) as `segflow build` does. */
    List<NodeResult> build(String runId, boolean force) {
        return build(runId, force, true);
    }

    /** As {@link #build(String, boolean)}; {@code afterRun} false leaves out the overlap matrix and layout. */
    List<NodeResult> build(String runId, boolean force, boolean afterRun) {
        CompiledProject cp = compile();
        ProjectExecutor ex = new ProjectExecutor(cp, warehouse);
        ExecuteOptions options = new ExecuteOptions(1, false, true, true, true, force);
        List<String> ids = cp.dag().topologicalOrder().stream().map(GraphNode::id).toList();
        List<NodeResult> results = ex.execute(ex.plan(ids, options, runId), options, (i, t, res) -> { });
        if (afterRun) AfterRun.apply(cp, warehouse, runId);
        return results;
    }

    List<Object[]> rows(String sql) {
        List<Object[]> out = new ArrayList<>();
        try (RowStream rs = warehouse.query(sql)) {
            while (rs.hasNext()) out.add(rs.next());
        }
        return out;
    }

    @Override
    public void close() {
        warehouse.close();
    }
}
