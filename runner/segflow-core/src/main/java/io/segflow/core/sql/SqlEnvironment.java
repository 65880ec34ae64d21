package io.segflow.core.sql;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.validate.SqlNameMatchers;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlLibrary;
import org.apache.calcite.sql.fun.SqlLibraryOperatorTableFactory;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.babel.SqlBabelParserImpl;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlConformance;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlDelegatingConformance;
import org.apache.calcite.sql.type.SqlTypeCoercionRule;
import org.apache.calcite.sql.type.SqlTypeName;
import com.google.common.collect.ImmutableSet;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;

/** Parser and validator settings shared by validation and dialect compilation. */
final class SqlEnvironment {
    /** Identifiers keep their case; matching is case-insensitive; lenient (Babel) grammar and conformance. */
    static final SqlParser.Config PARSER = SqlParser.config()
            .withParserFactory(SqlBabelParserImpl.FACTORY)
            .withConformance(SqlConformanceEnum.BABEL)
            .withUnquotedCasing(Casing.UNCHANGED)
            .withQuotedCasing(Casing.UNCHANGED)
            .withCaseSensitive(false)
            .withIdentifierMaxLength(1024);

    private static final Map<String, String> PLACEHOLDERS = Map.of("date_diff", "sf_dtdiff", "datediff", "sf_ddiff");

    private static final Set<String> DUCKDB_NAMES = DuckDbFunctions.all().stream()
            .map(op -> op.getName().toUpperCase(Locale.ROOT)).collect(java.util.stream.Collectors.toSet());

    private static final Set<String> STANDARD_NAMES = SqlStdOperatorTable.instance().getOperatorList().stream()
            .map(op -> op.getName().toUpperCase(Locale.ROOT)).collect(java.util.stream.Collectors.toSet());

    static final SqlOperatorTable OPERATORS = new CachingOperatorTable(buildOperators());

    private SqlEnvironment() {
    }

    /**
     * Parses one query; calls of DuckDB functions are left unresolved so our definitions apply. The grammar is
     * Babel's (see {@link ParserChoice}: Calcite's faster core parser answers when it gives the same tree).
     */
    static SqlNode parse(String sql) throws SqlParseException {
        String text = hideSpecialGrammar(sql);
        SqlNode node = ParserChoice.parseWithCore(text);
        if (node == null) node = SqlParser.create(text, PARSER).parseQuery();
        unbindDuckDbCalls(node);
        return node;
    }

    /** Babel's parser alone, without the core parser first (for tests proving both give the same trees). */
    static SqlNode parseWithBabel(String sql) throws SqlParseException {
        SqlNode node = SqlParser.create(hideSpecialGrammar(sql), PARSER).parseQuery();
        unbindDuckDbCalls(node);
        return node;
    }

    /**
     * The Babel parser binds some names (DATE_PART, DATE_DIFF, DATE_TRUNC, STRING_AGG...) to library operators
     * with other signatures; turn those calls back into unresolved calls, in place, so validation looks them
     * up in {@link #OPERATORS} where the DuckDB definitions come first.
     */
    private static void unbindDuckDbCalls(SqlNode node) {
        if (node instanceof SqlNodeList list) {
            for (int i = 0; i < list.size(); i++) {
                SqlNode child = list.get(i);
                if (child == null) continue;
                unbindDuckDbCalls(child);
                SqlNode replaced = unbound(child);
                if (replaced != child) list.set(i, replaced);
            }
        } else if (node instanceof SqlCall call) {
            List<SqlNode> operands = call.getOperandList();
            for (int i = 0; i < operands.size(); i++) {
                SqlNode child = operands.get(i);
                if (child == null) continue;
                unbindDuckDbCalls(child);
                SqlNode replaced = unbound(child);
                if (replaced != child) {
                    try {
                        call.setOperand(i, replaced);
                    } catch (UnsupportedOperationException e) {
                        // this call kind cannot be changed in place; keep the library operator
                    }
                }
            }
        }
    }

    /**
     * Babel parses DATE_DIFF/DATEDIFF with BigQuery/Snowflake grammars (a time unit keyword where DuckDB has
     * an expression). Rename those calls, outside string literals and quoted names, to placeholders of the
     * same length (so error columns stay right); {@link #unbound} renames them back.
     */
    static String hideSpecialGrammar(String sql) {
        if (!mentionsPlaceholderName(sql)) return sql;
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                int end = sql.indexOf(c, i + 1);
                while (end > 0 && end + 1 < sql.length() && sql.charAt(end + 1) == c) end = sql.indexOf(c, end + 2);
                end = end < 0 ? sql.length() : end + 1;
                out.append(sql, i, end);
                i = end;
                continue;
            }
            if (c == '-' && sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                end = end < 0 ? sql.length() : end;
                out.append(sql, i, end);
                i = end;
                continue;
            }
            boolean wordStart = i == 0 || !Character.isJavaIdentifierPart(sql.charAt(i - 1));
            String hit = null;
            if (wordStart) {
                for (String name : PLACEHOLDERS.keySet()) {
                    if (sql.regionMatches(true, i, name, 0, name.length())) {
                        int j = i + name.length();
                        while (j < sql.length() && Character.isWhitespace(sql.charAt(j))) j++;
                        if (j < sql.length() && sql.charAt(j) == '(') hit = name;
                    }
                }
            }
            if (hit != null) {
                out.append(PLACEHOLDERS.get(hit));
                i += hit.length();
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Whether a name {@link #hideSpecialGrammar} renames occurs at all (most queries have none: no copy then). */
    private static boolean mentionsPlaceholderName(String sql) {
        for (int i = sql.indexOf('d'), j = sql.indexOf('D'); i >= 0 || j >= 0; ) {
            int at = i < 0 ? j : j < 0 ? i : Math.min(i, j);
            for (String name : PLACEHOLDERS.keySet()) {
                if (sql.regionMatches(true, at, name, 0, name.length())) return true;
            }
            if (at == i) i = sql.indexOf('d', i + 1);
            else j = sql.indexOf('D', j + 1);
        }
        return false;
    }

    private static SqlNode unbound(SqlNode node) {
        if (!(node instanceof SqlCall call) || !(call.getOperator() instanceof SqlFunction)) return node;
        String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
        for (Map.Entry<String, String> e : PLACEHOLDERS.entrySet()) {
            if (e.getValue().equalsIgnoreCase(name)) name = e.getKey().toUpperCase(Locale.ROOT);
        }
        if (call.getOperator() instanceof SqlUnresolvedFunction
                && call.getOperator().getName().equalsIgnoreCase(name)) {
            return node;
        }
        if (!DUCKDB_NAMES.contains(name)) return node;
        // ordered aggregates (string_agg(x, ',' order by y)) keep the parser's operator, which knows the ORDER BY
        if (call.getOperandList().stream().anyMatch(o -> o instanceof SqlNodeList)) return node;
        SqlUnresolvedFunction fn = new SqlUnresolvedFunction(
                new SqlIdentifier(name.toLowerCase(Locale.ROOT), call.getParserPosition()), null, null, null, null,
                SqlFunctionCategory.USER_DEFINED_FUNCTION);
        List<SqlNode> operands = new ArrayList<>(call.getOperandList());
        for (int i = 0; i < operands.size(); i++) operands.set(i, expressionFromTimeUnit(operands.get(i)));
        return fn.createCall(call.getFunctionQuantifier(), call.getParserPosition(), operands.toArray(new SqlNode[0]));
    }

    /**
     * BigQuery's DATE_DIFF(a, b, unit) grammar reads a trailing column name or CURRENT_DATE as a time unit;
     * for DuckDB's date_diff('unit', a, b) it is an expression again.
     */
    private static SqlNode expressionFromTimeUnit(SqlNode operand) {
        if (!(operand instanceof SqlIntervalQualifier q)) return operand;
        String name = q.timeFrameName != null ? q.timeFrameName : q.toString();
        SqlParserPos pos = q.getParserPosition();
        if (name.equalsIgnoreCase("CURRENT_DATE")) return SqlStdOperatorTable.CURRENT_DATE.createCall(pos);
        if (name.equalsIgnoreCase("CURRENT_TIMESTAMP")) return SqlStdOperatorTable.CURRENT_TIMESTAMP.createCall(pos);
        return new SqlIdentifier(name, pos);
    }

    /**
     * A copy sharing no mutable node with {@code node}. Validation rewrites the tree it is given (identifier
     * expansion, select-list rewrites) and {@link SqlNode#clone} copies one level only, so the tree kept for
     * unparsing and fingerprints is copied before validation.
     */
    /**
     * Whether {@code call} is an aggregate, also on a tree that was never validated (its functions are still
     * unresolved there: looked up by name in the operator table validation uses).
     */
    static boolean isAggregate(SqlCall call) {
        if (call.getOperator().isAggregator()) return true;
        if (!(call.getOperator() instanceof SqlUnresolvedFunction f)) return false;
        List<SqlOperator> found = new ArrayList<>();
        OPERATORS.lookupOperatorOverloads(f.getNameAsId(), null, SqlSyntax.FUNCTION, found,
                SqlNameMatchers.withCaseSensitive(false));
        return found.stream().anyMatch(SqlOperator::isAggregator);
    }

    /** One factory for every validation: Calcite interns types globally, and catalog row types are cached per factory. */
    static RelDataTypeFactory typeFactory() {
        return TYPES;
    }

    private static final RelDataTypeFactory TYPES = new CachingTypeFactory();

    private static final CalciteConnectionConfig CONNECTION = connectionConfig();

    private static CalciteConnectionConfig connectionConfig() {
        Properties props = new Properties();
        props.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "false");
        props.setProperty(CalciteConnectionProperty.CONFORMANCE.camelName(), SqlConformanceEnum.BABEL.name());
        return new CalciteConnectionConfigImpl(props);
    }

    /**
     * A reader of {@code catalog}'s live schema: it holds no state of its own, so the catalog keeps one for the
     * shared type factory (building one parses connection properties) and sees relations added later.
     */
    static CalciteCatalogReader catalogReader(SqlCatalog catalog, RelDataTypeFactory typeFactory) {
        if (typeFactory == TYPES) return catalog.reader(() -> newCatalogReader(catalog, TYPES));
        return newCatalogReader(catalog, typeFactory);
    }

    private static CalciteCatalogReader newCatalogReader(SqlCatalog catalog, RelDataTypeFactory typeFactory) {
        return new CalciteCatalogReader(CalciteSchema.from(catalog.rootSchema()), List.of(), typeFactory, CONNECTION);
    }

    /**
     * Babel's conformance, but GROUP BY is strict: Babel accepts MySQL's non-strict form ({@code select customer_id,
     * sum(amount) from orders} without grouping by customer_id), which DuckDB, Snowflake, BigQuery and PostgreSQL
     * reject at run time.
     */
    private static final SqlConformance CONFORMANCE = new SqlDelegatingConformance(SqlConformanceEnum.BABEL) {
        @Override
        public boolean isNonStrictGroupBy() {
            return false;
        }
    };

    private static final SqlValidator.Config VALIDATOR = SqlValidator.Config.DEFAULT
            .withConformance(CONFORMANCE)
            .withIdentifierExpansion(true)
            .withLenientOperatorLookup(false);

    /**
     * Babel's conformance allows lenient coercion, for which Calcite's validator constructor rebuilds the coercion
     * rules (default rules plus VARCHAR/CHAR to ARRAY) on every construction. The same rules are built once here and
     * handed to a validator constructed under a conformance that differs only in not asking for that rebuild; the
     * validator then gets Babel's conformance back ({@link SqlValidator#transform}) before it validates anything.
     */
    private static final SqlTypeCoercionRule LENIENT_RULES = lenientRules(SqlTypeCoercionRule.instance());
    private static final SqlValidator.Config CONSTRUCTION = VALIDATOR
            .withConformance(new SqlDelegatingConformance(CONFORMANCE) {
                @Override
                public boolean allowLenientCoercion() {
                    return false;
                }
            })
            .withTypeCoercionRules(LENIENT_RULES);

    /** What {@code SqlValidatorImpl}'s constructor derives from {@code base} under a lenient conformance. */
    static SqlTypeCoercionRule lenientRules(SqlTypeCoercionRule base) {
        ImmutableSet<SqlTypeName> arrays = ImmutableSet.<SqlTypeName>builder()
                .addAll(base.getTypeMapping().getOrDefault(SqlTypeName.ARRAY, ImmutableSet.of()))
                .add(SqlTypeName.VARCHAR).add(SqlTypeName.CHAR).build();
        Map<SqlTypeName, ImmutableSet<SqlTypeName>> mapping = new java.util.HashMap<>(base.getTypeMapping());
        mapping.replace(SqlTypeName.ARRAY, arrays);
        return SqlTypeCoercionRule.instance(mapping);
    }

    static SqlValidator validator(CalciteCatalogReader reader, RelDataTypeFactory typeFactory) {
        // The catalog holds tables only: looking functions up in it (per call, per schema) would find nothing.
        return new LeanValidator(OPERATORS, reader, typeFactory, CONSTRUCTION).transform(c -> VALIDATOR);
    }

    /** Calcite's own validator, configured alike (for tests proving {@link LeanValidator} types the same). */
    static SqlValidator calciteValidator(CalciteCatalogReader reader, RelDataTypeFactory typeFactory) {
        return SqlValidatorUtil.newValidator(OPERATORS, reader, typeFactory, CONSTRUCTION).transform(c -> VALIDATOR);
    }

    /** The libraries of a function that only some warehouses have (empty when it is neutral SQL). */
    static Set<SqlLibrary> targetOnlyLibraries(String functionName) {
        String name = functionName.toUpperCase(Locale.ROOT);
        if (DUCKDB_NAMES.contains(name) || STANDARD_NAMES.contains(name)) return Set.of();
        return TargetOnly.FUNCTIONS.getOrDefault(name, Set.of());
    }

    /** Function names (upper case) outside the neutral SQL, with the warehouse libraries that have them. */
    private static final class TargetOnly {
        // built on first use: the library tables are assembled by reflection, which a short compile should not pay
        static final Map<String, Set<SqlLibrary>> FUNCTIONS = targetOnlyFunctions();
    }

    /**
     * Neutral SQL is DuckDB-flavoured: DuckDB's functions, the standard ones and PostgreSQL's (which DuckDB
     * follows). A function found only in the Snowflake or BigQuery library is valid on that warehouse alone.
     */
    private static Map<String, Set<SqlLibrary>> targetOnlyFunctions() {
        Set<String> neutral = new HashSet<>(DUCKDB_NAMES);
        SqlStdOperatorTable.instance().getOperatorList().forEach(op -> neutral.add(op.getName().toUpperCase(Locale.ROOT)));
        SqlLibraryOperatorTableFactory.INSTANCE.getOperatorTable(EnumSet.of(SqlLibrary.STANDARD, SqlLibrary.POSTGRESQL))
                .getOperatorList().forEach(op -> neutral.add(op.getName().toUpperCase(Locale.ROOT)));
        Map<String, Set<SqlLibrary>> out = new java.util.HashMap<>();
        for (SqlLibrary lib : List.of(SqlLibrary.SNOWFLAKE, SqlLibrary.BIG_QUERY)) {
            for (SqlOperator op : SqlLibraryOperatorTableFactory.INSTANCE.getOperatorTable(lib).getOperatorList()) {
                String name = op.getName().toUpperCase(Locale.ROOT);
                if (!neutral.contains(name)) out.computeIfAbsent(name, k -> EnumSet.noneOf(SqlLibrary.class)).add(lib);
            }
        }
        return Map.copyOf(out);
    }

    /** DuckDB functions first, then Calcite's standard and dialect libraries minus names DuckDB redefines. */
    private static SqlOperatorTable buildOperators() {
        List<SqlOperator> duck = DuckDbFunctions.all();
        Set<String> overridden = new HashSet<>();
        for (SqlOperator op : duck) overridden.add(op.getName().toUpperCase(Locale.ROOT));
        SqlOperatorTable libraries = SqlLibraryOperatorTableFactory.INSTANCE.getOperatorTable(EnumSet.of(
                SqlLibrary.STANDARD, SqlLibrary.POSTGRESQL, SqlLibrary.SNOWFLAKE, SqlLibrary.BIG_QUERY));
        Set<SqlOperator> standard = new HashSet<>(SqlStdOperatorTable.instance().getOperatorList());
        List<SqlOperator> libraryOps = new ArrayList<>();
        for (SqlOperator op : libraries.getOperatorList()) {
            if (!overridden.contains(op.getName().toUpperCase(Locale.ROOT)) && !standard.contains(op)) libraryOps.add(op);
        }
        // The standard table stays a table of its own: its lookup also finds COUNT(*)-style operators.
        return SqlOperatorTables.chain(SqlOperatorTables.of(duck), SqlStdOperatorTable.instance(),
                SqlOperatorTables.of(libraryOps));
    }
}
