package io.segflow.postgres;

import io.segflow.spi.ColumnDef;
import io.segflow.spi.RelationName;
import io.segflow.spi.TableInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the catalog says about relations: tables, views, materialised views and foreign tables with their columns
 * ({@code format_type} gives {@code numeric(12,2)} where information_schema splits precision and scale), and the
 * views that depend on a relation, which a swap must carry over (PostgreSQL binds views to the relation, not to
 * its name, unlike DuckDB).
 */
final class PostgresCatalog {
    private static final String RELATIONS = "SELECT c.relname, c.relkind, a.attname, format_type(a.atttypid, a.atttypmod),"
            + " a.attnotnull FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
            + " WHERE n.nspname = ? AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND (? IS NULL OR c.relname = ?)"
            + " ORDER BY c.relname, a.attnum";

    /** Views depending (directly or through other views) on one relation, deepest last, with their definitions. */
    private static final String DEPENDENT_VIEWS = "WITH RECURSIVE deps(oid, depth) AS ("
            + " SELECT r.ev_class, 1 FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_rewrite r ON r.oid = d.objid"
            + " WHERE d.classid = 'pg_catalog.pg_rewrite'::regclass AND d.refobjid = ?::regclass AND r.ev_class <> d.refobjid"
            + " UNION SELECT r.ev_class, deps.depth + 1 FROM deps JOIN pg_catalog.pg_depend d ON d.refobjid = deps.oid"
            + " JOIN pg_catalog.pg_rewrite r ON r.oid = d.objid"
            + " WHERE d.classid = 'pg_catalog.pg_rewrite'::regclass AND r.ev_class <> d.refobjid AND deps.depth < 50)"
            + " SELECT n.nspname, c.relname, pg_catalog.pg_get_viewdef(c.oid, true), max(deps.depth) FROM deps"
            + " JOIN pg_catalog.pg_class c ON c.oid = deps.oid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind = 'v' GROUP BY 1, 2, 3 ORDER BY 4, 1, 2";

    private PostgresCatalog() {
    }

    record DependentView(RelationName name, String definition) {
    }

    /** Relations of one schema (or the one named {@code onlyName}), matched exactly as quoted names are. */
    static List<TableInfo> relations(Connection c, String database, String schema, String onlyName) throws SQLException {
        Map<String, TableInfo.Kind> kinds = new LinkedHashMap<>();
        Map<String, List<ColumnDef>> cols = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(RELATIONS)) {
            ps.setString(1, schema);
            ps.setString(2, onlyName);
            ps.setString(3, onlyName);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String table = rs.getString(1);
                    String kind = rs.getString(2);
                    kinds.putIfAbsent(table, kind.equals("v") || kind.equals("m") ? TableInfo.Kind.VIEW : TableInfo.Kind.TABLE);
                    List<ColumnDef> list = cols.computeIfAbsent(table, k -> new ArrayList<>());
                    if (rs.getString(3) != null) {
                        list.add(new ColumnDef(rs.getString(3), PostgresTypes.portable(rs.getString(4)), !rs.getBoolean(5)));
                    }
                }
            }
        }
        List<TableInfo> out = new ArrayList<>();
        kinds.forEach((table, kind) -> out.add(new TableInfo(new RelationName(database, schema, table), kind, cols.get(table))));
        return out;
    }

    static List<DependentView> dependentViews(Connection c, String renderedRelation) throws SQLException {
        List<DependentView> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(DEPENDENT_VIEWS)) {
            ps.setString(1, renderedRelation);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new DependentView(RelationName.of(rs.getString(1), rs.getString(2)), rs.getString(3)));
                }
            }
        }
        return out;
    }
}
