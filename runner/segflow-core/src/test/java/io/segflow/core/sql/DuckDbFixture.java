package io.segflow.core.sql;

import io.segflow.spi.ColumnDef;
import io.segflow.spi.RelationName;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** A small in-memory DuckDB shop (customers, orders) and the matching {@link SqlCatalog}. */
final class DuckDbFixture implements AutoCloseable {
    static final RelationName ORDERS = RelationName.of("raw", "orders");
    static final RelationName CUSTOMERS = RelationName.of("raw", "customers");

    final Connection connection;

    DuckDbFixture() throws SQLException {
        connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement st = connection.createStatement()) {
            st.execute("create schema raw");
            st.execute("create table raw.customers (customer_id bigint, email varchar, country varchar, signup_date date)");
            st.execute("create table raw.orders (order_id bigint, customer_id bigint, amount decimal(12,2), "
                    + "status varchar, ordered_at timestamp, order_date date)");
            st.execute("insert into raw.customers values (1, 'Ann@x.com', 'DE', date '2023-01-05'),"
                    + " (2, 'bob@y.org', 'FR', date '2023-06-01'), (3, null, 'DE', date '2024-02-29'),"
                    + " (4, 'dora@z.net', null, date '2024-03-10')");
            st.execute("insert into raw.orders values"
                    + " (10, 1, 120.50, 'paid', timestamp '2024-01-03 10:00:00', date '2024-01-03'),"
                    + " (11, 1, 80.00, 'paid', timestamp '2024-02-14 09:30:00', date '2024-02-14'),"
                    + " (12, 1, 15.25, 'refunded', timestamp '2024-03-01 12:00:00', date '2024-03-01'),"
                    + " (13, 2, 300.00, 'paid', timestamp '2024-01-20 18:45:00', date '2024-01-20'),"
                    + " (14, 2, 42.10, 'pending', timestamp '2024-03-15 08:00:00', date '2024-03-15'),"
                    + " (15, 3, 9.99, 'paid', timestamp '2024-03-02 07:15:00', date '2024-03-02'),"
                    + " (16, 3, null, 'cancelled', timestamp '2024-03-03 07:15:00', date '2024-03-03')");
        }
    }

    static SqlCatalog catalog() {
        SqlCatalog catalog = new SqlCatalog();
        catalog.add(CUSTOMERS, List.of(ColumnDef.of("customer_id", "BIGINT"), ColumnDef.of("email", "VARCHAR"),
                ColumnDef.of("country", "VARCHAR"), ColumnDef.of("signup_date", "DATE")));
        catalog.add(ORDERS, List.of(ColumnDef.of("order_id", "BIGINT"), ColumnDef.of("customer_id", "BIGINT"),
                ColumnDef.of("amount", "DECIMAL(12,2)"), ColumnDef.of("status", "VARCHAR"),
                ColumnDef.of("ordered_at", "TIMESTAMP"), ColumnDef.of("order_date", "DATE")));
        return catalog;
    }

    /** All rows as strings, in result order. */
    List<String> rows(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    if (i > 1) sb.append(" | ");
                    Object v = rs.getObject(i);
                    sb.append(v);
                }
                out.add(sb.toString());
            }
        }
        return out;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
