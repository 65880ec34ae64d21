package io.segflow.ml.segment;

import io.segflow.core.compile.CompileOptions;
import io.segflow.core.compile.CompiledNode;
import io.segflow.core.compile.CompiledProject;
import io.segflow.core.compile.ProjectCompiler;
import io.segflow.core.execute.ExecuteOptions;
import io.segflow.core.execute.NodeResult;
import io.segflow.core.execute.ProjectExecutor;
import io.segflow.core.execute.RunListener;
import io.segflow.core.graph.NodeSelector;
import io.segflow.core.project.Feature;
import io.segflow.core.project.FeatureConfig;
import io.segflow.core.project.Project;
import io.segflow.ml.TrainingDataException;
import io.segflow.spi.RelationName;
import io.segflow.spi.RowStream;
import io.segflow.spi.TableInfo;
import io.segflow.spi.WarehouseAdapter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Training rows without leakage: the feature relation is rebuilt as of each cutoff date (the project is compiled
 * again with the cutoff var overridden, and the feature's upstream DAG is materialised into
 * {@code <schema>__train_<yyyymmdd>}), and the label is aggregated over the transactions in the window
 * (cutoff, cutoff + window_days] that follows it. Features therefore only see data up to the cutoff.
 */
final class CutoffTraining {
    /** The label: transactions relation, its entity key and date column, window and aggregate SQL (target dialect). */
    record Label(RelationName transactions, String entityKey, String dateColumn, int windowDays, String expression) {
    }

    private final Project project;
    /** The compile's vars (project vars overridden by --vars); the cutoff var is replaced per cutoff. */
    private final Map<String, Object> vars;
    private final ModelDefinition def;
    private final String cutoffVar;
    private final List<String> cutoffs;
    private final Label label;
    /** Schemas {@link #materialise} created, dropped again by {@link #dropMaterialised}. */
    private final java.util.Set<String> materialised = java.util.concurrent.ConcurrentHashMap.newKeySet();

    CutoffTraining(Project project, Map<String, Object> vars, ModelDefinition def, String cutoffVar, List<String> cutoffs,
                   Label label) {
        this.project = project;
        this.vars = vars;
        this.def = def;
        this.cutoffVar = cutoffVar;
        this.cutoffs = List.copyOf(cutoffs);
        this.label = label;
    }

    /**
     * Materialises the features as of every cutoff and returns one SQL query (target dialect) over them with the
     * feature columns, {@code __label} and {@code __cutoff}; rows of all cutoffs are stacked.
     */
    String trainingSql(WarehouseAdapter adapter) {
        String tx = adapter.render(label.transactions());
        String latest;
        try (RowStream rs = adapter.query("SELECT " + ScoringSql.toText(adapter, "MAX(" + adapter.quote(label.dateColumn()) + ")") + " FROM " + tx)) {
            Object v = rs.hasNext() ? rs.next()[0] : null;
            latest = v == null ? null : String.valueOf(v).substring(0, Math.min(10, String.valueOf(v).length()));
        }
        List<String> parts = new ArrayList<>();
        for (String cutoff : cutoffs) {
            String end = LocalDate.parse(cutoff).plusDays(label.windowDays()).toString();
            if (latest == null || latest.compareTo(end) < 0) {
                throw new TrainingDataException(TrainingDataException.Reason.BAD_VALUE, "label", "the label window ("
                        + cutoff + ", " + end + "] ends after the latest " + label.dateColumn() + " in " + tx + " ("
                        + latest + "): outcomes in it are not known yet; use an earlier cutoff or a shorter window");
            }
            String features = adapter.render(materialise(adapter, cutoff));
            String key = adapter.quote(def.entityKey());
            parts.add("SELECT __f.*, __l.__label, CAST('" + cutoff + "' AS DATE) AS __cutoff FROM " + features
                    + " __f JOIN (SELECT __e.__entity, " + label.expression() + " AS __label FROM (SELECT DISTINCT " + key
                    + " AS __entity FROM " + features + ") __e LEFT JOIN (SELECT * FROM " + tx + " WHERE "
                    + adapter.quote(label.dateColumn()) + " > DATE '" + cutoff + "' AND " + adapter.quote(label.dateColumn())
                    + " <= DATE '" + end + "') __w ON __w." + adapter.quote(label.entityKey()) + " = __e.__entity GROUP BY"
                    + " __e.__entity) __l ON __l.__entity = __f." + key);
        }
        return "SELECT * FROM (" + String.join(" UNION ALL ", parts) + ") __training";
    }

    /** Drops the schemas the as-of-cutoff rebuilds went to (once the training rows are pulled, or on failure). */
    void dropMaterialised(WarehouseAdapter adapter) {
        for (String schema : materialised) adapter.dropSchemaIfExists(schema);
        materialised.clear();
    }

    /** Builds the input feature and its upstream features as of {@code cutoff}; returns its relation there. */
    RelationName materialise(WarehouseAdapter adapter, String cutoff) {
        String suffix = "__train_" + cutoff.replace("-", "");
        List<Feature> moved = new ArrayList<>();
        for (Feature f : project.features()) {
            FeatureConfig c = f.config();
            moved.add(new Feature(f.name(), f.path(), f.sql(), new FeatureConfig(c.materialized(), c.schema() + suffix,
                    c.alias(), c.uniqueKey(), c.entityKey(), c.tags(), c.enabled()), f.description(), f.columns(),
                    List.of(), f.propertiesPosition()));
        }
        Project asOf = new Project(project.root(), project.config(), project.sources(), moved, project.seeds(),
                project.macros(), List.of(), List.of(), project.targets(), project.defaultTarget());
        Map<String, Object> asOfVars = new HashMap<>(vars);
        asOfVars.put(cutoffVar, cutoff);
        CompileOptions options = new CompileOptions(project.defaultTarget(), adapter.type(), adapter.dialect(), asOfVars,
                System.getenv(), r -> adapter.describe(r).map(TableInfo::columns));
        CompiledProject cp = new ProjectCompiler(asOf, options).compile();
        String featureName = def.input().nodeId().substring("feature.".length());
        List<String> ids = NodeSelector.select(cp.dag(), List.of("+" + featureName), List.of()).stream()
                .filter(id -> id.startsWith("feature.")).toList();
        for (String id : ids) {
            CompiledNode n = cp.nodes().get(id);
            if (n != null && !n.relation().schema().endsWith(suffix)) {
                throw new IllegalStateException("feature " + n.name() + " sets its schema in config() to "
                        + n.relation().schema() + ", so it cannot be rebuilt as of " + cutoff + " without overwriting it");
            }
        }
        for (String id : ids) if (cp.nodes().get(id) != null) materialised.add(cp.nodes().get(id).relation().schema());
        ExecuteOptions run = new ExecuteOptions(1, true, false, true, false);
        ProjectExecutor executor = new ProjectExecutor(cp, adapter);
        for (NodeResult r : executor.execute(executor.plan(ids, run), run, RunListener.NONE)) {
            if (r.status().isFailure()) {
                throw new IllegalStateException("building " + r.id() + " as of " + cutoff + " failed: " + r.message());
            }
        }
        return cp.nodes().get(def.input().nodeId()).relation();
    }
}
