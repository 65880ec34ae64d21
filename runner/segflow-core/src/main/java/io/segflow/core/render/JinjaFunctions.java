package io.segflow.core.render;

import com.hubspot.jinjava.el.ext.NamedParameter;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.diagnostic.SourcePosition;
import io.segflow.spi.RelationName;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The functions templates call (static, as Jinjava requires); they reach the renderer and the current
 * render through thread-locals set by {@link TemplateRenderer}.
 */
public final class JinjaFunctions {
    static final ThreadLocal<TemplateRenderer> RENDERER = new ThreadLocal<>();
    static final ThreadLocal<RenderState> STATE = new ThreadLocal<>();
    private static final String PLACEHOLDER_SCHEMA = "__unresolved__";

    private JinjaFunctions() {
    }

    public static Object ref(Object... args) {
        RenderState state = STATE.get();
        SourcePosition where = callPosition("ref");
        if (args.length != 1 || !(args[0] instanceof String name)) {
            state.error(ErrorCode.TEMPLATE_ERROR, where, "ref() takes one feature name: ref('name')", null);
            return quote(RelationName.of(PLACEHOLDER_SCHEMA, "ref"));
        }
        state.refs.add(name);
        state.refPositions.putIfAbsent(name, where);
        Optional<RelationName> r = RENDERER.get().resolver().ref(name);
        if (r.isEmpty()) {
            state.error(ErrorCode.UNKNOWN_REF, where, "unknown feature '" + name + "' in ref()",
                    hintOr(ClosestNames.hint(name, RENDERER.get().featureNames()), "features are the .sql files under features/"));
            return quote(RelationName.of(PLACEHOLDER_SCHEMA, name));
        }
        return quote(r.get());
    }

    public static Object source(Object... args) {
        RenderState state = STATE.get();
        SourcePosition where = callPosition("source");
        if (args.length != 2 || !(args[0] instanceof String src) || !(args[1] instanceof String table)) {
            state.error(ErrorCode.TEMPLATE_ERROR, where, "source() takes a source and a table name: source('source', 'table')", null);
            return quote(RelationName.of(PLACEHOLDER_SCHEMA, "source"));
        }
        state.sources.add(new SourceRef(src, table));
        Optional<RelationName> r = RENDERER.get().resolver().source(src, table);
        if (r.isEmpty()) {
            state.error(ErrorCode.UNKNOWN_SOURCE, where, "unknown source table '" + src + "." + table + "' in source()",
                    hintOr(ClosestNames.hint(src + "." + table, RENDERER.get().sourceNames()), "declare it in sources.yml"));
            return quote(RelationName.of(PLACEHOLDER_SCHEMA, table));
        }
        return quote(r.get());
    }

    public static Object var(Object... args) {
        RenderState state = STATE.get();
        if (args.length < 1 || args.length > 2 || !(args[0] instanceof String name)) {
            state.error(ErrorCode.TEMPLATE_ERROR, callPosition("var"), "var() takes a name and an optional default: var('name', default)", null);
            return null;
        }
        state.varsUsed.add(name);
        Map<String, Object> vars = RENDERER.get().vars();
        if (vars.containsKey(name)) return vars.get(name);
        if (args.length == 2) return args[1];
        state.error(ErrorCode.UNKNOWN_VAR, callPosition("var"), "variable '" + name + "' is not set",
                hintOr(ClosestNames.hint(name, vars.keySet()),
                        "set it under vars: in segflow_project.yml, pass --vars, or give a default: var('" + name + "', ...)"));
        return "";
    }

    public static Object env_var(Object... args) {
        RenderState state = STATE.get();
        if (args.length < 1 || args.length > 2 || !(args[0] instanceof String name)) {
            state.error(ErrorCode.TEMPLATE_ERROR, callPosition("env_var"), "env_var() takes a name and an optional default", null);
            return null;
        }
        state.envUsed.add(name);
        String value = RENDERER.get().env().get(name);
        if (value != null) return value;
        if (args.length == 2) return args[1];
        // never echo values: only the variable's name is reported
        state.error(ErrorCode.MISSING_ENV_VAR, callPosition("env_var"), "environment variable '" + name + "' is not set",
                "export " + name + " before running segflow, or give a default: env_var('" + name + "', '...')");
        return "";
    }

    public static Object config(Object... args) {
        RenderState state = STATE.get();
        for (Object a : args) {
            if (a instanceof NamedParameter p) {
                state.config.put(p.getName(), plain(p.getValue()));
            } else {
                state.error(ErrorCode.TEMPLATE_ERROR, callPosition("config"),
                        "config() takes keyword arguments only, e.g. config(materialized='table')", null);
            }
        }
        return "";
    }

    public static boolean is_incremental() {
        return STATE.get().incremental;
    }

    /** {@code return(value)}: the running macro's call evaluates to {@code value} (dbt semantics). */
    public static Object sf_return(Object value) {
        if (!ReturningMacroTag.setReturn(plainValue(value))) {
            STATE.get().error(ErrorCode.TEMPLATE_ERROR, callPosition("return"), "return() is allowed only inside a macro", null);
        }
        return "";
    }

    /** Calls the macro {@code args[0]} with the other arguments (a call of a call's result, e.g. a dispatch). */
    public static Object sf_call(Object... args) {
        if (args.length == 0 || !(args[0] instanceof com.hubspot.jinjava.lib.fn.MacroFunction macro)) return "";
        return macro.evaluate(java.util.Arrays.copyOfRange(args, 1, args.length));
    }

    /** Whether run_query() can reach the target in this render. */
    public static boolean sf_connected() {
        return RENDERER.get().queryRunner() != null;
    }

    /** {@code run_query(sql)}: runs on the target when connected; offline it is a positioned error. */
    public static Object run_query(Object sql) {
        QueryRunner.Result r = runQuery(String.valueOf(sql), "run_query");
        return r == null ? QueryTable.empty() : new QueryTable(r);
    }

    /** Body of the bundled {@code statement} macro: runs the caller's SQL and keeps the result for load_result. */
    public static Object sf_statement(Object name, Object sql, Object fetch) {
        QueryRunner.Result r = runQuery(TemplateMarkers.clean(String.valueOf(sql)), "statement");
        if (name != null && !Boolean.FALSE.equals(name) && r != null) STATE.get().statements.put(String.valueOf(name), r);
        return "";
    }

    /** {@code load_result(name)}: {@code data} (rows) and {@code table} of a named statement, or null. */
    public static Object load_result(Object name) {
        QueryRunner.Result r = STATE.get().statements.get(String.valueOf(name));
        if (r == null) return null;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("data", r.rows());
        out.put("table", new QueryTable(r));
        out.put("response", Map.of("rows_affected", r.rows().size()));
        return out;
    }

    /** {@code log(msg, info=False)}: with info, prints the message to stderr; the render output is unchanged. */
    public static Object log(Object... args) {
        boolean info = false;
        Object message = "";
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a instanceof NamedParameter p) {
                if (p.getName().equals("info")) info = Boolean.TRUE.equals(p.getValue());
            } else if (i == 0) {
                message = a;
            } else {
                info = Boolean.TRUE.equals(a);
            }
        }
        if (info) System.err.println(TemplateMarkers.clean(String.valueOf(message)));
        return "";
    }

    private static QueryRunner.Result runQuery(String sql, String function) {
        QueryRunner runner = RENDERER.get().queryRunner();
        if (runner == null) {
            STATE.get().error(ErrorCode.NEEDS_CONNECTION, callPosition(function),
                    function + "() needs a connection to the target, and this command renders offline",
                    "run it through `segflow build` or `segflow run`, which connect first; `segflow compile` never queries");
            return null;
        }
        try {
            STATE.get().envUsed.add(RenderInputs.WAREHOUSE_QUERY);
            return runner.run(sql);
        } catch (RuntimeException e) {
            STATE.get().error(ErrorCode.NEEDS_CONNECTION, callPosition(function),
                    function + "() failed on the target: " + e.getMessage(), null);
            return null;
        }
    }

    /** Called at the start of each macro body from macros/ (injected by {@link MacroSources}). */
    public static Object sf_enter_macro(String file) {
        STATE.get().macroFiles.addLast(Path.of(file));
        STATE.get().macrosUsed.add(file);
        return "";
    }

    /** Called at the end of each macro body from macros/ (injected by {@link MacroSources}). */
    public static Object sf_exit_macro() {
        RenderState s = STATE.get();
        if (!s.macroFiles.isEmpty()) s.macroFiles.removeLast();
        return "";
    }

    /** {@code "schema"."name"} (or {@code "db"."schema"."name"}): ANSI quoting, re-quoted per dialect later. */
    static String quote(RelationName r) {
        String q = "\"" + r.schema().replace("\"", "\"\"") + "\".\"" + r.name().replace("\"", "\"\"") + "\"";
        return r.database() == null ? q : "\"" + r.database().replace("\"", "\"\"") + "\"." + q;
    }

    /** Position of the call: the function name inside the tag Jinjava is evaluating, when found there. */
    static SourcePosition callPosition(String function) {
        JinjavaInterpreter interp = JinjavaInterpreter.getCurrent();
        RenderState state = STATE.get();
        int line = interp == null ? 0 : interp.getLineNumber();
        int markedCol = interp == null ? 0 : interp.getPosition();
        SourcePosition tag = state.position(line, markedCol);
        if (!state.macroFiles.isEmpty() || line <= 0 || state.templateLines == null
                || line > state.templateLines.length) {
            return tag;
        }
        String text = state.templateLines[line - 1];
        int from = Math.max(tag.column() - 1, 0);
        int close = text.indexOf("}}", from);
        int at = text.indexOf(function + "(", from);
        if (at >= 0 && (close < 0 || at < close)) return tag.at(line, at + 1);
        return tag;
    }

    private static String hintOr(String hint, String fallback) {
        return hint != null ? hint : fallback;
    }

    private static Object plainValue(Object v) {
        return v instanceof String str ? TemplateMarkers.clean(str) : v;
    }

    private static Object plain(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, val) -> out.put(String.valueOf(k), plain(val)));
            return out;
        }
        if (v instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>();
            c.forEach(x -> out.add(plain(x)));
            return out;
        }
        if (v instanceof String s) return TemplateMarkers.clean(s);
        return v;
    }
}
