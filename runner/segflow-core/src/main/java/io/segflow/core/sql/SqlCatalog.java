package io.segflow.core.sql;

import io.segflow.spi.ColumnDef;
import io.segflow.spi.RelationName;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Supplier;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * The relations SQL is validated against: sources (declared column types) and features (types inferred by
 * validating them in DAG order). Backed by a Calcite schema tree: [database ->] schema -> table.
 * Names are matched case-insensitively, as the warehouses we target do for unquoted names.
 */
public final class SqlCatalog {
    private final SchemaPlus root = CalciteSchema.createRootSchema(false, false).plus();
    private final Map<String, RelationName> relations = new LinkedHashMap<>();
    /** Read by validations on several threads while no relation is added: no lock on lookups. */
    private final Map<String, RelationName> byKey = new ConcurrentHashMap<>();
    private final Map<String, List<ColumnDef>> columns = new ConcurrentHashMap<>();
    /**
     * The first part of every relation's name (its database, else its schema), any case: most two-part names in
     * a query are columns qualified by a table alias, which this answers without building a key.
     */
    private final Set<String> qualifiers = new ConcurrentSkipListSet<>(String.CASE_INSENSITIVE_ORDER);
    private volatile CalciteCatalogReader reader;

    /**
     * Adds (or replaces) a relation. Unknown type names are treated as VARCHAR so one odd column does not
     * hide every other error; the loader validates type names where they are declared.
     */
    public synchronized void add(RelationName relation, List<ColumnDef> cols) {
        String key = key(relation);
        relations.put(key, relation);
        byKey.put(key, relation);
        columns.put(key, List.copyOf(cols));
        qualifiers.add(relation.database() != null ? relation.database() : relation.schema());
        SchemaPlus parent = root;
        if (relation.database() != null) parent = child(parent, relation.database());
        SchemaPlus schema = child(parent, relation.schema());
        schema.add(relation.name(), new CatalogTable(List.copyOf(cols)));
    }

    /** A relation's row type, built once per type factory (validations share one factory). */
    private static final class CatalogTable extends AbstractTable {
        private final List<ColumnDef> cols;
        private volatile Built built;

        private record Built(RelDataTypeFactory factory, RelDataType rowType) {
        }

        CatalogTable(List<ColumnDef> cols) {
            this.cols = cols;
        }

        @Override
        public RelDataType getRowType(RelDataTypeFactory factory) {
            Built cached = built;
            if (cached != null && cached.factory() == factory) return cached.rowType();
            RelDataTypeFactory.Builder b = factory.builder();
            for (ColumnDef c : cols) {
                RelDataType t = SqlTypes.toRelType(factory, c.type(), c.nullable());
                if (t == null) t = SqlTypes.toRelType(factory, "VARCHAR", true);
                b.add(c.name(), t);
            }
            RelDataType rowType = b.build();
            built = new Built(factory, rowType);
            return rowType;
        }
    }

    /** An independent catalog holding the same relations (for validating against a variant). */
    public synchronized SqlCatalog copy() {
        SqlCatalog c = new SqlCatalog();
        for (Map.Entry<String, RelationName> e : relations.entrySet()) c.add(e.getValue(), columns.get(e.getKey()));
        return c;
    }

    /** Columns of a relation, matched case-insensitively. */
    public Optional<List<ColumnDef>> columns(RelationName relation) {
        return Optional.ofNullable(columns.get(key(relation)));
    }

    /** Every relation added so far, in insertion order. */
    public synchronized List<RelationName> relations() {
        return List.copyOf(relations.values());
    }

    SchemaPlus rootSchema() {
        return root;
    }

    /** The catalog reader validations share (made by {@code create} on first use). */
    CalciteCatalogReader reader(Supplier<CalciteCatalogReader> create) {
        CalciteCatalogReader r = reader;
        if (r == null) {
            synchronized (this) {
                if (reader == null) reader = create.get();
                r = reader;
            }
        }
        return r;
    }

    /** Finds the relation for a qualified Calcite name (e.g. [schema, table]). */
    Optional<RelationName> lookup(List<String> qualifiedName) {
        int n = qualifiedName.size();
        if (n != 2 && n != 3 || !qualifiers.contains(qualifiedName.get(0))) return Optional.empty();
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) key.append('.');
            key.append(qualifiedName.get(i));
        }
        return Optional.ofNullable(byKey.get(key.toString().toLowerCase(Locale.ROOT)));
    }

    private static SchemaPlus child(SchemaPlus parent, String name) {
        SchemaPlus existing = parent.subSchemas().get(name);
        return existing != null ? existing : parent.add(name, new AbstractSchema());
    }

    private static String key(RelationName r) {
        return ((r.database() == null ? "" : r.database() + ".") + r.schema() + "." + r.name()).toLowerCase(Locale.ROOT);
    }
}
