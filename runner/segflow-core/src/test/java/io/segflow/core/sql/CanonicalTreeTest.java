package io.segflow.core.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.dialect.AnsiSqlDialect;
import org.junit.jupiter.api.Test;

/**
 * The fingerprint's canonical text of a parse tree: equal exactly when the trees print the same (what the
 * fingerprint hashed before), so layout, comments and keyword case do not count and every change of meaning does.
 */
class CanonicalTreeTest {
    private static final String BASE = "select a.customer_id, count(distinct a.d) as n, sum(a.amount) * 1.1 as v,\n"
            + "  row_number() over (partition by a.s order by a.amount desc) as r,\n"
            + "  case when a.status = 'done' then 1 else 0 end as flag,\n"
            + "  cast(a.ts as date) as day, a.ts - interval '3' day as earlier\n"
            + "from raw.orders as a left join raw.customers as c on c.id = a.customer_id\n"
            + "where a.amount > 10 and a.note is not null\n"
            + "group by a.customer_id, a.d, a.amount, a.s, a.status, a.ts\n";

    /** Same statement, other layout, comments and keyword case. */
    private static final List<String> SAME = List.of(
            BASE.replace("\n", " ").replace("  ", " "),
            "-- a comment\n" + BASE.replace("select", "SELECT").replace("from", "FROM /* here */"),
            BASE.replace("count(distinct", "COUNT( DISTINCT").replace("left join", "LEFT   JOIN"));

    /** One change of meaning each. */
    private static final List<String> CHANGED = List.of(
            BASE.replace("count(distinct a.d)", "count(a.d)"),
            BASE.replace("* 1.1", "* 1.10"),
            BASE.replace("* 1.1", "* 11e-1"),
            BASE.replace("'done'", "'Done'"),
            BASE.replace("then 1 else 0", "then '1' else 0"),
            BASE.replace("left join", "join"),
            BASE.replace("order by a.amount desc", "order by a.amount"),
            BASE.replace("interval '3' day", "interval '3' month"),
            BASE.replace("interval '3' day", "interval '30' day"),
            BASE.replace("as date", "as timestamp"),
            BASE.replace("a.note is not null", "a.note is null"),
            BASE.replace("a.note is not null", "a.note is not true"),
            BASE.replace("raw.orders", "raw.\"orders\"").replace("raw.customers", "\"RAW\".customers"),
            BASE.replace("as n,", "as m,"),
            BASE.replace("a.ts - interval", "a.ts + interval"),
            BASE.replace("where a.amount > 10", "where a.amount >= 10"),
            BASE.replace("else 0 end", "end"),
            BASE + "having count(*) > 1",
            "select x from t union select x from u",
            "select x from t union all select x from u",
            "select -x from t",
            "select 0 - x from t",
            "select x from t where y = null",
            "select x from t where y = true",
            "select x from t where y = unknown");

    @Test
    void layoutCommentsAndKeywordCaseDoNotCount() throws Exception {
        String base = CanonicalTree.of(SqlEnvironment.parse(BASE));
        for (String sql : SAME) assertEquals(base, CanonicalTree.of(SqlEnvironment.parse(sql)), sql);
    }

    @Test
    void equalExactlyWhenThePrintedStatementsAreEqual() throws Exception {
        List<String> all = new ArrayList<>(List.of(BASE));
        all.addAll(SAME);
        all.addAll(CHANGED);
        for (String a : all) {
            for (String b : all) {
                SqlNode x = SqlEnvironment.parse(a);
                SqlNode y = SqlEnvironment.parse(b);
                boolean printedEqual = printed(x).equals(printed(y));
                boolean canonicalEqual = CanonicalTree.of(x).equals(CanonicalTree.of(y));
                assertEquals(printedEqual, canonicalEqual, a + "\n  vs\n" + b);
            }
        }
        for (String changed : CHANGED.subList(0, 18)) {
            assertNotEquals(CanonicalTree.of(SqlEnvironment.parse(BASE)), CanonicalTree.of(SqlEnvironment.parse(changed)),
                    changed);
        }
    }

    private static String printed(SqlNode node) {
        return node.toSqlString(c -> c.withDialect(AnsiSqlDialect.DEFAULT).withIndentation(0)).getSql();
    }
}
