package io.segflow.core.sql;

import io.segflow.spi.RelationName;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.metadata.RelColumnOrigin;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.sql2rel.StandardConvertletTable;

/**
 * Column lineage through Calcite's relational algebra: output column -> base catalog columns. Computed only on
 * demand (manifest, {@code segflow lineage}, the personal-data gate), from the pristine parse tree.
 */
final class ColumnLineage {
    private ColumnLineage() {
    }

    /**
     * Lineage of each output column of {@code parsed} (not modified). Lineage is informational: when a construct
     * cannot be converted to relational algebra the affected query gets empty origins rather than failing.
     */
    static Map<String, Set<ColumnOrigin>> of(SqlNode parsed, SqlCatalog catalog) {
        RelDataTypeFactory typeFactory = SqlEnvironment.typeFactory();
        CalciteCatalogReader reader = SqlEnvironment.catalogReader(catalog, typeFactory);
        SqlValidator validator = SqlEnvironment.validator(reader, typeFactory);
        Map<String, Set<ColumnOrigin>> lineage = new LinkedHashMap<>();
        RelNode rel;
        List<String> names;
        try {
            SqlNode validated = validator.validate(TreeCopy.of(parsed));
            names = validator.getValidatedNodeType(validated).getFieldNames();
            for (String n : names) lineage.put(n, new LinkedHashSet<>());
            RelOptCluster cluster = RelOptCluster.create(new HepPlanner(HepProgram.builder().build()),
                    new RexBuilder(typeFactory));
            cluster.setMetadataQuerySupplier(ReflectiveMetadata::query);
            // No simplification: constant folding compiles Janino classes and lineage does not need it.
            SqlToRelConverter converter = new SqlToRelConverter((type, query, schemaPath, viewPath) -> null,
                    validator, reader, cluster, StandardConvertletTable.INSTANCE,
                    SqlToRelConverter.config().withTrimUnusedFields(false).withExpand(false)
                            .withRelBuilderConfigTransform(c -> c.withSimplify(false)));
            RelRoot root = converter.convertQuery(validated, false, true);
            rel = root.project();
        } catch (RuntimeException | AssertionError e) {
            return lineage;
        }
        RelMetadataQuery mq = rel.getCluster().getMetadataQuery();
        for (int i = 0; i < names.size() && i < rel.getRowType().getFieldCount(); i++) {
            Set<RelColumnOrigin> origins;
            try {
                origins = mq.getColumnOrigins(rel, i);
            } catch (RuntimeException e) {
                origins = null;
            }
            if (origins == null) continue;
            Set<ColumnOrigin> out = lineage.get(names.get(i));
            for (RelColumnOrigin o : origins) {
                RelOptTable table = o.getOriginTable();
                RelationName relation = catalog.lookup(table.getQualifiedName()).orElse(null);
                if (relation == null) continue;
                String column = table.getRowType().getFieldNames().get(o.getOriginColumnOrdinal());
                out.add(new ColumnOrigin(relation, column));
            }
        }
        return lineage;
    }
}
