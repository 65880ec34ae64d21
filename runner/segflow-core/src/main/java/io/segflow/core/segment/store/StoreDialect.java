package io.segflow.core.segment.store;

import io.segflow.core.sql.dialect.TargetDialects;
import io.segflow.spi.RelationName;
import io.segflow.spi.WarehouseAdapter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.dialect.BigQuerySqlDialect;
import org.apache.calcite.sql.dialect.SnowflakeSqlDialect;

/**
 * The few warehouse-specific pieces of the SQL segflow writes by hand (membership tables, segment tests, the
 * report): type names, string and timestamp literals, identifier quoting. Everything else in those statements is
 * the common subset DuckDB, Snowflake and BigQuery share. DuckDB text is unchanged from the original DuckDB-only
 * statements.
 */
public final class StoreDialect {
    /** The warehouse families segflow writes hand-made SQL for. */
    public enum Kind { DUCKDB, SNOWFLAKE, BIGQUERY }

    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS")
            .withZone(ZoneOffset.UTC);

    private final Kind kind;
    private final UnaryOperator<String> quote;
    private final Function<RelationName, String> render;

    private StoreDialect(Kind kind, UnaryOperator<String> quote, Function<RelationName, String> render) {
        this.kind = kind;
        this.quote = quote;
        this.render = render;
    }

    /** The adapter's dialect, quoting and relation rendering (BigQuery names carry the default project). */
    public static StoreDialect of(WarehouseAdapter adapter) {
        return new StoreDialect(kindOf(adapter.dialect()), adapter::quote, adapter::render);
    }

    /** Quoting as the compiler unparses names for {@code dialect} (for statements built without an adapter). */
    public static StoreDialect of(SqlDialect dialect) {
        SqlDialect unparse = TargetDialects.unparseDialect(dialect);
        UnaryOperator<String> quote = name -> unparse.quoteIdentifier(name);
        return new StoreDialect(kindOf(dialect), quote, r -> (r.database() == null ? "" : quote.apply(r.database()) + ".")
                + quote.apply(r.schema()) + "." + quote.apply(r.name()));
    }

    /** Explicit quoting and rendering, e.g. an adapter's statements class used without a connection. */
    public static StoreDialect of(SqlDialect dialect, UnaryOperator<String> quote, Function<RelationName, String> render) {
        return new StoreDialect(kindOf(dialect), quote, render);
    }

    static Kind kindOf(SqlDialect dialect) {
        if (dialect instanceof BigQuerySqlDialect) return Kind.BIGQUERY;
        if (dialect instanceof SnowflakeSqlDialect) return Kind.SNOWFLAKE;
        return Kind.DUCKDB;
    }

    public Kind kind() {
        return kind;
    }

    public String quote(String identifier) {
        return quote.apply(identifier);
    }

    public String render(RelationName relation) {
        return render.apply(relation);
    }

    /** Variable-length text. */
    public String string() {
        return kind == Kind.BIGQUERY ? "string" : "varchar";
    }

    /** 64-bit floating point (Snowflake's DOUBLE is its FLOAT, and DuckDB reads it too). */
    public String float64() {
        return kind == Kind.BIGQUERY ? "float64" : "double";
    }

    public String int64() {
        return kind == Kind.BIGQUERY ? "int64" : "bigint";
    }

    public String bool() {
        return kind == Kind.BIGQUERY ? "bool" : "boolean";
    }

    /** A time without zone, always written in UTC (Snowflake: TIMESTAMP_NTZ whatever the account's mapping). */
    public String timestamp() {
        return kind == Kind.SNOWFLAKE ? "timestamp_ntz" : "timestamp";
    }

    /** A SQL string literal. Snowflake and BigQuery treat backslashes as escapes; BigQuery has no {@code ''}. */
    public String literal(String value) {
        String s = value == null ? "" : value;
        return switch (kind) {
            case DUCKDB -> "'" + s.replace("'", "''") + "'";
            case SNOWFLAKE -> "'" + s.replace("\\", "\\\\").replace("'", "''") + "'";
            case BIGQUERY -> "'" + s.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n")
                    .replace("\r", "\\r") + "'";
        };
    }

    /** A timestamp literal of {@code instant} in UTC, to the microsecond. */
    public String timestampLiteral(Instant instant) {
        String text = TS.format(instant.truncatedTo(ChronoUnit.MICROS));
        return kind == Kind.SNOWFLAKE ? "cast('" + text + "' as timestamp_ntz)" : "timestamp '" + text + "'";
    }

    /** A typed NULL. */
    public String nullOf(String type) {
        return "cast(null as " + type + ")";
    }
}
