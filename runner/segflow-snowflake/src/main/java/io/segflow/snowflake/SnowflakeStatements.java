package io.segflow.snowflake;

import io.segflow.spi.RelationName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Snowflake SQL the adapter sends, as pure functions. Identifiers follow segflow's Snowflake rule (the same as
 * the compiler's, {@link SnowflakeUnparseDialect#needsQuote}): plain names unquoted (Snowflake upper-cases them), anything else double-quoted.
 */
public final class SnowflakeStatements {
    private SnowflakeStatements() {
    }

    public static String quote(String identifier) {
        if (!SnowflakeUnparseDialect.needsQuote(identifier)) return identifier;
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    public static String render(RelationName n) {
        return (n.database() == null ? "" : quote(n.database()) + ".") + quote(n.schema()) + "." + quote(n.name());
    }

    /**
     * An atomic table replace: build a staging table, then {@code SWAP WITH} the existing table (or rename the
     * staging table into place when there is none). Readers see the old or the new table, never a partial one.
     */
    public static List<String> replaceTable(RelationName target, String selectSql, boolean targetIsTable,
                                            boolean targetIsView) {
        RelationName stage = target.withName(target.name() + "__segflow_stage");
        List<String> out = new ArrayList<>();
        out.add("CREATE OR REPLACE TABLE " + render(stage) + " AS\n" + selectSql);
        if (targetIsTable) {
            out.add("ALTER TABLE " + render(target) + " SWAP WITH " + render(stage));
            out.add("DROP TABLE IF EXISTS " + render(stage));
        } else {
            if (targetIsView) out.add("DROP VIEW IF EXISTS " + render(target));
            out.add("ALTER TABLE " + render(stage) + " RENAME TO " + render(target));
        }
        return out;
    }

    public static String replaceView(RelationName target, String selectSql) {
        return "CREATE OR REPLACE VIEW " + render(target) + " AS\n" + selectSql;
    }

    public static String merge(RelationName target, String selectSql, List<String> columns, List<String> uniqueKey) {
        Map<String, String> byLower = new LinkedHashMap<>();
        for (String c : columns) byLower.put(c.toLowerCase(Locale.ROOT), c);
        List<String> keys = new ArrayList<>();
        for (String k : uniqueKey) {
            String c = byLower.get(k.toLowerCase(Locale.ROOT));
            if (c == null) throw new IllegalArgumentException("unique_key column '" + k + "' is not among " + columns);
            keys.add(c);
        }
        Set<String> keySet = keys.stream().map(k -> k.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        String on = keys.stream().map(k -> "t." + quote(k) + " IS NOT DISTINCT FROM s." + quote(k))
                .collect(Collectors.joining(" AND "));
        String updates = columns.stream().filter(c -> !keySet.contains(c.toLowerCase(Locale.ROOT)))
                .map(c -> "t." + quote(c) + " = s." + quote(c)).collect(Collectors.joining(", "));
        String cols = columns.stream().map(SnowflakeStatements::quote).collect(Collectors.joining(", "));
        String vals = columns.stream().map(c -> "s." + quote(c)).collect(Collectors.joining(", "));
        return "MERGE INTO " + render(target) + " AS t USING (\n" + selectSql + "\n) AS s ON (" + on + ")"
                + (updates.isEmpty() ? "" : " WHEN MATCHED THEN UPDATE SET " + updates)
                + " WHEN NOT MATCHED THEN INSERT (" + cols + ") VALUES (" + vals + ")";
    }

    public static String queryTag(String tag) {
        return "ALTER SESSION SET QUERY_TAG = '" + tag.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
