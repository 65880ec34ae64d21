package io.segflow.core.compile;

import io.segflow.core.diagnostic.Diagnostic;
import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.project.Feature;
import io.segflow.core.project.FeatureConfig;
import io.segflow.core.render.RenderRequest;
import io.segflow.core.render.RenderedSql;
import io.segflow.core.render.TemplateRenderer;
import io.segflow.core.sql.SqlValidation;
import java.util.List;
import org.apache.calcite.sql.SqlNode;

/**
 * One render of a feature and its parse tree, or what went wrong. A syntax error is kept apart from render
 * errors: it is reported when the feature's turn comes in DAG order, as a validation problem is.
 */
record FeatureRender(RenderedSql rendered, SqlNode parsed, List<Diagnostic> renderProblems,
                     DiagnosticException parseProblem) {

    boolean ok() {
        return renderProblems == null;
    }

    /** The parse tree, or the render/syntax error as an exception. */
    SqlNode tree() {
        if (renderProblems != null) throw new DiagnosticException(renderProblems);
        if (parseProblem != null) throw parseProblem;
        return parsed;
    }

    static FeatureRender of(TemplateRenderer renderer, Feature f, FeatureConfig config, boolean incremental) {
        RenderedSql r;
        try {
            r = renderer.render(new RenderRequest(f.path(), f.sql(), FeatureRelations.relationOf(f, config), incremental));
        } catch (DiagnosticException e) {
            return new FeatureRender(null, null, e.diagnostics(), null);
        }
        try {
            return new FeatureRender(r, SqlValidation.parse(r), null, null);
        } catch (DiagnosticException e) {
            return new FeatureRender(r, null, null, e);
        }
    }
}
