package io.segflow.core.compile;

import io.segflow.core.dbt.ColumnContract;
import io.segflow.core.graph.GraphNode;
import io.segflow.core.project.Feature;
import io.segflow.core.project.FeatureConfig;
import io.segflow.core.render.RenderInputs;
import io.segflow.core.render.TemplateRenderer;
import io.segflow.core.sql.SqlCatalog;
import io.segflow.core.sql.SqlValidation;
import io.segflow.core.sql.ValidatedSql;
import io.segflow.spi.RelationName;
import java.util.Map;

/**
 * Validates one feature against the catalog of its upstream level, or takes it from the compile cache when its
 * render inputs and every upstream relation and row type are unchanged. Safe to call from several threads: the
 * catalog is only read here.
 */
final class FeatureValidation {
    private final SqlCatalog catalog;
    private final NodeKeys keys;
    private final Map<String, ProjectValidator.UpstreamRelation> upstream;
    private final CompileCache cache;

    FeatureValidation(SqlCatalog catalog, NodeKeys keys, Map<String, ProjectValidator.UpstreamRelation> upstream,
                      CompileCache cache) {
        this.catalog = catalog;
        this.keys = keys;
        this.upstream = upstream;
        this.cache = cache;
    }

    ValidatedNode validate(Feature f, FeatureConfig config, GraphNode n, CompileCache.Entry hit, FeatureRender full,
                           FeatureRender incremental, RenderSummary first, TemplateRenderer renderer) {
        RelationName relation = FeatureRelations.relationOf(f, config);
        boolean isIncremental = "incremental".equals(config.materialized());
        String upstreamKey = keys.upstream(n.dependsOn(), upstream);
        SqlValidation validation = new SqlValidation(catalog);
        if (hit != null && hit.upstreamKey().equals(upstreamKey) && cache.covers(hit)) {
            ValidatedSql q = validation.known(hit.renderedSql(), hit.columns(), hit.lineage());
            checkDeclaredTypes(f, hit.columns());
            ValidatedSql qi = hit.incrementalSql() == null ? null : validation.known(hit.incrementalSql(), hit.columns());
            return new ValidatedNode(f.uniqueId(), f.name(), f.path(), relation, config, q, qi, n.dependsOn(),
                    new RenderSummary(hit.overrides(), hit.refs(), hit.sources(), hit.inputs()), hit.checksum(), hit.fingerprint(), hit.compiled(), hit.localKey(), upstreamKey);
        }
        if (full == null) {
            // taken from the cache for its config, but something upstream changed: render now
            full = FeatureRender.of(renderer, f, config, false);
            if (isIncremental) incremental = FeatureRender.of(renderer, f, config, true);
        }
        ValidatedSql q = validation.validate(full.rendered(), full.tree());
        checkDeclaredTypes(f, q.columns());
        ValidatedSql qi = null;
        RenderInputs inputs = first.inputs().plus(full.rendered().inputs());
        if (isIncremental) {
            // Validate the incremental branch against the feature's own (full-refresh) row type.
            SqlCatalog withSelf = catalog.copy();
            withSelf.add(relation, q.columns());
            qi = new SqlValidation(withSelf).validate(incremental.rendered(), incremental.tree());
            inputs = inputs.plus(incremental.rendered().inputs());
        }
        RenderSummary summary = new RenderSummary(first.overrides(), first.refs(), first.sources(), inputs);
        return new ValidatedNode(f.uniqueId(), f.name(), f.path(), relation, config, q, qi, n.dependsOn(), summary,
                ProjectCompiler.checksum(full.rendered().sql() + "\n" + config),
                keys.fingerprint(q, qi, config, upstreamKey, inputs), Map.of(), keys.local(f, inputs), upstreamKey);
    }

    /** Declared column types and dbt contracts hold against the validated row type. */
    private static void checkDeclaredTypes(Feature f, java.util.List<io.segflow.spi.ColumnDef> columns) {
        io.segflow.core.diagnostic.Diagnostics diags = new io.segflow.core.diagnostic.Diagnostics();
        ColumnContract.check(f, columns, diags);
        diags.throwIfErrors();
    }
}
