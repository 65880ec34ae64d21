package io.segflow.core.segment.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
import java.util.List;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.dialect.BigQuerySqlDialect;
import org.apache.calcite.sql.dialect.DuckDBSqlDialect;
import org.apache.calcite.sql.dialect.PostgresqlSqlDialect;
import org.apache.calcite.sql.dialect.SnowflakeSqlDialect;
import org.junit.jupiter.api.Test;

/**
 * A first-match rules segmentation's membership query is validated through its inner select only, its row type
 * given by the membership contract: row type, relations read, canonical text, lineage, every dialect's SQL and
 * every error must be exactly what validating the whole query gives.
 */
class RulesMembershipRowTypeTest {
    private static final SourcePosition AT = new SourcePosition(Path.of("segments/s.yml"), 3, 5);
    private static final List<SqlDialect> DIALECTS = List.of(DuckDBSqlDialect.DEFAULT, SnowflakeSqlDialect.DEFAULT,
            BigQuerySqlDialect.DEFAULT, PostgresqlSqlDialect.DEFAULT);

    @Test
    void theContractRowTypeAndEveryDialectsSqlAreTheWholeQuerysOnes() {
        SqlCatalog catalog = new SqlCatalog();
        RelationName rel = RelationName.of("analytics", "shop_features");
        catalog.add(rel, List.of(new ColumnDef("customer_id", "BIGINT", false), ColumnDef.of("email", "VARCHAR"),
                new ColumnDef("revenue", "DECIMAL(12,2)", false), ColumnDef.of("orders_count", "INTEGER"),
                ColumnDef.of("churn_p", "DOUBLE"), ColumnDef.of("Mixed Case", "DOUBLE"), ColumnDef.of("since", "DATE"),
                ColumnDef.of("last_seen", "TIMESTAMP")));
        SqlValidation validation = new SqlValidation(catalog);
        InputRelation in = new InputRelation("feature.shop_features", rel, catalog.columns(rel).orElseThrow(),
                "customer_id");
        List<List<RulesSegmentType.Rule>> ruleSets = List.of(
                List.of(new RulesSegmentType.Rule("vip", "revenue > 1000")),
                List.of(new RulesSegmentType.Rule("at_risk", "churn_p >= 0.7 and orders_count > 2"),
                        new RulesSegmentType.Rule("new", "since > date '2024-01-01'"),
                        new RulesSegmentType.Rule("quiet", "last_seen < timestamp '2024-06-01 00:00:00' - interval '30' day")),
                List.of(new RulesSegmentType.Rule("o'brien \"quoted\"", "\"Mixed Case\" is not null and email like '%@x.com'")));
        int compared = 0;
        for (String key : List.of("customer_id", "email", "Customer_ID")) {
            for (List<RulesSegmentType.Rule> rules : ruleSets) {
                for (String elseName : new String[] {null, "others"}) {
                    for (String score : new String[] {null, "revenue", "churn_p * 100", "orders_count"}) {
                        String sql = RulesSql.firstMatch(in, key, rules, elseName, score).sql();
                        ValidatedSql whole = validation.validateQuery(sql, AT);
                        ValidatedSql wrapped = validation.validateWrapped(sql, AT,
                                SegmentCompilerAccess::wrappedMembershipColumns);
                        assertEquals(whole.columns(), wrapped.columns(), sql);
                        assertEquals(whole.relationsUsed(), wrapped.relationsUsed(), sql);
                        assertEquals(CanonicalTree.of(whole), CanonicalTree.of(wrapped), sql);
                        assertEquals(whole.lineage(), wrapped.lineage(), sql);
                        for (SqlDialect dialect : DIALECTS) {
                            assertEquals(DialectCompiler.compile(whole, dialect), DialectCompiler.compile(wrapped, dialect),
                                    dialect.getClass().getSimpleName() + ": " + sql);
                        }
                        compared++;
                    }
                }
            }
        }
        assertEquals(72, compared);
    }

    @Test
    void aWrongPredicateOrScoreIsReportedAsValidatingTheWholeQueryReportsIt() {
        SqlCatalog catalog = new SqlCatalog();
        RelationName rel = RelationName.of("analytics", "f");
        catalog.add(rel, List.of(new ColumnDef("id", "BIGINT", false), ColumnDef.of("status", "VARCHAR"),
                ColumnDef.of("amount", "DOUBLE")));
        SqlValidation validation = new SqlValidation(catalog);
        InputRelation in = new InputRelation("feature.f", rel, catalog.columns(rel).orElseThrow(), "id");
        for (String[] bad : new String[][] {{"amount > 1 and stauts = 'x'", null}, {"amount + status > 1", null},
                {"amount > 1", "amount + status"}, {"amount > 1", "nosuchfn(amount)"}, {"amount >", null}}) {
            String sql = RulesSql.firstMatch(in, "id", List.of(new RulesSegmentType.Rule("a", bad[0])), null, bad[1]).sql();
            DiagnosticException whole = assertThrows(DiagnosticException.class, () -> validation.validateQuery(sql, AT));
            DiagnosticException wrapped = assertThrows(DiagnosticException.class,
                    () -> validation.validateWrapped(sql, AT, SegmentCompilerAccess::wrappedMembershipColumns));
            assertEquals(whole.diagnostics(), wrapped.diagnostics(), sql);
        }
    }
}
