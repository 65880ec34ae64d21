package io.segflow.core.sql;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Calcite's type factory, remembering the answers the validator asks for again and again. Every type it returns
 * is interned, so equal questions get the identical answer either way; remembering skips rebuilding and re-interning
 * it. Two questions dominate: a row type made nullable (asked for each column reference into the outer side of a
 * join, copying and interning every field of the row) and a plain SQL type (asked for each literal).
 */
final class CachingTypeFactory extends JavaTypeFactoryImpl {
    /** Bounds the memory a long-lived process spends; past it the answers are forgotten and built again. */
    private static final int MAX_ENTRIES = 20_000;

    private final Map<Identity, RelDataType> nullable = new ConcurrentHashMap<>();
    private final Map<Identity, RelDataType> notNull = new ConcurrentHashMap<>();
    private final Map<SqlTypeName, RelDataType> plain = new ConcurrentHashMap<>();

    /** A type compared by identity: interned types are equal exactly when identical, and digests are slow to compare. */
    private record Identity(RelDataType type) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Identity other && other.type == type;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(type);
        }
    }

    @Override
    public RelDataType createTypeWithNullability(RelDataType type, boolean isNullable) {
        Map<Identity, RelDataType> answers = isNullable ? nullable : notNull;
        Identity key = new Identity(type);
        RelDataType found = answers.get(key);
        if (found == null) {
            found = super.createTypeWithNullability(type, isNullable);
            if (answers.size() >= MAX_ENTRIES) answers.clear();
            answers.put(key, found);
        }
        return found;
    }

    @Override
    public RelDataType createSqlType(SqlTypeName typeName) {
        RelDataType found = plain.get(typeName);
        if (found == null) {
            found = super.createSqlType(typeName);
            plain.put(typeName, found);
        }
        return found;
    }
}
