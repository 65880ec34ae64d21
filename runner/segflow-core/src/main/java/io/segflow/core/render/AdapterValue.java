package io.segflow.core.render;

import com.hubspot.jinjava.el.ext.NamedParameter;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import io.segflow.core.diagnostic.ErrorCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code adapter} in templates: {@code adapter.dispatch('name', 'namespace')} picks the target's variant of a
 * macro ({@code <target type>__name}, else {@code default__name}; the project's own macros first, then the
 * namespace's, as dbt searches), and {@code adapter.get_columns_in_relation(relation)} lists a relation's
 * columns (from the project's declarations, or the target when connected).
 */
public final class AdapterValue {
    private final String targetType;
    private final List<String> namespaces;

    AdapterValue(String targetType, List<String> namespaces) {
        this.targetType = targetType;
        this.namespaces = namespaces;
    }

    public Object dispatch(Object name) {
        return dispatch(name, null);
    }

    public Object dispatch(Object name, Object namespace) {
        String macro = String.valueOf(unwrap(name));
        Object ns = unwrap(namespace);
        JinjavaInterpreter interp = JinjavaInterpreter.getCurrent();
        List<String> searched = new ArrayList<>();
        List<String> spaces = new ArrayList<>();
        spaces.add(null);
        if (ns != null) spaces.add(String.valueOf(ns));
        else spaces.addAll(namespaces);
        for (String space : spaces) {
            for (String variant : List.of(targetType + "__" + macro, "default__" + macro)) {
                String lookup = space == null ? variant : MacroNamespace.mangled(space, variant);
                searched.add(space == null ? variant : space + "." + variant);
                Object found = MacroNamespace.lookup(interp, lookup);
                if (found != null) return found;
            }
        }
        RenderState state = JinjaFunctions.STATE.get();
        state.error(ErrorCode.TEMPLATE_ERROR, JinjaFunctions.callPosition("dispatch"),
                "adapter.dispatch('" + macro + "') found no macro: looked for " + String.join(", ", searched),
                "define default__" + macro + " (the portable variant) or " + targetType + "__" + macro);
        return null;
    }

    /** Columns as mappings with {@code name}, {@code column}, {@code data_type}, {@code dtype} and {@code quoted}. */
    public List<Map<String, Object>> get_columns_in_relation(Object relation) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String[] c : JinjaFunctions.RENDERER.get().columnsOf(relation, "get_columns_in_relation")) {
            Map<String, Object> col = new LinkedHashMap<>();
            col.put("name", c[0]);
            col.put("column", c[0]);
            col.put("data_type", c[1]);
            col.put("dtype", c[1]);
            col.put("quoted", "\"" + c[0].replace("\"", "\"\"") + "\"");
            out.add(col);
        }
        return out;
    }

    public String quote(Object identifier) {
        return "\"" + String.valueOf(unwrap(identifier)).replace("\"", "\"\"") + "\"";
    }

    private static Object unwrap(Object v) {
        return v instanceof NamedParameter p ? p.getValue() : v;
    }
}
