package io.segflow.bigquery;

import io.segflow.spi.RelationName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The GoogleSQL statements the BigQuery adapter sends, as pure functions (ZetaSQL analyses them in tests).
 * Names are rendered {@code `project`.`dataset`.`table`}; BigQuery DDL and MERGE are atomic single statements.
 */
public final class BigQueryStatements {
    private final String defaultProject;

    public BigQueryStatements(String defaultProject) {
        this.defaultProject = defaultProject;
    }

    public static String quote(String identifier) {
        return "`" + identifier.replace("\\", "\\\\").replace("`", "\\`") + "`";
    }

    public String render(RelationName name) {
        String project = name.database() != null ? name.database() : defaultProject;
        return (project == null ? "" : quote(project) + ".") + quote(name.schema()) + "." + quote(name.name());
    }

    public String createSchema(String dataset, String location) {
        String prefix = defaultProject == null ? "" : quote(defaultProject) + ".";
        return "CREATE SCHEMA IF NOT EXISTS " + prefix + quote(dataset)
                + (location == null || location.isBlank() ? "" : " OPTIONS (location = '" + location.replace("'", "") + "')");
    }

    public String replaceTable(RelationName target, String selectSql) {
        return "CREATE OR REPLACE TABLE " + render(target) + " AS\n" + selectSql;
    }

    public String replaceView(RelationName target, String selectSql) {
        return "CREATE OR REPLACE VIEW " + render(target) + " AS\n" + selectSql;
    }

    public String dropTable(RelationName target, boolean view) {
        return "DROP " + (view ? "VIEW" : "TABLE") + " IF EXISTS " + render(target);
    }

    /**
     * MERGE of {@code selectSql}'s rows into {@code target} on {@code uniqueKey} (NULL keys match NULL keys, as on
     * DuckDB). {@code columns} are the query's output columns; key names match them case-insensitively.
     */
    public String merge(RelationName target, String selectSql, List<String> columns, List<String> uniqueKey) {
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
                .map(c -> quote(c) + " = s." + quote(c)).collect(Collectors.joining(", "));
        String cols = columns.stream().map(BigQueryStatements::quote).collect(Collectors.joining(", "));
        String vals = columns.stream().map(c -> "s." + quote(c)).collect(Collectors.joining(", "));
        return "MERGE " + render(target) + " AS t\nUSING (\n" + selectSql + "\n) AS s\nON " + on
                + (updates.isEmpty() ? "" : "\nWHEN MATCHED THEN UPDATE SET " + updates)
                + "\nWHEN NOT MATCHED THEN INSERT (" + cols + ") VALUES (" + vals + ")";
    }

    /** Statements as one BigQuery multi-statement transaction (all or nothing). */
    public static String transaction(List<String> statements) {
        StringBuilder sb = new StringBuilder("BEGIN TRANSACTION;\n");
        for (String s : statements) sb.append(s.strip()).append(";\n");
        return sb.append("COMMIT TRANSACTION;").toString();
    }
}
