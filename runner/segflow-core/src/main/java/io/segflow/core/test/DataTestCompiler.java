package io.segflow.core.test;

import io.segflow.core.compile.Parallel;
import io.segflow.core.compile.ValidatedTest;
import io.segflow.core.compile.FeatureRelations;
import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.diagnostic.Diagnostics;
import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.diagnostic.SourcePosition;
import io.segflow.core.graph.GraphNode;
import io.segflow.core.graph.NodeKind;
import io.segflow.core.project.ColumnSpec;
import io.segflow.core.project.Feature;
import io.segflow.core.project.FeatureConfig;
import io.segflow.core.project.Project;
import io.segflow.core.project.Seed;
import io.segflow.core.project.SingularTest;
import io.segflow.core.project.SourceTable;
import io.segflow.core.project.TestSpec;
import io.segflow.core.render.RenderRequest;
import io.segflow.core.render.RenderedSql;
import io.segflow.core.render.TemplateRenderer;
import io.segflow.core.sql.SqlValidation;
import io.segflow.core.sql.ValidatedSql;
import io.segflow.spi.RelationName;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plans the data tests of sources and features (and singular tests under tests/), gives the DAG a node
 * per test, and validates each query returning failing rows once (dialects are emitted from the result).
 */
public final class DataTestCompiler {
    private static final Pattern REF = Pattern.compile("ref\\(\\s*['\"]([^'\"]+)['\"]\\s*\\)");
    private static final Pattern SOURCE =
            Pattern.compile("source\\(\\s*['\"]([^'\"]+)['\"]\\s*,\\s*['\"]([^'\"]+)['\"]\\s*\\)");

    private final Project project;
    private final TemplateRenderer renderer;
    private final FeatureRelations relations;
    private final Map<String, FeatureConfig> configs;
    private final Map<String, Plan> plans = new LinkedHashMap<>();

    private record Plan(String id, String name, String kind, String attachedTo, String column, String severity,
                        Path path, String sql, SourcePosition position, Set<String> dependsOn, TestConfig config) {
    }

    public DataTestCompiler(Project project, TemplateRenderer renderer, FeatureRelations relations,
                            Map<String, FeatureConfig> configs) {
        this.project = project;
        this.renderer = renderer;
        this.relations = relations;
        this.configs = configs;
    }

    /** Plans every test and returns their graph nodes; problems in test definitions go to {@code diags}. */
    public List<GraphNode> graphNodes(Diagnostics diags) {
        for (SourceTable s : project.sources()) {
            RelationName rel = relations.source(s.source(), s.table()).orElseThrow();
            String owner = s.source() + "_" + s.table();
            planAll(s.uniqueId(), owner, rel, null, s.tests(), diags);
            for (ColumnSpec c : s.columns()) planAll(s.uniqueId(), owner, rel, c.name(), c.tests(), diags);
        }
        for (Feature f : project.features()) {
            if (!configs.containsKey(f.name())) continue;
            RelationName rel = relations.ref(f.name()).orElseThrow();
            planAll(f.uniqueId(), f.name(), rel, null, f.tests(), diags);
            for (ColumnSpec c : f.columns()) planAll(f.uniqueId(), f.name(), rel, c.name(), c.tests(), diags);
        }
        for (Seed s : project.seeds()) {
            RelationName rel = relations.ref(s.name()).orElseThrow();
            planAll(s.uniqueId(), s.name(), rel, null, s.tests(), diags);
            for (ColumnSpec c : s.columns()) planAll(s.uniqueId(), s.name(), rel, c.name(), c.tests(), diags);
        }
        for (SingularTest t : project.singularTests()) planSingular(t, diags);
        List<GraphNode> nodes = new ArrayList<>();
        for (Plan p : plans.values()) {
            nodes.add(new GraphNode(p.id(), p.name(), NodeKind.TEST, p.path(), Set.of(), p.dependsOn(),
                    p.position()));
        }
        return nodes;
    }

    /** Validates every planned test; tests that fail validation are reported, not returned. */
    public Map<String, ValidatedTest> validateAll(SqlValidation validation, Diagnostics diags) {
        return validateAll(validation, diags, (id, sql) -> java.util.Optional.empty());
    }

    /** A test the compile cache still answers: its query as validated then, its SQL per dialect key, its canonical text. */
    public record Reused(ValidatedSql query, Map<String, String> compiled, String canonical) {
    }

    /** Like {@link #validateAll(SqlValidation, Diagnostics)}; a test {@code reuse} answers (by id and SQL) is not validated again. */
    public Map<String, ValidatedTest> validateAll(SqlValidation validation, Diagnostics diags,
                                                  java.util.function.BiFunction<String, String, java.util.Optional<Reused>> reuse) {
        try (Parallel parallel = new Parallel(1)) {
            return validateAll(validation, diags, reuse, parallel);
        }
    }

    /**
     * Like {@link #validateAll(SqlValidation, Diagnostics, java.util.function.BiFunction)}, on {@code parallel}'s
     * threads (problems are reported in plan order all the same); {@code reuse} must be safe to call from several threads.
     */
    public Map<String, ValidatedTest> validateAll(SqlValidation validation, Diagnostics diags,
                                                  java.util.function.BiFunction<String, String, java.util.Optional<Reused>> reuse,
                                                  Parallel parallel) {
        List<Plan> todo = new ArrayList<>(plans.values());
        List<Object> results = parallel.map(todo, p -> {
            try {
                return validate(p, validation, reuse.apply(p.id(), p.sql()).orElse(null));
            } catch (DiagnosticException e) {
                return e;
            }
        });
        Map<String, ValidatedTest> out = new LinkedHashMap<>();
        for (Object r : results) {
            if (r instanceof ValidatedTest t) out.put(t.id(), t);
            else diags.addAll(((DiagnosticException) r).diagnostics());
        }
        return out;
    }

    private static ValidatedTest validate(Plan p, SqlValidation validation, Reused known) {
        ValidatedSql v = known != null ? known.query() : validation.validateQuery(p.sql(), p.position());
        // dbt's fail_calc: the failure count is this expression over the failing rows
        ValidatedSql failCalc = p.config().failCalc() == null ? null : validation.validateQuery("select "
                + p.config().failCalc() + " as failures from (" + p.sql() + ") as dbt_internal_test", p.position());
        return new ValidatedTest(p.id(), p.name(), p.kind(), p.attachedTo(), p.column(), p.severity(), p.path(), v,
                p.dependsOn(), p.config(), failCalc, known == null ? Map.of() : known.compiled(),
                known == null ? null : known.canonical());
    }

    private void planAll(String ownerId, String owner, RelationName rel, String column, List<TestSpec> specs,
                         Diagnostics diags) {
        for (TestSpec spec : specs) {
            try {
                plan(ownerId, owner, rel, column, spec);
            } catch (DiagnosticException e) {
                diags.addAll(e.diagnostics());
            }
        }
    }

    private void plan(String ownerId, String owner, RelationName rel, String column, TestSpec spec) {
        String relText = relationText(rel);
        Map<String, Object> args = new LinkedHashMap<>(spec.args());
        TestConfig testConfig = new TestConfig((String) args.remove("warn_if"), (String) args.remove("error_if"),
                (String) args.remove("fail_calc"), (String) args.remove("store_failures_as"), null);
        String col = column != null ? column : (String) args.get("column_name");
        Map<?, ?> config = args.get("config") instanceof Map<?, ?> m ? m : Map.of();
        String where = (String) (config.get("where") != null ? config.get("where") : args.get("where"));
        Set<String> deps = new LinkedHashSet<>(Set.of(ownerId));
        String sql;
        switch (spec.kind()) {
            case "not_null" -> sql = DataTestSql.notNull(relText, need(col, spec), where);
            case "unique" -> sql = DataTestSql.unique(relText, need(col, spec), where);
            case "accepted_values" -> {
                Object values = args.get("values");
                if (!(values instanceof Collection<?> list) || list.isEmpty()) {
                    throw error(spec, "accepted_values needs a non-empty 'values' list",
                            "accepted_values: {values: [a, b]}");
                }
                boolean quote = !Boolean.FALSE.equals(args.get("quote"));
                sql = DataTestSql.acceptedValues(relText, need(col, spec), list, quote, where);
            }
            case "relationships" -> {
                String to = (String) args.get("to");
                String field = (String) args.get("field");
                if (to == null || field == null) {
                    throw error(spec, "relationships needs 'to' and 'field'",
                            "relationships: {to: \"ref('customers')\", field: customer_id}");
                }
                String parent = renderer.renderString("{{ " + to + " }}", spec.position()).trim();
                deps.addAll(referencedIds(to));
                sql = DataTestSql.relationships(relText, need(col, spec), parent, field);
            }
            case "expression_is_true" -> {
                String expr = (String) args.get("expression");
                if (expr == null || expr.isBlank()) {
                    throw error(spec, "expression_is_true needs an 'expression'",
                            "expression_is_true: {expression: \"orders >= 0\"}");
                }
                sql = DataTestSql.expressionIsTrue(relText, expr, where);
            }
            default -> {
                String macro = renderer.genericTests().get(spec.kind());
                if (macro == null) {
                    List<String> known = new ArrayList<>(List.of("not_null", "unique", "accepted_values",
                            "relationships", "expression_is_true"));
                    known.addAll(renderer.genericTests().keySet());
                    String hint = io.segflow.core.render.ClosestNames.hint(spec.kind(), known);
                    throw error(spec, "unknown test '" + spec.kind() + "'", hint != null ? hint
                            : "define it with {% test " + spec.kind() + "(model, column_name) %} under macros/ or tests/");
                }
                String template = GenericTestCall.template(macro, relText, col, where, args);
                RenderedSql r = renderer.render(new RenderRequest(spec.position().file(), template, null, false));
                r.refs().forEach(ref -> deps.add(relations.nodeIdOfRef(ref)));
                r.sources().forEach(s -> deps.add("source." + s.source() + "." + s.table()));
                GenericTestCall.strings(args).forEach(v -> deps.addAll(referencedIds(v)));
                sql = r.sql();
            }
        }
        String base = spec.kind() + "_" + owner + (col == null ? "" : "_" + col);
        if (spec.kind().equals("expression_is_true") || spec.kind().equals("relationships")
                || !List.of("not_null", "unique", "accepted_values").contains(spec.kind()) && !args.isEmpty()) {
            base += "_" + Integer.toHexString(sql.hashCode() & 0xfffff);
        }
        String name = unique(base);
        // dbt's test config `limit`: at most this many failing rows are counted
        if (args.get("limit") instanceof Number limit) sql = "select * from (" + sql + ") as limited limit " + limit.longValue();
        String severity = String.valueOf(config.get("severity") != null ? config.get("severity")
                : args.getOrDefault("severity", spec.severity() == null ? "error" : spec.severity()));
        Path path = spec.position() == null ? null : spec.position().file();
        plans.put("test." + name, new Plan("test." + name, name, spec.kind(), ownerId, col, severity, path, sql,
                spec.position(), deps, testConfig.storedIn(RelationName.of(project.config().schema() + "_dbt_test__audit",
                name))));
    }

    private void planSingular(SingularTest t, Diagnostics diags) {
        try {
            RenderedSql r = renderer.render(new RenderRequest(t.path(), t.sql(), null, false));
            Set<String> deps = new LinkedHashSet<>();
            r.refs().forEach(ref -> deps.add(relations.nodeIdOfRef(ref)));
            r.sources().forEach(s -> deps.add("source." + s.source() + "." + s.table()));
            String name = unique(t.name());
            plans.put("test." + name, new Plan("test." + name, name, "singular", null, null, "error", t.path(),
                    r.sql(), SourcePosition.of(t.path()).at(1, 1), deps, TestConfig.DEFAULT));
        } catch (DiagnosticException e) {
            diags.addAll(e.diagnostics());
        }
    }

    private String unique(String base) {
        String name = base.replaceAll("[^A-Za-z0-9_]", "_");
        String candidate = name;
        for (int i = 2; plans.containsKey("test." + candidate); i++) candidate = name + "_" + i;
        return candidate;
    }

    private Set<String> referencedIds(String expr) {
        Set<String> ids = new HashSet<>();
        Matcher m = REF.matcher(expr);
        while (m.find()) ids.add(relations.nodeIdOfRef(m.group(1)));
        m = SOURCE.matcher(expr);
        while (m.find()) ids.add("source." + m.group(1) + "." + m.group(2));
        return ids;
    }

    static String relationText(RelationName rel) {
        String prefix = rel.database() == null ? "" : DataTestSql.ident(rel.database()) + ".";
        return prefix + DataTestSql.ident(rel.schema()) + "." + DataTestSql.ident(rel.name());
    }

    private static String need(String column, TestSpec spec) {
        if (column == null) {
            throw error(spec, spec.kind() + " needs a column",
                    "attach it under a column's tests, or give column_name: in its arguments");
        }
        return column;
    }

    private static DiagnosticException error(TestSpec spec, String message, String hint) {
        return new DiagnosticException(io.segflow.core.diagnostic.Diagnostic.error(ErrorCode.INVALID_VALUE,
                spec.position(), message, hint));
    }
}
