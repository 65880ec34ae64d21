package io.segflow.report.svg;

import java.util.List;
import java.util.function.DoubleFunction;

/**
 * Confidence intervals on a common axis (a forest plot): one row per label, the interval as a bar, the estimate as
 * a dot, and a dashed line at 0 (no effect). Intervals that exclude 0 are drawn in the series colour, the others grey.
 */
public final class Intervals {
    /** One row: the estimate and its interval; null bounds draw the estimate alone. */
    public record Row(String label, double estimate, Double low, Double high) {
    }

    private Intervals() {
    }

    public static String render(List<Row> rows, DoubleFunction<String> fmt, String aria) {
        int width = Charts.WIDTH;
        int label = 150;
        int right = 20;
        int row = 30;
        int top = 8;
        Svg svg = new Svg(width, top + rows.size() * row + 26, aria);
        double lo = 0;
        double hi = 0;
        for (Row r : rows) {
            lo = Math.min(lo, r.low() == null ? r.estimate() : r.low());
            hi = Math.max(hi, r.high() == null ? r.estimate() : r.high());
        }
        double pad = (hi - lo) * 0.08;
        if (pad == 0) pad = 1;
        double min = lo - pad;
        double max = hi + pad;
        int plotW = width - label - right;
        DoubleFunction<Double> x = v -> label + plotW * (v - min) / (max - min);
        double bottom = top + rows.size() * row;
        svg.line(x.apply(0), top, x.apply(0), bottom, "#333", "4 3");
        svg.text(label, bottom + 16, fmt.apply(min), "start", 11, plotW / 3.0);
        svg.text(x.apply(0), bottom + 16, fmt.apply(0), "middle", 11, plotW / 3.0);
        svg.text(width - right, bottom + 16, fmt.apply(max), "end", 11, plotW / 3.0);
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            double y = top + i * row + row / 2.0;
            boolean clear = r.low() != null && (r.low() > 0 || r.high() < 0);
            String colour = clear ? Colors.series(0) : "#8c8c8c";
            String text = r.label() + ": " + fmt.apply(r.estimate())
                    + (r.low() == null ? "" : " (95% CI " + fmt.apply(r.low()) + " to " + fmt.apply(r.high()) + ")");
            svg.text(label - 8, y + 4, r.label(), "end", 12, label - 12);
            if (r.low() != null) {
                double x0 = x.apply(r.low());
                svg.rect(x0, y - 4, Math.max(1, x.apply(r.high()) - x0), 8, colour, text);
            }
            svg.circle(x.apply(r.estimate()), y, 5, clear ? "#1f3b5a" : "#555", text);
        }
        return svg.toString();
    }
}
