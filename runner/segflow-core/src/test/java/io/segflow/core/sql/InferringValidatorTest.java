package io.segflow.core.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.validate.SqlValidator;
import org.junit.jupiter.api.Test;

/**
 * {@link InferringValidator} skips Calcite's walk for unknown types only where it would do nothing: every node of
 * every query below gets the same validated type (nullability included) as from Calcite's own validator, and the
 * same error where there is one. The queries put NULL literals, dynamic parameters and CASE (with and without ELSE)
 * at each place the walk starts from (select items, WHERE, ON, HAVING, GROUP BY, ORDER BY, subqueries).
 */
class InferringValidatorTest {
    private static final SqlCatalog CATALOG = DuckDbFixture.catalog();

    private static final List<String> QUERIES = List.of(
            "select customer_id, amount * 2 as twice, coalesce(amount, 0) as amount0 from raw.orders",
            "select case when amount > 100 then 'big' end as size from raw.orders",
            "select case when amount > 100 then amount else null end as big, nullif(status, 'paid') as s from raw.orders",
            "select case status when 'paid' then 1 when 'refunded' then -1 else 0 end as sign from raw.orders",
            "select null as nothing, cast(null as integer) as typed, amount + null as plus from raw.orders",
            "select customer_id from raw.orders where status = ? and amount > ?",
            "select customer_id from raw.orders where amount in (1, null, 3) or status is null",
            "select o.customer_id, c.email from raw.orders o join raw.customers c"
                    + " on o.customer_id = c.customer_id and c.country = coalesce(?, 'DE')",
            "select customer_id, sum(case when status = 'paid' then amount end) as paid from raw.orders"
                    + " group by customer_id having sum(amount) > coalesce(null, 10)",
            "select customer_id, row_number() over (partition by customer_id order by ordered_at desc) as rn,"
                    + " lag(amount) over (order by ordered_at) as prev from raw.orders order by coalesce(amount, ?)",
            "select customer_id, (select max(amount) from raw.orders i where i.customer_id = o.customer_id"
                    + " and i.status <> coalesce(null, 'x')) as top from raw.orders o",
            "select * from (select customer_id, case when amount > 1 then null else amount end as a from raw.orders) t"
                    + " where t.a is not null",
            "select customer_id, upper(status) || '-' || cast(order_id as varchar) as label, order_date + interval '1' day"
                    + " as next_day from raw.orders where ordered_at >= timestamp '2024-01-01 00:00:00'",
            "select array[amount, null] as arr, cardinality(array[1, 2]) as n from raw.orders",
            "select ? as param from raw.orders",
            "select null from raw.orders where null");

    @Test
    void everyNodeIsTypedAsByCalcitesValidator() throws SqlParseException {
        for (String sql : QUERIES) {
            assertEquals(typed(sql, SqlEnvironment::calciteValidator), typed(sql, SqlEnvironment::validator), sql);
        }
    }

    @Test
    void theWalkIsSkippedOnlyWhereThereIsNothingToInfer() throws SqlParseException {
        assertFalse(InferringValidator.needsInference(expression("a + b * 2")));
        assertFalse(InferringValidator.needsInference(expression("coalesce(a, 0) > 1 and f(x, 'y')")));
        // a subquery is typed by its own validation, as in Calcite's walk
        assertFalse(InferringValidator.needsInference(expression("a in (select null from t)")));
        assertTrue(InferringValidator.needsInference(expression("a + null")));
        assertTrue(InferringValidator.needsInference(expression("f(a, g(?))")));
        assertTrue(InferringValidator.needsInference(expression("1 + case when a then 1 else 2 end")));
    }

    private static SqlNode expression(String text) throws SqlParseException {
        return ((org.apache.calcite.sql.SqlSelect) SqlEnvironment.parse("select " + text + " from t")).getSelectList().get(0);
    }

    /** The row type and each node's validated type in tree order, or the validation error. */
    private static List<String> typed(String sql, BiFunction<CalciteCatalogReader, RelDataTypeFactory, SqlValidator> make)
            throws SqlParseException {
        RelDataTypeFactory types = SqlEnvironment.typeFactory();
        SqlValidator validator = make.apply(SqlEnvironment.catalogReader(CATALOG, types), types);
        List<String> out = new ArrayList<>();
        try {
            SqlNode validated = validator.validate(SqlEnvironment.parse(sql));
            out.add(validator.getValidatedNodeType(validated).getFullTypeString());
            walk(validated, validator, out);
        } catch (RuntimeException e) {
            out.add("error: " + e.getMessage());
        }
        return out;
    }

    private static void walk(SqlNode node, SqlValidator validator, List<String> out) {
        if (node == null) return;
        RelDataType type = node instanceof SqlNodeList ? null : validator.getValidatedNodeTypeIfKnown(node);
        out.add(node.getKind() + " " + node + " : " + (type == null ? "-" : type.getFullTypeString()));
        if (node instanceof SqlNodeList list) list.forEach(n -> walk(n, validator, out));
        else if (node instanceof SqlCall call) call.getOperandList().forEach(n -> walk(n, validator, out));
    }
}
