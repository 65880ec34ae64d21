package io.segflow.core.segment.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.diagnostic.SourcePosition;
import io.segflow.core.segment.InputRelation;
import io.segflow.core.segment.SegmentCompilerAccess;
import io.segflow.core.sql.CanonicalTree;
import io.segflow.core.sql.DialectCompiler;
import io.segflow.core.sql.SqlCatalog;
import io.segflow.core.sql.SqlValidation;
import io.segflow.core.sql.ValidatedSql;
import io.segflow.spi.ColumnDef;
import io.segflow.spi.RelationName;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.dialect.BigQuerySqlDialect;
import org.apache.calcite.sql.dialect.DuckDBSqlDialect;
import org.apache.calcite.sql.dialect.PostgresqlSqlDialect;
import org.apache.calcite.sql.dialect.SnowflakeSqlDialect;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.Litmus;
import org.junit.jupiter.api.Test;

/**
 * A rules segmentation builds the trees of its membership and profile queries instead of having their text parsed.
 * Each built tree must be the parsed one: same nodes, the positions of what the definition wrote, and the same row
 * type, relations, lineage, types, portability and SQL in every dialect once validated. Where a tree cannot be built
 * exactly (Babel syntax, tabs, an expression that does not parse alone), the text is parsed as before.
 */
class RulesQueryTreesTest {
    private static final SourcePosition AT = new SourcePosition(Path.of("segments/s.yml"), 3, 5);
    private static final List<SqlDialect> DIALECTS = List.of(DuckDBSqlDialect.DEFAULT, SnowflakeSqlDialect.DEFAULT,
            BigQuerySqlDialect.DEFAULT, PostgresqlSqlDialect.DEFAULT);
    private static final RelationName REL = RelationName.of("analytics", "shop_features");

    private final SqlCatalog catalog = catalog();
    private final SqlValidation validation = new SqlValidation(catalog);
    private final InputRelation in = new InputRelation("feature.shop_features", REL, catalog.columns(REL).orElseThrow(),
            "customer_id");

    private static SqlCatalog catalog() {
        SqlCatalog catalog = new SqlCatalog();
        catalog.add(REL, List.of(new ColumnDef("customer_id", "BIGINT", false), ColumnDef.of("email", "VARCHAR"),
                new ColumnDef("revenue", "DECIMAL(12,2)", false), ColumnDef.of("orders_count", "INTEGER"),
                ColumnDef.of("churn_p", "DOUBLE"), ColumnDef.of("Mixed Case", "DOUBLE"), ColumnDef.of("since", "DATE"),
                ColumnDef.of("last_seen", "TIMESTAMP"), ColumnDef.of("we\"ird", "INTEGER")));
        catalog.add(new RelationName("warehouse", "analytics", "other"), List.of(ColumnDef.of("id", "BIGINT")));
        return catalog;
    }

    @Test
    void aBuiltMembershipTreeIsTheParsedOneAndValidatesAlike() {
        List<List<RulesSegmentType.Rule>> ruleSets = List.of(
                List.of(rule("vip", "revenue > 1000")),
                List.of(rule("at_risk", "churn_p >= 0.7 and orders_count > 2"), rule("new", "since > date '2024-01-01'"),
                        rule("quiet", "last_seen < timestamp '2024-06-01 00:00:00' - interval '30' day")),
                List.of(rule("o'brien \"quoted\"", "\"Mixed Case\" is not null and email like '%@x.com'")),
                // a name over two lines moves everything after it; an expression over lines moves the next one
                List.of(rule("two\nlines", "revenue\n  > 10"), rule("Größe ✓", "orders_count\n>\n1 or (since is null)")),
                // a word only Babel knows, in names and literals: the text is parsed by Babel, the tree built
                List.of(rule("dateadd", "email = 'x'"), rule("b", "revenue between 1 and 2"),
                        rule("c", "revenue > 1) or (orders_count > 1")),
                List.of(rule("sub", "revenue > (select avg(revenue) from analytics.shop_features)"),
                        rule("in", "orders_count in (1, 2, 3) and not (email like 'x%')"), rule("lateral", "entity_id is not null"),
                        rule("case", "case when churn_p > 0.5 then true else false end"),
                        rule("fn", "abs(churn_p - 0.5) < 0.1 and coalesce(email, '') <> ''"),
                        rule("comment", "revenue > 1 /* big ) */ and orders_count > 0"),
                        rule("odd", "\"we\"\"ird\" = 1")));
        int built = 0;
        for (String key : List.of("customer_id", "email", "we\"ird")) {
            for (List<RulesSegmentType.Rule> rules : ruleSets) {
                for (String elseName : new String[] {null, "others"}) {
                    for (String score : new String[] {null, "revenue", "churn_p * 100", "revenue / nullif(orders_count, 0)"}) {
                        RulesSql.Query q = RulesSql.firstMatch(in, key, rules, elseName, score);
                        assertNotNull(q.tree(), q.sql());
                        ValidatedSql parsed = wrapped(q.sql(), null);
                        ValidatedSql fromTree = wrapped(q.sql(), q.tree());
                        assertSameTree(parsed.parsed(), q.tree(), q.sql());
                        assertSameValidation(parsed, fromTree, q.sql());
                        // a reference to an alias of the same select list is validated from the text
                        boolean lateral = !parsed.portability().lateralAliasRefs().isEmpty();
                        assertEquals(!lateral, fromTree.parsed() == q.tree(), q.sql());
                        if (!lateral) built++;
                    }
                }
            }
        }
        assertEquals(120, built);
    }

    @Test
    void aBuiltProfileTreeIsTheParsedOne() {
        InputRelation elsewhere = new InputRelation("feature.other", new RelationName("warehouse", "analytics", "other"),
                List.of(ColumnDef.of("id", "BIGINT")), "id");
        for (InputRelation relation : List.of(in, elsewhere)) {
            List<String> columns = relation == in ? List.of("revenue", "Mixed Case", "we\"ird") : List.of("id");
            RulesSql.Query q = RulesSql.profile(relation, relation.entityKey(), columns);
            List<ColumnDef> types = RulesSql.profileColumns(relation, relation.entityKey(), columns);
            ValidatedSql parsed = validation.typedByGenerator(q.sql(), null, types, Set.of(relation.relation()));
            ValidatedSql fromTree = validation.typedByGenerator(q.sql(), q.tree(), types, Set.of(relation.relation()));
            assertSameTree(parsed.parsed(), q.tree(), q.sql());
            assertSameValidation(parsed, fromTree, q.sql());
            assertTrue(fromTree.parsed() == q.tree(), q.sql());
        }
    }

    @Test
    void whatCannotBeBuiltExactlyIsParsedFromTheText() {
        for (String when : List.of("revenue::int > 1", "email = 'dateadd'", "revenue > 1 -- a comment", "revenue\t> 1",
                "revenue >\r1")) {
            RulesSql.Query q = RulesSql.firstMatch(in, "customer_id", List.of(rule("a", when)), "b", null);
            assertNull(q.tree(), when);
            if (!when.contains("--")) {
                ValidatedSql v = wrapped(q.sql(), null);
                assertEquals(List.of("entity_id", "segment", "score", "explanation"),
                        v.columns().stream().map(ColumnDef::name).toList(), when);
            }
        }
    }

    @Test
    void aProblemInABuiltTreeIsReportedWhereTheDefinitionWroteIt() {
        for (String[] bad : new String[][] {{"revenue > 1 and stauts = 'x'", null}, {"revenue + email > 1", null},
                {"revenue > 1", "revenue + email"}, {"revenue > 1", "nosuchfn(revenue)"}}) {
            RulesSql.Query q = RulesSql.firstMatch(in, "customer_id", List.of(rule("a", bad[0])), null, bad[1]);
            assertNotNull(q.tree(), q.sql());
            DiagnosticException parsed = assertThrows(DiagnosticException.class, () -> wrapped(q.sql(), null));
            DiagnosticException fromTree = assertThrows(DiagnosticException.class, () -> wrapped(q.sql(), q.tree()));
            assertEquals(parsed.diagnostics(), fromTree.diagnostics(), q.sql());
            assertTrue(fromTree.diagnostics().get(0).position().line() >= AT.line(), q.sql());
        }
    }

    private ValidatedSql wrapped(String sql, SqlNode tree) {
        return validation.validateWrapped(sql, tree, AT, SegmentCompilerAccess::wrappedMembershipColumns);
    }

    private static RulesSegmentType.Rule rule(String name, String when) {
        return new RulesSegmentType.Rule(name, when);
    }

    private static void assertSameValidation(ValidatedSql parsed, ValidatedSql fromTree, String sql) {
        assertEquals(parsed.columns(), fromTree.columns(), sql);
        assertEquals(parsed.relationsUsed(), fromTree.relationsUsed(), sql);
        assertEquals(CanonicalTree.of(parsed), CanonicalTree.of(fromTree), sql);
        assertEquals(parsed.lineage(), fromTree.lineage(), sql);
        assertEquals(parsed.portability(), fromTree.portability(), sql);
        for (SqlNode n : positioned(fromTree.parsed())) {
            assertEquals(parsed.expressionTypes().of(n), fromTree.expressionTypes().of(n), n + " in " + sql);
        }
        for (SqlDialect dialect : DIALECTS) {
            assertEquals(DialectCompiler.compile(parsed, dialect), DialectCompiler.compile(fromTree, dialect),
                    dialect.getClass().getSimpleName() + ": " + sql);
        }
    }

    /**
     * Same nodes, and each built node that has a position (the definition's expressions) has the parsed node's;
     * identifiers quote their parts alike, which is what printing reads of a generated node's position.
     */
    private static void assertSameTree(SqlNode parsed, SqlNode built, String sql) {
        assertTrue(parsed.equalsDeep(built, Litmus.IGNORE), () -> "built:\n" + built + "\nparsed:\n" + parsed);
        List<SqlNode> a = new ArrayList<>();
        List<SqlNode> b = new ArrayList<>();
        flatten(parsed, a);
        flatten(built, b);
        assertEquals(a.size(), b.size(), sql);
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).getClass(), b.get(i).getClass(), sql);
            SqlParserPos p = b.get(i).getParserPosition();
            if (p.getLineNum() != 0) assertEquals(span(a.get(i).getParserPosition()), span(p), b.get(i) + " in " + sql);
            if (a.get(i) instanceof SqlIdentifier x && b.get(i) instanceof SqlIdentifier y) {
                for (int k = 0; k < x.names.size(); k++) {
                    assertEquals(x.getComponentParserPosition(k).isQuoted(), y.getComponentParserPosition(k).isQuoted(),
                            y + " in " + sql);
                }
            }
        }
    }

    private static String span(SqlParserPos p) {
        return p.getLineNum() + ":" + p.getColumnNum() + "-" + p.getEndLineNum() + ":" + p.getEndColumnNum()
                + (p.isQuoted() ? "q" : "");
    }

    private static List<SqlNode> positioned(SqlNode tree) {
        List<SqlNode> all = new ArrayList<>();
        flatten(tree, all);
        return all.stream().filter(n -> n.getParserPosition().getLineNum() != 0).toList();
    }

    private static void flatten(SqlNode node, List<SqlNode> out) {
        if (node == null) return;
        out.add(node);
        if (node instanceof SqlNodeList list) list.forEach(n -> flatten(n, out));
        else if (node instanceof SqlCall call) call.getOperandList().forEach(n -> flatten(n, out));
    }
}
