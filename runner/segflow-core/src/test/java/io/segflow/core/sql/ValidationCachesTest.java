package io.segflow.core.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlNameMatchers;
import org.junit.jupiter.api.Test;

/** The answers validation remembers are the answers Calcite gives. */
class ValidationCachesTest {
    @Test
    void remembersTheSameOperatorsTheTablesFind() {
        var tables = SqlEnvironment.OPERATORS;
        var uncached = ((CachingOperatorTable) tables).delegate();
        for (String name : List.of("coalesce", "COUNT", "date_trunc", "current_date", "iff", "no_such_fn", "amount")) {
            for (boolean caseSensitive : List.of(true, false)) {
                for (SqlFunctionCategory category : new SqlFunctionCategory[] {null, SqlFunctionCategory.SYSTEM,
                        SqlFunctionCategory.USER_DEFINED_FUNCTION}) {
                    for (SqlSyntax syntax : List.of(SqlSyntax.FUNCTION, SqlSyntax.FUNCTION_ID, SqlSyntax.BINARY)) {
                        SqlIdentifier id = new SqlIdentifier(name, SqlParserPos.ZERO);
                        List<SqlOperator> expected = new ArrayList<>();
                        uncached.lookupOperatorOverloads(id, category, syntax, expected,
                                SqlNameMatchers.withCaseSensitive(caseSensitive));
                        for (int twice = 0; twice < 2; twice++) {
                            List<SqlOperator> found = new ArrayList<>();
                            tables.lookupOperatorOverloads(id, category, syntax, found,
                                    SqlNameMatchers.withCaseSensitive(caseSensitive));
                            assertEquals(expected, found, name + " " + category + " " + syntax + " " + caseSensitive);
                        }
                    }
                }
            }
        }
    }

    @Test
    void remembersTheTypesCalciteBuilds() {
        RelDataTypeFactory cached = SqlEnvironment.typeFactory();
        RelDataTypeFactory plain = new JavaTypeFactoryImpl();
        for (SqlTypeName name : List.of(SqlTypeName.BIGINT, SqlTypeName.VARCHAR, SqlTypeName.DECIMAL, SqlTypeName.DATE,
                SqlTypeName.TIMESTAMP, SqlTypeName.BOOLEAN, SqlTypeName.DOUBLE)) {
            assertEquals(plain.createSqlType(name), cached.createSqlType(name), name.toString());
            assertSame(cached.createSqlType(name), cached.createSqlType(name), name.toString());
        }
        RelDataType row = cached.builder().add("id", SqlTypeName.BIGINT).add("name", SqlTypeName.VARCHAR)
                .nullable(true).add("amount", SqlTypeName.DECIMAL, 12, 2).build();
        RelDataType plainRow = plain.builder().add("id", SqlTypeName.BIGINT).add("name", SqlTypeName.VARCHAR)
                .nullable(true).add("amount", SqlTypeName.DECIMAL, 12, 2).build();
        for (boolean nullable : List.of(true, false, true)) {
            RelDataType expected = plain.createTypeWithNullability(plainRow, nullable);
            RelDataType found = cached.createTypeWithNullability(row, nullable);
            assertEquals(expected.getFullTypeString(), found.getFullTypeString());
            assertEquals(expected, found);
            assertSame(found, cached.createTypeWithNullability(row, nullable));
            for (int i = 0; i < 3; i++) {
                assertEquals(nullable || i == 1, found.getFieldList().get(i).getType().isNullable(), "field " + i);
            }
        }
    }
}
