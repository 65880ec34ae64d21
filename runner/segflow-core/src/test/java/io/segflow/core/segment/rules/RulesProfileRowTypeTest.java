package io.segflow.core.segment.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.segflow.core.diagnostic.SourcePosition;
import io.segflow.core.segment.InputRelation;
import io.segflow.core.sql.DialectCompiler;
import io.segflow.core.sql.SqlCatalog;
import io.segflow.core.sql.SqlValidation;
import io.segflow.core.sql.ValidatedSql;
import io.segflow.spi.ColumnDef;
import io.segflow.spi.RelationName;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.dialect.BigQuerySqlDialect;
import org.apache.calcite.sql.dialect.DuckDBSqlDialect;
import org.apache.calcite.sql.dialect.PostgresqlSqlDialect;
import org.apache.calcite.sql.dialect.SnowflakeSqlDialect;
import org.junit.jupiter.api.Test;

/**
 * A rules segmentation's profile query is typed by {@link RulesSql#profileColumns} instead of being validated: the
 * row type it gives, and the SQL each dialect gets, must be exactly what Calcite's validation of the query gives.
 */
class RulesProfileRowTypeTest {
    private static final RelationName SOURCE = RelationName.of("raw", "shop");
    private static final SourcePosition AT = new SourcePosition(Path.of("segments/s.yml"), 1, 1);
    private static final List<SqlDialect> DIALECTS = List.of(DuckDBSqlDialect.DEFAULT, SnowflakeSqlDialect.DEFAULT,
            BigQuerySqlDialect.DEFAULT, PostgresqlSqlDialect.DEFAULT);

    @Test
    void theDerivedRowTypeAndEveryDialectsSqlAreTheValidatedOnes() {
        SqlCatalog catalog = new SqlCatalog();
        catalog.add(SOURCE, List.of(new ColumnDef("customer_id", "BIGINT", false), ColumnDef.of("email", "VARCHAR"),
                ColumnDef.of("account_no", "INTEGER"), new ColumnDef("revenue", "DECIMAL(12,2)", false),
                ColumnDef.of("orders_count", "INTEGER"), ColumnDef.of("visits", "SMALLINT"),
                ColumnDef.of("clicks", "BIGINT"), new ColumnDef("avg_basket", "DOUBLE", false),
                ColumnDef.of("ratio", "REAL"), ColumnDef.of("Mixed Case", "DOUBLE"), ColumnDef.of("since", "DATE")));
        SqlValidation validation = new SqlValidation(catalog);
        // what a feature over the source gives a segment: its validated columns
        ValidatedSql feature = validation.validateQuery("select * from raw.shop", AT);
        catalog.add(RelationName.of("analytics", "shop_features"), feature.columns());
        InputRelation in = new InputRelation("feature.shop_features", RelationName.of("analytics", "shop_features"),
                feature.columns(), "customer_id");

        List<List<String>> profiles = List.of(List.of(), List.of("revenue", "orders_count", "visits", "clicks"),
                List.of("avg_basket", "ratio", "Mixed Case"), List.of("REVENUE", "Orders_Count"));
        int compared = 0;
        for (String key : List.of("customer_id", "email", "account_no", "Customer_ID")) {
            for (List<String> columns : profiles) {
                String sql = RulesSql.profile(in, key, columns).sql();
                ValidatedSql validated = validation.validateQuery(sql, AT);
                List<ColumnDef> derived = RulesSql.profileColumns(in, key, columns);
                assertEquals(validated.columns(), derived, sql);
                ValidatedSql typed = validation.typedByGenerator(sql, derived, Set.of(in.relation()));
                assertEquals(validated.relationsUsed(), typed.relationsUsed(), sql);
                for (SqlDialect dialect : DIALECTS) {
                    assertEquals(DialectCompiler.compile(validated, dialect), DialectCompiler.compile(typed, dialect),
                            dialect.getClass().getSimpleName() + ": " + sql);
                }
                assertEquals(DialectCompiler.canonical(validated), DialectCompiler.canonical(typed), sql);
                assertEquals(validated.lineage(), typed.lineage(), sql);
                compared++;
            }
        }
        assertEquals(16, compared);
    }
}
