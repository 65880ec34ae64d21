package io.segflow.report.svg;

import java.util.Locale;

/** Colour scales of the report: categorical series, a sequential blue ramp and a diverging blue-white-red one. */
public final class Colors {
    /** Tableau 10: distinguishable and readable on white. */
    private static final String[] CATEGORICAL = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
            "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};

    private Colors() {
    }

    public static String series(int i) {
        return CATEGORICAL[Math.floorMod(i, CATEGORICAL.length)];
    }

    /** t in [0, 1]: white to dark blue. */
    public static String sequential(double t) {
        return mix(new int[] {247, 251, 255}, new int[] {8, 69, 148}, clamp(t));
    }

    /** z clamped to [-limit, limit]: blue (low) through white to red (high). */
    public static String diverging(double z, double limit) {
        double t = clamp(Math.abs(z) / limit);
        return z < 0 ? mix(new int[] {255, 255, 255}, new int[] {33, 102, 172}, t)
                : mix(new int[] {255, 255, 255}, new int[] {178, 24, 43}, t);
    }

    /** Dark text on light cells, white on dark ones. */
    public static String textOn(double t) {
        return t > 0.55 ? "#fff" : "#222";
    }

    private static double clamp(double t) {
        return Double.isNaN(t) ? 0 : Math.max(0, Math.min(1, t));
    }

    private static String mix(int[] a, int[] b, double t) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", (int) Math.round(a[0] + (b[0] - a[0]) * t),
                (int) Math.round(a[1] + (b[1] - a[1]) * t), (int) Math.round(a[2] + (b[2] - a[2]) * t));
    }
}
