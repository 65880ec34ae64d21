package io.segflow.core.sql;

import io.segflow.core.diagnostic.Diagnostic;
import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.diagnostic.SourcePosition;
import io.segflow.core.render.ClosestNames;
import io.segflow.core.render.LineMap;
import io.segflow.core.render.RenderedSql;
import io.segflow.core.sql.dialect.ExpressionTypes;
import io.segflow.spi.ColumnDef;
import io.segflow.spi.RelationName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.fun.SqlLibrary;
import org.apache.calcite.sql.validate.SqlValidator;

/**
 * Parses and validates rendered SQL against a {@link SqlCatalog}, reporting errors at template positions,
 * and derives the output columns, column lineage and relations used.
 */
public final class SqlValidation {
    private static final Pattern OBJECT_NOT_FOUND = Pattern.compile("(?:Object|Table) '([^']*)' not found(?: within '([^']*)')?");
    private static final Pattern COLUMN_NOT_FOUND = Pattern.compile(
            "Column '([^']*)' not found in (?:any table|table '([^']*)')|Unknown identifier '([^']*)'"
            // Babel's lateral column aliases make an unknown select-list column "depend on itself"
            + "|The definition of column '([^']*)' depends on itself");
    private static final Pattern NO_FUNCTION = Pattern.compile("No match found for function signature (.*)");
    private static final Pattern ENCOUNTERED = Pattern.compile("Encountered \"(.*?)\" at line \\d+, column \\d+", Pattern.DOTALL);

    private final SqlCatalog catalog;

    public SqlValidation(SqlCatalog catalog) {
        this.catalog = catalog;
    }

    /** Validates a rendered template; errors point into the template through its {@link LineMap}. */
    public ValidatedSql validate(RenderedSql rendered) {
        return validate(rendered.sql(), rendered.lineMap());
    }

    /** Parses a rendered template once (syntax errors point into the template); see {@link #validate(RenderedSql, SqlNode)}. */
    public static SqlNode parse(RenderedSql rendered) {
        StatementSize.check(rendered.sql().length(), rendered.lineMap().map(1, 1));
        try {
            return SqlEnvironment.parse(rendered.sql());
        } catch (SqlParseException e) {
            throw new DiagnosticException(syntaxError(e, rendered.lineMap()));
        }
    }

    /** Validates a template already parsed by {@link #parse(RenderedSql)}; {@code parsed} is not modified. */
    public ValidatedSql validate(RenderedSql rendered, SqlNode parsed) {
        return validateParsed(rendered.sql(), parsed, rendered.lineMap());
    }

    /**
     * A query validated in an earlier run (the compile cache): its text and row type; lineage, if asked for, parses
     * and converts it then.
     */
    public ValidatedSql known(String sql, List<ColumnDef> columns) {
        return known(sql, columns, null);
    }

    /** Like {@link #known(String, List)} with the lineage kept from that run too (null: computed if asked for). */
    public ValidatedSql known(String sql, List<ColumnDef> columns, Map<String, List<ColumnOrigin>> lineage) {
        if (lineage != null) {
            Map<String, Set<ColumnOrigin>> kept = new LinkedHashMap<>();
            lineage.forEach((column, origins) -> kept.put(column, new LinkedHashSet<>(origins)));
            return new ValidatedSql(sql, null, columns, () -> kept, Set.of(), ExpressionTypes.NONE, Portability.NONE);
        }
        SqlCatalog lineageCatalog = catalog;
        return new ValidatedSql(sql, null, columns, () -> {
            try {
                return ColumnLineage.of(SqlEnvironment.parse(sql), lineageCatalog);
            } catch (SqlParseException e) {
                return Map.of();
            }
        }, Set.of(), ExpressionTypes.NONE, Portability.NONE);
    }

    /**
     * Generated SQL whose row type its generator knows ({@link io.segflow.core.segment.SegmentPlan#profileColumns}):
     * parsed once for emission, typed as given, not validated; lineage, if asked for, converts it then.
     */
    public ValidatedSql typedByGenerator(String sql, List<ColumnDef> columns, Set<RelationName> reads) {
        return typedByGenerator(sql, null, columns, reads);
    }

    /** Like {@link #typedByGenerator(String, List, Set)} with the tree its generator built (null: parsed). */
    public ValidatedSql typedByGenerator(String sql, SqlNode built, List<ColumnDef> columns, Set<RelationName> reads) {
        SqlNode tree = built != null ? built : parseGenerated(sql);
        SqlCatalog lineageCatalog = catalog;
        return new ValidatedSql(sql, tree, columns, () -> ColumnLineage.of(tree, lineageCatalog), reads,
                ExpressionTypes.NONE, Portability.NONE);
    }

    private static SqlNode parseGenerated(String sql) {
        try {
            return SqlEnvironment.parse(sql);
        } catch (SqlParseException e) {
            throw new IllegalStateException("generated SQL does not parse: " + sql, e);
        }
    }

    /** Validates generated SQL (segments, tests); positions are offset from {@code origin}. */
    public ValidatedSql validateQuery(String sql, SourcePosition origin) {
        return validate(sql, LineMap.offset(origin));
    }

    /**
     * Generated SQL {@code select ... from (<inner select>) as r ...} whose outer select only relabels the inner
     * select's columns and maps them to literals. The inner select, which holds everything a user wrote, is
     * validated within the whole text (positions, types, checks and relations read are what validating the whole
     * gives); the row type is {@code rowType} of the inner row type; emission and lineage use the whole tree.
     * Anything of another shape is validated whole.
     */
    public ValidatedSql validateWrapped(String sql, SourcePosition origin,
                                        java.util.function.UnaryOperator<List<ColumnDef>> rowType) {
        return validateWrapped(sql, null, origin, rowType);
    }

    /**
     * Like {@link #validateWrapped(String, SourcePosition, java.util.function.UnaryOperator)} with the tree the
     * generator built ({@link GeneratedTrees}; null: parsed). A problem is reported from the parsed text, so that
     * every position is where the definition wrote it.
     */
    public ValidatedSql validateWrapped(String sql, SqlNode built, SourcePosition origin,
                                        java.util.function.UnaryOperator<List<ColumnDef>> rowType) {
        LineMap lineMap = LineMap.offset(origin);
        if (built != null) {
            StatementSize.check(sql.length(), lineMap.map(1, 1));
            try {
                ValidatedSql v = wrapped(sql, built, lineMap, rowType);
                // the validator types a reference to an alias of the same select list by the alias's position,
                // which a generated alias does not have
                if (v.portability().lateralAliasRefs().isEmpty()) return v;
            } catch (DiagnosticException e) {
                // the generated parts of a built tree have no position: the text's own tree says where
            }
        }
        return wrapped(sql, parseChecked(sql, lineMap), lineMap, rowType);
    }

    private ValidatedSql wrapped(String sql, SqlNode parsed, LineMap lineMap,
                                 java.util.function.UnaryOperator<List<ColumnDef>> rowType) {
        if (!(parsed instanceof SqlSelect outer) || !(outer.getFrom() instanceof SqlCall as)
                || as.getKind() != org.apache.calcite.sql.SqlKind.AS || !(as.operand(0) instanceof SqlSelect inner)) {
            return validateParsed(sql, parsed, lineMap);
        }
        ValidatedSql validated = validateParsed(sql, inner, lineMap);
        SqlCatalog lineageCatalog = catalog;
        return new ValidatedSql(sql, parsed, rowType.apply(validated.columns()),
                () -> ColumnLineage.of(parsed, lineageCatalog), validated.relationsUsed(), validated.expressionTypes(),
                validated.portability());
    }

    private ValidatedSql validate(String sql, LineMap lineMap) {
        return validateParsed(sql, parseChecked(sql, lineMap), lineMap);
    }

    /** The parse tree of generated SQL; a statement too large or not parsing is a positioned error. */
    private static SqlNode parseChecked(String sql, LineMap lineMap) {
        StatementSize.check(sql.length(), lineMap.map(1, 1));
        try {
            return SqlEnvironment.parse(sql);
        } catch (SqlParseException e) {
            throw new DiagnosticException(syntaxError(e, lineMap));
        }
    }

    /**
     * Validates a tree {@link SqlEnvironment#parse} produced from {@code sql}. The tree itself is kept pristine
     * (validation works on a copy): it is what dialects are unparsed from.
     */
    ValidatedSql validateParsed(String sql, SqlNode parsed, LineMap lineMap) {
        // catalog relations named anywhere in the query (FROM items are identifiers matching a relation)
        Set<RelationName> used = new LinkedHashSet<>();
        List<LateralAliases.Candidate> lateral = new ArrayList<>();
        SqlNode node = TreeCopy.of(parsed, n -> {
            if (n instanceof SqlIdentifier id && id.names.size() >= 2) catalog.lookup(id.names).ifPresent(used::add);
            else if (n instanceof SqlSelect select) LateralAliases.addCandidates(select, lateral);
        });
        RelDataTypeFactory typeFactory = SqlEnvironment.typeFactory();
        CalciteCatalogReader reader = SqlEnvironment.catalogReader(catalog, typeFactory);
        SqlValidator validator = SqlEnvironment.validator(reader, typeFactory);
        SqlNode validated;
        RelDataType rowType;
        try {
            validated = validator.validate(node);
            rowType = validator.getValidatedNodeType(validated);
        } catch (CalciteContextException e) {
            throw new DiagnosticException(validationError(e, lineMap, used));
        } catch (RuntimeException e) {
            // Calcite rejects a few constructs with non-positioned internal errors; still a user-facing problem
            throw new DiagnosticException(Diagnostic.error(ErrorCode.SQL_VALIDATION, lineMap.map(1, 1),
                    "could not validate this query: " + e.getMessage(), "docs/sql.md lists the supported SQL"));
        }
        List<Diagnostic> typeErrors = new ArrayList<>();
        List<Portability.LibraryCall> libraryCalls = new ArrayList<>();
        ExpressionTypes.Collector types = new ExpressionTypes.Collector(validator);
        TreeWalk.preOrder(validated, n -> {
            types.add(n);
            if (n instanceof SqlCall call) {
                ImplicitCasts.check(call, validator, lineMap, typeErrors);
                libraryCall(call, lineMap, libraryCalls);
            }
        });
        if (!typeErrors.isEmpty()) throw new DiagnosticException(typeErrors);
        Portability portability = new Portability(libraryCalls, LateralAliases.find(lateral, validator));
        List<ColumnDef> columns = new ArrayList<>();
        for (RelDataTypeField f : rowType.getFieldList()) {
            columns.add(new ColumnDef(f.getName(), SqlTypes.toPortable(f.getType()), f.getType().isNullable()));
        }
        SqlCatalog lineageCatalog = catalog;
        return new ValidatedSql(sql, parsed, columns, () -> ColumnLineage.of(parsed, lineageCatalog), used,
                types.build(), portability);
    }

    /** A call of a function that only some warehouses have, for the per-target check when SQL is emitted. */
    private static void libraryCall(SqlCall call, LineMap lineMap, List<Portability.LibraryCall> out) {
        Set<SqlLibrary> libs = call.getOperator() instanceof SqlFunction f
                ? SqlEnvironment.targetOnlyLibraries(f.getName()) : Set.of();
        if (!libs.isEmpty()) {
            SqlParserPos p = call.getParserPosition();
            out.add(new Portability.LibraryCall(call.getOperator().getName().toLowerCase(Locale.ROOT), libs,
                    lineMap.map(p.getLineNum(), p.getColumnNum())));
        }
    }

    /**
     * One expression as Calcite's core grammar reads it (names keep their case, Babel's conformance), or null when
     * it does not parse whole: for checks on definitions' expressions; Babel syntax and errors are left to validation.
     */
    public static SqlNode parseExpressionOrNull(String expression) {
        return ParserChoice.expressionWithCore(expression);
    }

    /** Whether {@code call} aggregates rows; works on pristine (unvalidated) parse trees too. */
    public static boolean isAggregate(SqlCall call) {
        return SqlEnvironment.isAggregate(call);
    }

    private static Diagnostic syntaxError(SqlParseException e, LineMap lineMap) {
        SqlParserPos pos = e.getPos();
        SourcePosition where = pos == null ? lineMap.map(1, 1) : lineMap.map(pos.getLineNum(), pos.getColumnNum());
        String msg = e.getMessage() == null ? "syntax error" : e.getMessage();
        Matcher m = ENCOUNTERED.matcher(msg);
        String message;
        if (m.find()) {
            String token = m.group(1).trim();
            message = token.isEmpty() || token.equals("<EOF>") ? "syntax error: unexpected end of query"
                    : "syntax error: unexpected '" + token + "'";
        } else {
            message = "syntax error: " + msg.lines().findFirst().orElse(msg);
        }
        String hint = null;
        List<String> expected = new ArrayList<>(e.getExpectedTokenNames());
        if (!expected.isEmpty() && expected.size() <= 8) {
            hint = "expected one of " + String.join(", ", expected.stream().map(t -> t.replace("\"", "")).sorted().toList());
        }
        return Diagnostic.error(ErrorCode.SQL_SYNTAX, where, message, hint);
    }

    private Diagnostic validationError(CalciteContextException e, LineMap lineMap, Set<RelationName> used) {
        SourcePosition where = e.getPosLine() > 0 ? lineMap.map(e.getPosLine(), e.getPosColumn()) : lineMap.map(1, 1);
        String cause = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
        Matcher m = OBJECT_NOT_FOUND.matcher(cause);
        if (m.find()) {
            String name = m.group(2) == null ? m.group(1) : m.group(2) + "." + m.group(1);
            List<String> known = catalog.relations().stream().map(RelationName::toString).toList();
            List<String> close = ClosestNames.closest(name, known, 3);
            String hint = close.isEmpty() ? "refer to features with ref('name') and to raw tables with source('source', 'table')"
                    : "did you mean " + String.join(", ", close.stream().map(s -> "'" + s + "'").toList()) + "?";
            return Diagnostic.error(ErrorCode.UNKNOWN_TABLE, where, "unknown table '" + name + "'", hint);
        }
        m = COLUMN_NOT_FOUND.matcher(cause);
        if (m.find()) {
            String col = m.group(1) != null ? m.group(1) : m.group(3) != null ? m.group(3) : m.group(4);
            String table = m.group(2);
            List<String> candidates = new ArrayList<>();
            for (RelationName r : used) catalog.columns(r).ifPresent(cs -> cs.forEach(c -> candidates.add(c.name())));
            String hint = ClosestNames.hint(col, candidates);
            if (hint == null && !candidates.isEmpty()) {
                hint = "available columns: " + String.join(", ", new LinkedHashSet<>(candidates));
            }
            String message = "unknown column '" + col + "'" + (table == null ? "" : " in '" + table + "'");
            return Diagnostic.error(ErrorCode.UNKNOWN_COLUMN, where, message, hint);
        }
        m = NO_FUNCTION.matcher(cause);
        if (m.find()) {
            return Diagnostic.error(ErrorCode.UNKNOWN_FUNCTION, where,
                    "unknown function or wrong arguments: " + m.group(1),
                    "docs/sql.md lists the supported functions");
        }
        return Diagnostic.error(ErrorCode.SQL_VALIDATION, where, cause, null);
    }
}
