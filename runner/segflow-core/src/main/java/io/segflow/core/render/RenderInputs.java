package io.segflow.core.render;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a render read besides its template: names passed to {@code var()} and {@code env_var()} (also from
 * inside macros), macro files whose macros ran, and whether {@code target} was read. A compile cache keys a
 * node on exactly these, so a change elsewhere does not invalidate it.
 */
public record RenderInputs(Set<String> vars, Set<String> envVars, Set<String> macroFiles, boolean target) {
    /**
     * An {@code envVars} entry meaning the render read the warehouse ({@code run_query}, statements): its output
     * depends on data, so a compile cache must never reuse it.
     */
    public static final String WAREHOUSE_QUERY = "\u0001warehouse-query";

    public static final RenderInputs NONE = new RenderInputs(Set.of(), Set.of(), Set.of(), false);

    public RenderInputs {
        vars = Collections.unmodifiableSortedSet(new TreeSet<>(vars));
        envVars = Collections.unmodifiableSortedSet(new TreeSet<>(envVars));
        macroFiles = Collections.unmodifiableSortedSet(new TreeSet<>(macroFiles));
    }

    /** Both renders' inputs together (a feature's full and incremental renders). */
    public RenderInputs plus(RenderInputs other) {
        Set<String> v = new TreeSet<>(vars);
        v.addAll(other.vars);
        Set<String> e = new TreeSet<>(envVars);
        e.addAll(other.envVars);
        Set<String> m = new TreeSet<>(macroFiles);
        m.addAll(other.macroFiles);
        return new RenderInputs(v, e, m, target || other.target);
    }
}
