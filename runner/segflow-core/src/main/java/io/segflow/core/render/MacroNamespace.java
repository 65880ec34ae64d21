package io.segflow.core.render;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import io.segflow.core.diagnostic.ErrorCode;
import java.util.AbstractMap;
import java.util.Set;

/**
 * {@code dbt}, {@code dbt_utils} or a package name in templates: {@code ns.macro} is the macro imported under its
 * mangled name ({@link MacroSources#importPrefix}); looked up in the calling context, so it works inside macros too.
 */
final class MacroNamespace extends AbstractMap<String, Object> {
    private final String namespace;

    MacroNamespace(String namespace) {
        this.namespace = namespace;
    }

    static String mangled(String namespace, String macro) {
        return "__sf_" + namespace + "__" + macro;
    }

    @Override
    public Object get(Object key) {
        JinjavaInterpreter interp = JinjavaInterpreter.getCurrent();
        Object found = lookup(interp, mangled(namespace, String.valueOf(key)));
        RenderState state = JinjaFunctions.STATE.get();
        if (state != null && interp != null) state.namespaceCall(interp.getLineNumber(), interp.getPosition());
        if (found == null) {
            if (state != null) {
                state.error(ErrorCode.TEMPLATE_ERROR, state.position(interp == null ? 0 : interp.getLineNumber(),
                                interp == null ? 0 : interp.getPosition()),
                        "unknown macro '" + namespace + "." + key + "'",
                        "see docs/dbt.md for the macros segflow bundles; a package's macros are under its macro-paths");
            }
        }
        return found;
    }

    @Override
    public boolean containsKey(Object key) {
        JinjavaInterpreter interp = JinjavaInterpreter.getCurrent();
        return lookup(interp, mangled(namespace, String.valueOf(key))) != null;
    }

    /** A macro by name as the running template sees it: a variable, or a macro defined or imported with from. */
    static Object lookup(JinjavaInterpreter interp, String name) {
        if (interp == null) return null;
        for (Context c = interp.getContext(); c != null; c = c.getParent()) {
            Object v = c.get(name);
            if (v != null) return v;
            Object m = c.getGlobalMacro(name);
            if (m != null) return m;
        }
        return null;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return Set.of();
    }

    @Override
    public String toString() {
        return namespace;
    }
}
