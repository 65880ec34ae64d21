package io.segflow.core.segment.store;

import io.segflow.core.sql.dialect.TargetDialects;
import io.segflow.spi.RelationName;
import io.segflow.spi.WarehouseAdapter;
import io.segflow.spi.sql.SqlFlavor;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.calcite.sql.SqlDialect;

/**
 * The few warehouse-specific pieces of the SQL segflow writes by hand (membership tables, segment tests, the
 * report): type names, string and timestamp literals, identifier quoting, each asked of the warehouse's
 * {@link SqlFlavor}. Everything else in those statements is the common subset the warehouses share.
 */
public final class StoreDialect {
    private final SqlFlavor flavor;
    private final UnaryOperator<String> quote;
    private final Function<RelationName, String> render;

    private StoreDialect(SqlFlavor flavor, UnaryOperator<String> quote, Function<RelationName, String> render) {
        this.flavor = flavor;
        this.quote = quote;
        this.render = render;
    }

    /** The adapter's flavor, quoting and relation rendering (an adapter may add defaults such as a project). */
    public static StoreDialect of(WarehouseAdapter adapter) {
        return new StoreDialect(adapter.flavor(), adapter::quote, adapter::render);
    }

    /** Quoting as the compiler unparses names for {@code dialect} (for statements built without an adapter). */
    public static StoreDialect of(SqlDialect dialect) {
        SqlFlavor flavor = flavorOf(dialect);
        UnaryOperator<String> quote = flavor::quote;
        return new StoreDialect(flavor, quote, r -> (r.database() == null ? "" : quote.apply(r.database()) + ".")
                + quote.apply(r.schema()) + "." + quote.apply(r.name()));
    }

    /** Explicit quoting and rendering, e.g. an adapter's statements class used without a connection. */
    public static StoreDialect of(SqlDialect dialect, UnaryOperator<String> quote, Function<RelationName, String> render) {
        return new StoreDialect(flavorOf(dialect), quote, render);
    }

    private static SqlFlavor flavorOf(SqlDialect dialect) {
        return TargetDialects.flavor(dialect).orElseThrow(() -> new IllegalArgumentException(
                "no warehouse module on the classpath claims SQL dialect " + dialect.getClass().getSimpleName()));
    }

    public SqlFlavor flavor() {
        return flavor;
    }

    public String quote(String identifier) {
        return quote.apply(identifier);
    }

    public String render(RelationName relation) {
        return render.apply(relation);
    }

    /** Variable-length text. */
    public String string() {
        return flavor.stringType();
    }

    /** 64-bit floating point. */
    public String float64() {
        return flavor.float64Type();
    }

    public String int64() {
        return flavor.int64Type();
    }

    public String bool() {
        return flavor.booleanType();
    }

    /** A time without zone, always written in UTC. */
    public String timestamp() {
        return flavor.timestampType();
    }

    /** A SQL string literal. */
    public String literal(String value) {
        return flavor.stringLiteral(value);
    }

    /** A timestamp literal of {@code instant} in UTC, to the microsecond. */
    public String timestampLiteral(Instant instant) {
        return flavor.timestampLiteral(instant);
    }

    /** The membership table's {@code updated_at} column when created from the staging table. */
    public String updatedAtTemplate() {
        return flavor.membershipUpdatedAtTemplate();
    }

    /** A typed NULL. */
    public String nullOf(String type) {
        return "cast(null as " + type + ")";
    }
}
