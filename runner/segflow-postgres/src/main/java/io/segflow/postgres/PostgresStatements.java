package io.segflow.postgres;

import io.segflow.spi.ColumnDef;
import io.segflow.spi.RelationName;
import io.segflow.spi.TableInfo;
import io.segflow.spi.WarehouseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/** The statements the adapter writes by hand. */
final class PostgresStatements {
    private PostgresStatements() {
    }

    static String drop(TableInfo.Kind kind, String rendered) {
        return "DROP " + (kind == TableInfo.Kind.VIEW ? "VIEW" : "TABLE") + " IF EXISTS " + rendered;
    }

    /** {@code MERGE} (PostgreSQL 15+) of {@code stage} into {@code target} on {@code uniqueKey}, NULL keys matching. */
    static String merge(UnaryOperator<String> quote, String target, String stage, List<String> columns,
            List<String> uniqueKey) {
        Map<String, String> byLower = new LinkedHashMap<>();
        for (String col : columns) byLower.put(col.toLowerCase(Locale.ROOT), col);
        List<String> keys = new ArrayList<>();
        for (String k : uniqueKey) {
            String col = byLower.get(k.toLowerCase(Locale.ROOT));
            if (col == null) {
                throw new WarehouseException("unique_key column '" + k + "' is not among the columns of the query "
                        + "merged into " + target + " " + columns, null);
            }
            keys.add(col);
        }
        Set<String> keySet = keys.stream().map(k -> k.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        String on = keys.stream().map(k -> "t." + quote.apply(k) + " IS NOT DISTINCT FROM s." + quote.apply(k))
                .collect(Collectors.joining(" AND "));
        String updates = columns.stream().filter(col -> !keySet.contains(col.toLowerCase(Locale.ROOT)))
                .map(col -> quote.apply(col) + " = s." + quote.apply(col)).collect(Collectors.joining(", "));
        String insertCols = columns.stream().map(quote).collect(Collectors.joining(", "));
        String insertVals = columns.stream().map(col -> "s." + quote.apply(col)).collect(Collectors.joining(", "));
        return "MERGE INTO " + target + " AS t USING " + stage + " AS s ON (" + on + ")"
                + (updates.isEmpty() ? "" : " WHEN MATCHED THEN UPDATE SET " + updates)
                + " WHEN NOT MATCHED THEN INSERT (" + insertCols + ") VALUES (" + insertVals + ")";
    }

    static void checkSameColumns(RelationName target, TableInfo existing, List<ColumnDef> columns) {
        List<String> have = existing.columns().stream().map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
        List<String> want = columns.stream().map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
        if (existing.kind() != TableInfo.Kind.TABLE || !have.equals(want)) {
            throw new WarehouseException("Cannot append to " + target + ": its columns " + have
                    + " differ from the loaded columns " + want + " (load with replace to recreate it)", null);
        }
    }
}
