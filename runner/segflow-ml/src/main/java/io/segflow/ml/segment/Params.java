package io.segflow.ml.segment;

import java.util.List;
import java.util.Map;

/** Reads values back from registry parameters (after JSON, arrays are lists and numbers may be Integer). */
final class Params {
    private Params() {
    }

    static double num(Map<String, Object> p, String key) {
        return ((Number) p.get(key)).doubleValue();
    }

    static double[] vector(Object o) {
        if (o instanceof double[] d) return d.clone();
        if (o instanceof int[] i) return java.util.Arrays.stream(i).asDoubleStream().toArray();
        return ((List<?>) o).stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray();
    }

    static int[] ints(Object o) {
        if (o instanceof int[] i) return i.clone();
        return ((List<?>) o).stream().mapToInt(x -> ((Number) x).intValue()).toArray();
    }

    static double[][] matrix(Object o) {
        if (o instanceof double[][] d) return d;
        return ((List<?>) o).stream().map(Params::vector).toArray(double[][]::new);
    }

    @SuppressWarnings("unchecked")
    static List<String> strings(Object o) {
        if (o instanceof String[] s) return List.of(s);
        return ((List<Object>) o).stream().map(String::valueOf).toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    /** Fills for scoring: a list with numbers or nulls, or null. */
    static List<?> fills(Map<String, Object> p) {
        return (List<?>) p.get("fills");
    }
}
