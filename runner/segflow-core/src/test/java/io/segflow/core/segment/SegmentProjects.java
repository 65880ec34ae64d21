package io.segflow.core.segment;

import io.segflow.core.compile.CompileOptions;
import io.segflow.core.compile.CompiledProject;
import io.segflow.core.compile.ProjectCompiler;
import io.segflow.core.project.Project;
import io.segflow.core.project.ProjectLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.dialect.DuckDBSqlDialect;

/**
 * A tiny project for segment tests: raw.customers (with a pii email) and raw.orders, a feature
 * {@code customers} over the first and {@code orders} over the second, and the given segments/*.yml text.
 */
final class SegmentProjects {
    static final String SOURCES = """
            sources:
              - name: raw
                schema: raw
                tables:
                  - name: customers
                    columns:
                      - {name: customer_id, type: BIGINT}
                      - {name: email, type: VARCHAR, pii: true}
                      - {name: revenue, type: DOUBLE}
                      - {name: orders_count, type: INTEGER}
                      - {name: country, type: VARCHAR}
                  - name: orders
                    columns:
                      - {name: order_id, type: BIGINT}
                      - {name: customer_id, type: BIGINT}
                      - {name: order_date, type: DATE}
                      - {name: revenue, type: DOUBLE}
                  - name: rfm_orders
                    columns:
                      - {name: customer_id, type: VARCHAR}
                      - {name: order_date, type: DATE}
                      - {name: revenue, type: DOUBLE}
            features:
              - name: customers
                config: {entity_key: customer_id}
            """;

    private SegmentProjects() {
    }

    static Path write(Path dir, String segmentsYaml) {
        try {
            Files.createDirectories(dir.resolve("features"));
            Files.createDirectories(dir.resolve("segments"));
            Files.writeString(dir.resolve("segflow_project.yml"), """
                    name: segtest
                    profile: segtest
                    schema: analytics
                    min_segment_size: 2
                    """);
            Files.writeString(dir.resolve("profiles.yml"), """
                    segtest:
                      target: dev
                      outputs:
                        dev: {type: duckdb, path: ":memory:"}
                    """);
            Files.writeString(dir.resolve("features/sources.yml"), SOURCES);
            Files.writeString(dir.resolve("features/customers.sql"), "select * from {{ source('raw', 'customers') }}\n");
            Files.writeString(dir.resolve("features/orders.sql"), "select * from {{ source('raw', 'orders') }}\n");
            Files.writeString(dir.resolve("segments/segments.yml"), segmentsYaml);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CompiledProject compile(Path dir) {
        Project project = new ProjectLoader(null).loadProject(dir);
        CompileOptions options = new CompileOptions("dev", "duckdb", DuckDBSqlDialect.DEFAULT, Map.of(), Map.of(), null);
        return new ProjectCompiler(project, options).compile();
    }

    /** Creates raw.customers / raw.orders with rows and the two feature views. */
    static void load(Connection c, String customerRows, String orderRows) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("create schema if not exists raw");
            st.execute("create schema if not exists analytics");
            st.execute("create or replace table raw.customers (customer_id bigint, email varchar, revenue double, "
                    + "orders_count integer, country varchar)");
            st.execute("create or replace table raw.orders (order_id bigint, customer_id bigint, order_date date, revenue double)");
            if (!customerRows.isBlank()) st.execute("insert into raw.customers values " + customerRows);
            if (!orderRows.isBlank()) st.execute("insert into raw.orders values " + orderRows);
            st.execute("create or replace view analytics.customers as select * from raw.customers");
            st.execute("create or replace view analytics.orders as select * from raw.orders");
        }
    }

    static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= n; i++) sb.append(i > 1 ? "|" : "").append(rs.getObject(i));
                out.add(sb.toString());
            }
        }
        return out;
    }
}
