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
    private static SourcePosition callPosition(String function) {
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
