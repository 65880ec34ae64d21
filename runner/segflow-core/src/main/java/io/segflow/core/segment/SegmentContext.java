package io.segflow.core.segment;

import io.segflow.core.compile.ValidatedNode;
import io.segflow.core.compile.CompiledSeed;
import io.segflow.core.dbt.DbtArtifacts;
import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.diagnostic.Diagnostics;
import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.spi.ColumnDef;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.Util;
import io.segflow.core.diagnostic.SourcePosition;
import io.segflow.core.project.Project;
import io.segflow.core.project.SegmentSpec;
import io.segflow.core.project.SourceTable;
import io.segflow.core.project.Suggestions;
import io.segflow.core.sql.ColumnOrigin;
import io.segflow.core.sql.SqlCatalog;
import io.segflow.core.sql.SqlValidation;
import io.segflow.core.sql.ValidatedSql;
import io.segflow.spi.RelationName;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@link SegmentType} may use while planning: the compiled features and sources, SQL validation
 * against the project catalog with errors positioned in the YAML, and helpers for reading the definition.
 */
public final class SegmentContext {
    private static final Pattern REF = Pattern.compile("^\\s*ref\\(\\s*['\"]([^'\"]+)['\"]\\s*\\)\\s*$");
    private static final Pattern SOURCE =
            Pattern.compile("^\\s*source\\(\\s*['\"]([^'\"]+)['\"]\\s*,\\s*['\"]([^'\"]+)['\"]\\s*\\)\\s*$");

    private final Project project;
    private final SqlCatalog catalog;
    private final Map<String, ValidatedNode> nodes;
    private final Map<String, CompiledSeed> seeds;
    private final PiiLineage pii;
    private final Diagnostics diags;
    private final Map<String, Object> vars;
    private final Map<String, PublishedSegmentation> published;
    /** Expression checks waiting for the membership query (one context per segmentation while planning). */
    private final List<java.util.function.BooleanSupplier> deferred = new ArrayList<>();

    SegmentContext(Project project, SqlCatalog catalog, Map<String, ValidatedNode> nodes, Map<String, CompiledSeed> seeds,
                   PiiLineage pii, Diagnostics diags, Map<String, Object> cliVars) {
        this.project = project;
        Map<String, Object> merged = new LinkedHashMap<>(project.config().vars());
        merged.putAll(cliVars);
        this.vars = Collections.unmodifiableMap(merged);
        this.catalog = catalog;
        this.nodes = nodes;
        this.seeds = seeds;
        this.pii = pii;
        this.diags = diags;
        this.published = Map.of();
    }

    private SegmentContext(SegmentContext shared, Diagnostics diags, Map<String, PublishedSegmentation> published) {
        this.project = shared.project;
        this.vars = shared.vars;
        this.catalog = shared.catalog;
        this.nodes = shared.nodes;
        this.seeds = shared.seeds;
        this.pii = shared.pii;
        this.diags = diags;
        this.published = published;
    }

    /** The same context reporting into {@code diags} (one per segmentation when they are planned in parallel). */
    SegmentContext withDiagnostics(Diagnostics diags) {
        return new SegmentContext(this, diags, published);
    }

    /** The same context, able to resolve the already planned segmentations by name. */
    SegmentContext withSegmentations(Map<String, PublishedSegmentation> byName) {
        return new SegmentContext(this, diags, Map.copyOf(byName));
    }

    /**
     * The published membership of segmentation {@code name} (for types whose
     * {@link SegmentType#readsSegmentations()} is true); reports at {@code keyPath} and returns empty when no such
     * segmentation was planned.
     */
    public Optional<PublishedSegmentation> segmentation(SegmentSpec spec, String keyPath, String name) {
        PublishedSegmentation p = published.get(name);
        if (p != null) return Optional.of(p);
        List<String> names = new ArrayList<>(new TreeSet<>(published.keySet()));
        String hint = Suggestions.didYouMean(name, names);
        diags.error(ErrorCode.UNKNOWN_REF, spec.positionOf(keyPath), "'" + spec.name() + "' reads unknown segmentation '"
                + name + "'", hint != null ? hint : names.isEmpty() ? "define it under segments/"
                : "segmentations: " + String.join(", ", names));
        return Optional.empty();
    }

    /**
     * Validates a neutral query written for the definition at {@code keyPath}; gives, for each output column, the
     * columns tagged {@code pii: true} it is or derives from (an empty set for none). Reports and returns empty
     * when the query is invalid.
     */
    public Optional<Map<String, Set<String>>> personalData(SegmentSpec spec, String keyPath, String sql) {
        ValidatedSql v;
        try {
            v = new SqlValidation(catalog).validateQuery(sql, spec.positionOf(keyPath));
        } catch (DiagnosticException e) {
            diags.addAll(e.diagnostics());
            return Optional.empty();
        }
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (ColumnDef c : v.columns()) {
            Set<String> leaks = new TreeSet<>();
            if (pii.any()) {
                for (ColumnOrigin o : v.lineage().getOrDefault(c.name(), Set.of())) leaks.addAll(pii.piiOrigins(o));
            }
            out.put(c.name(), leaks);
        }
        return Optional.of(out);
    }

    public Project project() {
        return project;
    }

    /** The vars of this compile: the project's, overridden by --vars. */
    public Map<String, Object> vars() {
        return vars;
    }

    /** Reports a positioned problem in the definition (positions from {@link SegmentSpec#positionOf(String)}). */
    public void error(ErrorCode code, SourcePosition position, String message, String hint) {
        diags.error(code, position, message, hint);
    }

    /** The compile's whole diagnostic collection; segment types report through {@link #error} instead. */
    @Deprecated(forRemoval = true)
    public Diagnostics diagnostics() {
        return diags;
    }

    /**
     * Resolves the relation named under {@code key}: a feature name, {@code ref('feature')} or
     * {@code source('source', 'table')}. Reports a positioned error and returns empty when it does not exist.
     */
    public Optional<InputRelation> relation(SegmentSpec spec, String key) {
        Object raw = spec.body().get(key);
        SourcePosition where = spec.positionOf(key);
        if (raw == null) {
            diags.error(ErrorCode.MISSING_KEY, spec.position(), "segment '" + spec.name() + "' has no '" + key + "'",
                    "name the feature it reads, e.g. `" + key + ": customer_features`");
            return Optional.empty();
        }
        String text = String.valueOf(raw);
        Matcher s = SOURCE.matcher(text);
        if (s.matches()) {
            Optional<SourceTable> src = project.source(s.group(1), s.group(2));
            if (src.isPresent()) {
                SourceTable t = src.get();
                RelationName rel = new RelationName(t.database(), t.schema(), t.identifier() == null ? t.table() : t.identifier());
                Optional<List<io.segflow.spi.ColumnDef>> cols = catalog.columns(rel);
                if (cols.isPresent()) return Optional.of(new InputRelation(t.uniqueId(), rel, cols.get(), null));
            }
            diags.error(ErrorCode.UNKNOWN_SOURCE, where, "unknown source " + s.group(1) + "." + s.group(2),
                    "declare it in a sources.yml");
            return Optional.empty();
        }
        Matcher r = REF.matcher(text);
        String name = r.matches() ? r.group(1) : text.trim();
        ValidatedNode node = nodes.get("feature." + name);
        CompiledSeed seed = seeds.values().stream().filter(s2 -> s2.seed().name().equals(name)).findFirst().orElse(null);
        if (node == null && seed != null) {
            return Optional.of(new InputRelation(seed.id(), seed.relation(), seed.columns(), null));
        }
        Optional<SourceTable> dbt = node == null ? project.source(DbtArtifacts.SOURCE_NAME, name) : Optional.empty();
        if (dbt.isPresent()) {
            RelationName rel = new RelationName(dbt.get().database(), dbt.get().schema(), dbt.get().identifier());
            Optional<List<io.segflow.spi.ColumnDef>> cols = catalog.columns(rel);
            if (cols.isPresent()) return Optional.of(new InputRelation(dbt.get().uniqueId(), rel, cols.get(), null));
        }
        if (node == null) {
            List<String> names = new ArrayList<>(nodes.values().stream().map(ValidatedNode::name).toList());
            seeds.values().forEach(s2 -> names.add(s2.seed().name()));
            names.sort(String::compareTo);
            String hint = Suggestions.didYouMean(name, names);
            diags.error(ErrorCode.UNKNOWN_REF, where, "segment '" + spec.name() + "' reads unknown feature or seed '" + name + "'",
                    hint != null ? hint : "features: " + String.join(", ", names));
            return Optional.empty();
        }
        return Optional.of(new InputRelation(node.id(), node.relation(), node.columns(), node.config().entityKey()));
    }

    /** A string value of the definition, or {@code fallback}. */
    public String string(SegmentSpec spec, String key, String fallback) {
        Object v = spec.body().get(key);
        return v == null ? fallback : String.valueOf(v);
    }

    /**
     * Reports keys of {@code map} (found at {@code path} in the definition) that are not in {@code allowed},
     * with a did-you-mean hint. Returns true when all keys are known.
     */
    public boolean checkKeys(SegmentSpec spec, String path, Map<?, ?> map, Collection<String> allowed) {
        boolean ok = true;
        for (Object k : map.keySet()) {
            String key = String.valueOf(k);
            if (allowed.contains(key)) continue;
            ok = false;
            String full = path.isEmpty() ? key : path + "." + key;
            String hint = Suggestions.didYouMean(key, allowed);
            diags.error(ErrorCode.UNKNOWN_KEY, keyPosition(spec, full), "unknown key '" + key + "' in segment '"
                    + spec.name() + "'" + (path.isEmpty() ? "" : " at " + path),
                    hint != null ? hint : "allowed keys: " + String.join(", ", new TreeSet<>(allowed)));
        }
        return ok;
    }

    /** Reports a missing column of an input relation at {@code keyPath}; returns false if missing. */
    public boolean requireColumn(SegmentSpec spec, String keyPath, InputRelation in, String column) {
        if (column != null && in.hasColumn(column)) return true;
        List<String> names = in.columns().stream().map(io.segflow.spi.ColumnDef::name).toList();
        String hint = column == null ? null : Suggestions.didYouMean(column, names);
        diags.error(ErrorCode.UNKNOWN_COLUMN, spec.positionOf(keyPath), column == null
                        ? "segment '" + spec.name() + "' needs '" + keyPath + "' (no default for " + in.relation() + ")"
                        : "unknown column '" + column + "' in " + in.relation(),
                hint != null ? hint : "available columns: " + String.join(", ", names));
        return false;
    }

    /** Reports at {@code keyPath} an existing column that is no DATE or TIMESTAMP; returns false then. */
    public boolean requireDateColumn(SegmentSpec spec, String keyPath, InputRelation in, String column) {
        String type = in.columns().stream().filter(c -> c.name().equalsIgnoreCase(column)).map(ColumnDef::type)
                .findFirst().orElse(null);
        if (type == null || type.startsWith("DATE") || type.startsWith("TIMESTAMP")) return true;
        diags.error(ErrorCode.WRONG_TYPE, spec.positionOf(keyPath), "'" + keyPath + "' must name a date column: '"
                        + column + "' in " + in.relation() + " is " + type,
                "name a DATE or TIMESTAMP column, or cast it in the input feature: cast(" + column + " as date)");
        return false;
    }

    /** An SQL expression of a definition, at {@code keyPath}; a {@code condition} must be boolean. */
    public record Expression(String keyPath, String sql, boolean condition) {
    }

    /**
     * {@link #validateExpression(SegmentSpec, String, String, String, boolean)} for each of {@code expressions} over
     * the same FROM item, with one probe query for all of them (one parse, one validation). Only when that probe
     * fails is each expression validated alone, so problems are reported exactly as one by one. Returns true when
     * all are valid.
     */
    public boolean validateExpressions(SegmentSpec spec, List<Expression> expressions, String fromSql) {
        if (expressions.size() > 1 && !pii.any() && validTogether(spec, expressions, fromSql)) return true;
        boolean ok = true;
        for (Expression e : expressions) ok &= validateExpression(spec, e.keyPath(), e.sql(), fromSql, e.condition());
        return ok;
    }

    /** Whether one probe selecting every expression (each on lines of its own) validates, with one column each. */
    private boolean validTogether(SegmentSpec spec, List<Expression> expressions, String fromSql) {
        try {
            ValidatedSql probe = new SqlValidation(catalog).validateQuery(ExpressionProbe.sql(expressions, fromSql),
                    spec.position());
            // an aggregate is reported one by one
            if (AggregateExpressions.firstAggregate(((SqlSelect) probe.parsed()).getSelectList()) != null) return false;
            List<ColumnDef> columns = probe.columns();
            for (int i = 0; i < columns.size(); i++) {
                if (!columns.get(i).name().equals("p" + i)) return false;
            }
            return columns.size() == expressions.size();
        } catch (DiagnosticException e) {
            return false;
        }
    }

    /**
     * {@link #validateExpressions} for expressions that the membership query of this definition embeds unchanged in
     * the same scope: over {@code in} as {@code "t"}, each condition as a {@code CASE WHEN} condition, each other
     * expression as a select-list operand. When {@link ExpressionProbe#parsesAlone} holds they are only parsed here,
     * and validating the membership query proves them; only if that fails are they validated as
     * {@link #validateExpressions} does, so problems are reported exactly as there. Returns false when problems were
     * reported now.
     */
    public boolean validateExpressionsInMembership(SegmentSpec spec, List<Expression> expressions, InputRelation in) {
        String fromSql = in.sqlName() + " as \"t\"";
        if (pii.any() || expressions.isEmpty() || !ExpressionProbe.parsesAlone(expressions, in)) {
            return validateExpressions(spec, expressions, fromSql);
        }
        deferred.add(() -> validateExpressions(spec, expressions, fromSql));
        return true;
    }

    /** Whether expressions wait for the membership query to prove them ({@link #validateExpressionsInMembership}). */
    boolean hasDeferred() {
        return !deferred.isEmpty();
    }

    /** Validates the deferred expressions on their own (the membership query did not prove them); reports problems. */
    boolean validateDeferred() {
        boolean ok = true;
        for (java.util.function.BooleanSupplier d : deferred) ok &= d.getAsBoolean();
        deferred.clear();
        return ok;
    }

    /** {@link #validateExpression(SegmentSpec, String, String, String, boolean, boolean)}, row by row. */
    public boolean validateExpression(SegmentSpec spec, String keyPath, String expr, String fromSql, boolean condition) {
        return validateExpression(spec, keyPath, expr, fromSql, condition, false);
    }

    /**
     * Validates an SQL expression written in YAML at {@code keyPath} against the columns of {@code fromSql}
     * (a neutral FROM item, e.g. {@code "analytics"."customer_features" as "t"}). A {@code condition} must be
     * boolean. Errors point at the expression inside the YAML file; columns tagged {@code pii: true} that
     * flow into it are refused. An {@code aggregate} expression (a label over a window's rows) may only read
     * columns inside aggregates. Returns true when valid.
     */
    public boolean validateExpression(SegmentSpec spec, String keyPath, String expr, String fromSql, boolean condition,
                                      boolean aggregate) {
        SourcePosition at = expressionStart(spec, keyPath);
        // The expression sits alone on line 2 at its YAML column, so Calcite positions map back exactly.
        String pad = " ".repeat(Math.max(at.column() - 1, 0));
        String probe = condition
                ? "select case when\n" + pad + expr + "\n then 1 end as \"p\" from " + fromSql
                : "select\n" + pad + expr + "\n as \"p\" from " + fromSql;
        ValidatedSql v;
        try {
            v = new SqlValidation(catalog).validateQuery(probe, at.at(Math.max(at.line() - 1, 1), 1));
        } catch (DiagnosticException e) {
            // an aggregate next to a column fails as "not being grouped": say what is wrong instead
            SqlCall rows = aggregate ? null : ExpressionProbe.aggregateIn(expr);
            if (rows != null) {
                SqlParserPos p = rows.getParserPosition(); // within the expression's own text
                rowByRow(rows, p.getLineNum() == 1 ? at.at(at.line(), at.column() + p.getColumnNum() - 1)
                        : at.at(at.line() + p.getLineNum() - 1, p.getColumnNum()), keyPath);
                return false;
            }
            // errors about the probe's own first line (e.g. "expected a boolean") belong to the expression
            for (io.segflow.core.diagnostic.Diagnostic d : e.diagnostics()) {
                boolean onProbeLine = d.position() != null && d.position().line() < at.line();
                diags.add(onProbeLine ? new io.segflow.core.diagnostic.Diagnostic(d.code(), d.severity(), at,
                        condition ? "'" + keyPath + "' must be a condition: " + d.message() : d.message(), d.hint()) : d);
            }
            return false;
        }
        SqlCall rows = aggregate ? null : AggregateExpressions.firstAggregate(((SqlSelect) v.parsed()).getSelectList());
        if (rows != null) {
            SqlParserPos p = rows.getParserPosition(); // within the probe, whose line 2 is the expression's first line
            rowByRow(rows, at.at(at.line() + p.getLineNum() - 2, p.getColumnNum()), keyPath);
            return false;
        }
        SqlIdentifier loose = aggregate ? AggregateExpressions.columnOutsideAggregates(v.parsed()) : null;
        if (loose != null) {
            diags.error(ErrorCode.SQL_VALIDATION, at.at(at.line(), loose.getParserPosition().getColumnNum()), "'" + keyPath
                            + "' must aggregate the window's rows, but reads column '" + Util.last(loose.names)
                            + "' row by row",
                    "wrap it in an aggregate, e.g. count(order_id) = 0 or max(case when status = 'cancelled' then 1 else 0 end) = 1");
            return false;
        }
        List<String> leaks = new ArrayList<>();
        for (Set<ColumnOrigin> origins : pii.any() ? v.lineage().values() : List.<Set<ColumnOrigin>>of()) {
            for (ColumnOrigin o : origins) leaks.addAll(pii.piiOrigins(o));
        }
        if (!leaks.isEmpty()) {
            diags.error(ErrorCode.PRIVACY, at, "segment '" + spec.name() + "' uses personal data in '" + keyPath
                            + "': " + String.join(", ", new TreeSet<>(leaks)),
                    "columns tagged pii: true cannot decide segment membership; use a derived, non-personal feature");
            return false;
        }
        return true;
    }

    private void rowByRow(SqlCall aggregateCall, SourcePosition at, String keyPath) {
        String function = aggregateCall.getOperator().getName().toLowerCase(java.util.Locale.ROOT);
        diags.error(ErrorCode.SQL_VALIDATION, at, "'" + keyPath + "' is decided row by row, but '" + function
                        + "' aggregates rows",
                "aggregate per entity in a feature (group by the entity key) and compare that column here,"
                        + " or use a window: " + function + "(...) over (...)");
    }

    /** Where the text of a YAML scalar starts (after an opening quote, if any; the loader kept it). */
    private static SourcePosition expressionStart(SegmentSpec spec, String keyPath) {
        return spec.textPositionOf(keyPath);
    }

    /** The position of a key itself (its value's position is the best we keep). */
    private static SourcePosition keyPosition(SegmentSpec spec, String path) {
        return spec.positionOf(path);
    }

    SqlCatalog catalog() {
        return catalog;
    }

    PiiLineage pii() {
        return pii;
    }
}
