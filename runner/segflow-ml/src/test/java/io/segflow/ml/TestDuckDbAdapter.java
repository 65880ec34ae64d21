package io.segflow.ml;

import io.segflow.spi.ColumnDef;
import io.segflow.spi.RelationName;
import io.segflow.spi.RowStream;
import io.segflow.spi.TableInfo;
import io.segflow.spi.WarehouseAdapter;
import io.segflow.spi.WarehouseException;
import io.segflow.spi.sql.SqlFlavor;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * A minimal test-only {@link WarehouseAdapter} over an in-memory DuckDB JDBC connection: streaming queries and
 * Appender bulk loads, which is all segflow-ml uses. The real adapter lives in segflow-duckdb.
 */
public final class TestDuckDbAdapter implements WarehouseAdapter {
    private final Connection connection;
    /** Number of statements run through {@link #query}, to show what work went to the warehouse. */
    public int queries;

    public TestDuckDbAdapter() {
        try {
            connection = DriverManager.getConnection("jdbc:duckdb:");
        } catch (SQLException e) {
            throw new WarehouseException("cannot open DuckDB", e);
        }
    }

    @Override
    public String type() {
        return "duckdb";
    }

    /** segflow's neutral SQL is DuckDB's: the flavor's defaults with DuckDB's dialect. */
    @Override
    public SqlFlavor flavor() {
        return () -> org.apache.calcite.sql.dialect.DuckDBSqlDialect.DEFAULT;
    }

    @Override
    public String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    @Override
    public void execute(String sql) {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new WarehouseException(e.getMessage(), sql, false, e);
        }
    }

    @Override
    public void executeAtomically(List<String> statements) {
        statements.forEach(this::execute);
    }

    @Override
    public RowStream query(String sql) {
        queries++;
        try {
            Statement s = connection.createStatement();
            ResultSet rs = s.executeQuery(sql);
            ResultSetMetaData md = rs.getMetaData();
            List<ColumnDef> cols = new ArrayList<>();
            int[] types = new int[md.getColumnCount()];
            for (int i = 1; i <= types.length; i++) {
                types[i - 1] = md.getColumnType(i);
                cols.add(ColumnDef.of(md.getColumnName(i), md.getColumnTypeName(i)));
            }
            return new JdbcRowStream(s, rs, cols, types);
        } catch (SQLException e) {
            throw new WarehouseException(e.getMessage(), sql, false, e);
        }
    }

    private static final class JdbcRowStream implements RowStream {
        private final Statement statement;
        private final ResultSet rs;
        private final List<ColumnDef> columns;
        private final int[] types;
        private Boolean ready;

        JdbcRowStream(Statement statement, ResultSet rs, List<ColumnDef> columns, int[] types) {
            this.statement = statement;
            this.rs = rs;
            this.columns = columns;
            this.types = types;
        }

        @Override
        public List<ColumnDef> columns() {
            return columns;
        }

        @Override
        public boolean hasNext() {
            try {
                if (ready == null) {
                    ready = rs.next();
                }
                return ready;
            } catch (SQLException e) {
                throw new WarehouseException(e.getMessage(), e);
            }
        }

        @Override
        public Object[] next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            ready = null;
            try {
                Object[] row = new Object[types.length];
                for (int i = 0; i < row.length; i++) {
                    row[i] = value(i + 1, types[i]);
                }
                return row;
            } catch (SQLException e) {
                throw new WarehouseException(e.getMessage(), e);
            }
        }

        private Object value(int i, int type) throws SQLException {
            Object o = switch (type) {
                case Types.DATE -> rs.getObject(i, java.time.LocalDate.class);
                case Types.TIMESTAMP -> rs.getObject(i, java.time.LocalDateTime.class);
                default -> rs.getObject(i);
            };
            if (o == null) {
                return null;
            }
            if (o instanceof Integer || o instanceof Short || o instanceof Byte) {
                return ((Number) o).longValue();
            }
            if (o instanceof Float f) {
                return f.doubleValue();
            }
            if (o instanceof BigInteger b) {
                return new BigDecimal(b);
            }
            return o;
        }

        @Override
        public void close() {
            try {
                statement.close();
            } catch (SQLException e) {
                throw new WarehouseException(e.getMessage(), e);
            }
        }
    }

    @Override
    public Optional<TableInfo> describe(RelationName name) {
        throw new UnsupportedOperationException("not needed by segflow-ml tests");
    }

    @Override
    public List<TableInfo> listRelations(String schema) {
        throw new UnsupportedOperationException("not needed by segflow-ml tests");
    }

    @Override
    public void createSchemaIfMissing(String schema) {
        execute("CREATE SCHEMA IF NOT EXISTS " + quote(schema));
    }

    @Override
    public void replaceTable(RelationName target, String selectSql) {
        execute("CREATE OR REPLACE TABLE " + render(target) + " AS " + selectSql);
    }

    @Override
    public void replaceView(RelationName target, String selectSql) {
        execute("CREATE OR REPLACE VIEW " + render(target) + " AS " + selectSql);
    }

    @Override
    public void mergeInto(RelationName target, String selectSql, List<String> uniqueKey) {
        throw new UnsupportedOperationException("not needed by segflow-ml tests");
    }

    @Override
    public long bulkLoad(RelationName target, List<ColumnDef> columns, Iterator<Object[]> rows, boolean replace) {
        List<String> defs = columns.stream().map(c -> quote(c.name()) + " " + c.type()).toList();
        execute((replace ? "CREATE OR REPLACE TABLE " : "CREATE TABLE IF NOT EXISTS ") + render(target)
                + " (" + String.join(", ", defs) + ")");
        long n = 0;
        try (DuckDBAppender appender = connection.unwrap(DuckDBConnection.class)
                .createAppender(target.schema(), target.name())) {
            while (rows.hasNext()) {
                Object[] row = rows.next();
                appender.beginRow();
                for (Object v : row) {
                    if (v == null) {
                        appender.appendNull();
                    } else if (v instanceof Long l) {
                        appender.append(l.longValue());
                    } else if (v instanceof Integer i) {
                        appender.append(i.intValue());
                    } else if (v instanceof Double d) {
                        appender.append(d.doubleValue());
                    } else if (v instanceof Boolean b) {
                        appender.append(b.booleanValue());
                    } else if (v instanceof BigDecimal b) {
                        appender.append(b);
                    } else {
                        appender.append(v.toString());
                    }
                }
                appender.endRow();
                n++;
            }
        } catch (SQLException e) {
            throw new WarehouseException(e.getMessage(), e);
        }
        return n;
    }

    @Override
    public void dropIfExists(RelationName name) {
        execute("DROP TABLE IF EXISTS " + render(name));
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new WarehouseException(e.getMessage(), e);
        }
    }
}
