package io.segflow.core.sql.dialect;

import io.segflow.spi.WarehouseAdapterFactory;
import io.segflow.spi.sql.SqlFlavor;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlNode;

/**
 * Which translation a target dialect gets: the {@link SqlFlavor} of the warehouse module whose dialect it is,
 * found through {@link ServiceLoader} without connecting. A dialect no installed warehouse claims is unparsed as
 * parsed (segflow's neutral SQL is DuckDB-flavoured).
 */
public final class TargetDialects {
    /** By dialect instance (Calcite dialects compare by identity); modules are asked only until one claims it. */
    private static final Map<SqlDialect, Optional<SqlFlavor>> FOUND = new ConcurrentHashMap<>();

    private TargetDialects() {
    }

    /** The neutral parse tree translated for {@code dialect} (a new tree; the input is not changed). */
    public static SqlNode translate(SqlNode neutral, SqlDialect dialect, ExpressionTypes types) {
        return flavor(dialect).map(f -> f.translate(neutral, types)).orElse(neutral);
    }

    /** The dialect to unparse with (the flavor's, e.g. with its identifier-quoting rule). */
    public static SqlDialect unparseDialect(SqlDialect dialect) {
        return flavor(dialect).map(SqlFlavor::unparseDialect).orElse(dialect);
    }

    /**
     * The installed flavor whose compile dialect is {@code dialect} itself, else the one whose compile (or unparse)
     * dialect is of {@code dialect}'s class. Two warehouses on one Calcite dialect class are told apart by instance.
     */
    public static Optional<SqlFlavor> flavor(SqlDialect dialect) {
        return FOUND.computeIfAbsent(dialect, TargetDialects::find);
    }

    private static Optional<SqlFlavor> find(SqlDialect dialect) {
        SqlFlavor sameClass = null;
        for (WarehouseAdapterFactory factory : ServiceLoader.load(WarehouseAdapterFactory.class)) {
            SqlFlavor f = factory.flavor();
            if (f.dialect() == dialect) return Optional.of(f);
            if (sameClass == null && (f.dialect().getClass() == dialect.getClass()
                    || f.unparseDialect().getClass() == dialect.getClass())) {
                sameClass = f;
            }
        }
        return Optional.ofNullable(sameClass);
    }
}
