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
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.junit.jupiter.api.Test;

/**
 * {@link LeanValidator} skips Calcite's walk for unknown types only where it would do nothing, and answers "does this
 * query aggregate" once per select list: every node of every query below gets the same validated type (nullability
 * included) as from Calcite's own validator, and the same error where there is one. The queries put NULL literals,
 * dynamic parameters and CASE (with and without ELSE) at each place the walk starts from (select items, WHERE, ON,
 * HAVING, GROUP BY, ORDER BY, subqueries), and aggregates, windows over aggregates, stars, alias references and
 * ungrouped columns in select lists.
 */
class LeanValidatorTest {
    private static final SqlCatalog CATALOG = DuckDbFixture.catalog();

    private static final List<String> QUERIES = List.of(
            "select customer_id, amount * 2 as twice, coalesce(amount, 0) as amount0 from raw.orders",
            "select case when amount > 100 then 'big' end as size from raw.orders",
            "select case when amount > 100 then amount else null end as big, nullif(status, 'paid') as s"
                    + " from raw.orders",
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
            "select customer_id, upper(status) || '-' || cast(order_id as varchar) as label,"
                    + " order_date + interval '1' day as next_day from raw.orders"
                    + " where ordered_at >= timestamp '2024-01-01 00:00:00'",
            "select array[amount, null] as arr, cardinality(array[1, 2]) as n from raw.orders",
            "select customer_id, sum(amount) as total, count(*) as n, max(ordered_at) as last_at from raw.orders"
                    + " group by customer_id",
            "select customer_id, status, sum(amount) from raw.orders group by customer_id",
            "select status, amount + 1 as a, sum(amount) as s from raw.orders",
            "select sum(amount) as s, count(distinct customer_id) as c, avg(amount) + 1 as a from raw.orders",
            "select customer_id, amount, sum(amount) over (partition by customer_id) as part from raw.orders",
            "select customer_id, rank() over (order by sum(amount) desc) as r from raw.orders group by customer_id",
            "select rank() over (order by sum(amount)) as r, amount from raw.orders",
            "select *, amount * 2 as twice from raw.orders where amount > 1",
            "select sum(amount) as s, s + 1 as t from raw.orders",
            "select amount as a, a * 2 as b, row_number() over (order by a) as rn from raw.orders",
            "select distinct status, order_id + 0 as id from raw.orders order by status",
            "select order_id, (select count(*) from raw.customers c where c.customer_id = o.customer_id) as n,"
                    + " amount from raw.orders o",
            "select customer_id, count(*) as n from raw.orders group by customer_id"
                    + " having count(*) > 1 and max(amount) > 2",
            "select ? as param from raw.orders",
            "select null from raw.orders where null");

    @Test
    void everyNodeIsTypedAsByCalcitesValidator() throws SqlParseException {
        for (String sql : QUERIES) {
            assertEquals(typed(sql, SqlEnvironment::calciteValidator), typed(sql, SqlEnvironment::validator), sql);
        }
    }

    /**
     * Under segflow's conformance Calcite reads the per-item "does this query aggregate" answer only to do nothing
     * with it. Under Calcite's own Babel conformance (a non-strict GROUP BY) it wraps the ungrouped columns of an
     * aggregating query in ANY_VALUE, so a wrong kept answer shows as an error or a different tree.
     */
    @Test
    void keptAggregateAnswersMatchCalcitesUnderANonStrictGroupBy() throws SqlParseException {
        SqlValidator.Config babel = SqlValidator.Config.DEFAULT.withConformance(SqlConformanceEnum.BABEL);
        for (String sql : QUERIES) {
            assertEquals(typed(sql, (r, t) -> SqlValidatorUtil.newValidator(SqlEnvironment.OPERATORS, r, t, babel)),
                    typed(sql, (r, t) -> new LeanValidator(SqlEnvironment.OPERATORS, r, t, babel)), sql);
        }
    }

    @Test
    void theWalkIsSkippedOnlyWhereThereIsNothingToInfer() throws SqlParseException {
        assertFalse(LeanValidator.needsInference(expression("a + b * 2")));
        assertFalse(LeanValidator.needsInference(expression("coalesce(a, 0) > 1 and f(x, 'y')")));
        // a subquery is typed by its own validation, as in Calcite's walk
        assertFalse(LeanValidator.needsInference(expression("a in (select null from t)")));
        assertTrue(LeanValidator.needsInference(expression("a + null")));
        assertTrue(LeanValidator.needsInference(expression("f(a, g(?))")));
        assertTrue(LeanValidator.needsInference(expression("1 + case when a then 1 else 2 end")));
    }

    private static SqlNode expression(String text) throws SqlParseException {
        SqlNode query = SqlEnvironment.parse("select " + text + " from t");
        return ((org.apache.calcite.sql.SqlSelect) query).getSelectList().get(0);
    }

    /** The row type and each node's validated type in tree order, or the validation error. */
    private static List<String> typed(String sql,
                                      BiFunction<CalciteCatalogReader, RelDataTypeFactory, SqlValidator> make)
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
