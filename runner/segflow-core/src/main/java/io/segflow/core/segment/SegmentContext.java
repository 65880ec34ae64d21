package io.segflow.core.segment;

import io.segflow.core.compile.ValidatedNode;
import io.segflow.core.compile.CompiledSeed;
import io.segflow.core.dbt.DbtArtifacts;
import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.diagnostic.Diagnostics;
import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.spi.ColumnDef;
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
    /** One per context, so checks deferred to the membership query stay with their segmentation. */
    private final ExpressionChecks expressionChecks;

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
        this.expressionChecks = new ExpressionChecks(catalog, pii, diags);
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
        this.expressionChecks = new ExpressionChecks(catalog, pii, diags);
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
        return expressionChecks.validateAll(spec, expressions, fromSql);
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
        return expressionChecks.validateInMembership(spec, expressions, in);
    }

    /** Whether expressions wait for the membership query to prove them ({@link #validateExpressionsInMembership}). */
    boolean hasDeferred() {
        return expressionChecks.hasDeferred();
    }

    /** Validates the deferred expressions on their own (the membership query did not prove them); reports problems. */
    boolean validateDeferred() {
        return expressionChecks.validateDeferred();
    }

    /** {@link #validateExpression(SegmentSpec, String, String, String, boolean, boolean)}, row by row. */
    public boolean validateExpression(SegmentSpec spec, String keyPath, String expr, String fromSql, boolean condition) {
        return expressionChecks.validate(spec, keyPath, expr, fromSql, condition, false);
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
        return expressionChecks.validate(spec, keyPath, expr, fromSql, condition, aggregate);
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
