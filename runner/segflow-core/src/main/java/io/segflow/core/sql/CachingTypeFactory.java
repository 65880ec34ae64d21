package io.segflow.core.sql;

import io.segflow.spi.sql.BoundedMemo;
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
    private final BoundedMemo<Identity, RelDataType> nullable = new BoundedMemo<>(20_000);
    private final BoundedMemo<Identity, RelDataType> notNull = new BoundedMemo<>(20_000);
    private final BoundedMemo<SqlTypeName, RelDataType> plain = new BoundedMemo<>(SqlTypeName.values().length);

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
        return (isNullable ? nullable : notNull).get(new Identity(type),
                key -> super.createTypeWithNullability(key.type(), isNullable));
    }

    @Override
    public RelDataType createSqlType(SqlTypeName typeName) {
        return plain.get(typeName, super::createSqlType);
    }
}
