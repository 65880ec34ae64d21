package io.segflow.core.sql;

import io.segflow.spi.ColumnDef;
import io.segflow.spi.RelationName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
    private final Map<String, List<ColumnDef>> columns = new LinkedHashMap<>();

    /**
     * Adds (or replaces) a relation. Unknown type names are treated as VARCHAR so one odd column does not
     * hide every other error; the loader validates type names where they are declared.
     */
    public synchronized void add(RelationName relation, List<ColumnDef> cols) {
        String key = key(relation);
        relations.put(key, relation);
        columns.put(key, List.copyOf(cols));
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
    public synchronized Optional<List<ColumnDef>> columns(RelationName relation) {
        return Optional.ofNullable(columns.get(key(relation)));
    }

    /** Every relation added so far, in insertion order. */
    public synchronized List<RelationName> relations() {
        return List.copyOf(relations.values());
    }

    SchemaPlus rootSchema() {
        return root;
    }

    /** Finds the relation for a qualified Calcite name (e.g. [schema, table]). */
    synchronized Optional<RelationName> lookup(List<String> qualifiedName) {
        List<String> names = new ArrayList<>(qualifiedName);
        if (names.size() == 2) return Optional.ofNullable(relations.get(key(RelationName.of(names.get(0), names.get(1)))));
        if (names.size() == 3) {
            return Optional.ofNullable(relations.get(key(new RelationName(names.get(0), names.get(1), names.get(2)))));
        }
        return Optional.empty();
    }

    private static SchemaPlus child(SchemaPlus parent, String name) {
        SchemaPlus existing = parent.subSchemas().get(name);
        return existing != null ? existing : parent.add(name, new AbstractSchema());
    }

    private static String key(RelationName r) {
        return ((r.database() == null ? "" : r.database() + ".") + r.schema() + "." + r.name()).toLowerCase(Locale.ROOT);
    }
}
