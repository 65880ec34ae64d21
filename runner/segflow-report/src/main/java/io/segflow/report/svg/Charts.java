package io.segflow.report.svg;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/** The report's charts as SVG: bars, lines over runs, entered/exited columns, XY curves and column charts. */
public final class Charts {
    static final int WIDTH = 560;
    private static final String AXIS = "#999";
    private static final String GRID = "#e5e5e5";

    private Charts() {
    }

    /** Horizontal bars in the given order; flagged bars are red. Labels are cut with a tooltip. */
    public static String bars(List<String> labels, List<Double> values, List<Boolean> flagged, DoubleFunction<String> fmt,
                              String aria) {
        int row = 24;
        int label = 170;
        int valueSpace = 100;
        Svg svg = new Svg(WIDTH, labels.size() * row + 6, aria);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        for (int i = 0; i < labels.size(); i++) {
            double v = values.get(i);
            double w = max <= 0 ? 0 : (WIDTH - label - valueSpace) * v / max;
            double y = 3 + i * row;
            String text = labels.get(i) + ": " + fmt.apply(v);
            svg.text(label - 8, y + 15, labels.get(i), "end", 12, label - 12);
            svg.rect(label, y + 3, Math.max(w, 1), 16, flagged.get(i) ? "#d9534f" : Colors.series(0), text);
            svg.text(label + w + 6, y + 15, fmt.apply(v), "start", 12, valueSpace);
        }
        return svg.toString();
    }

    /** One line per series over the x labels (runs); y from 0 to the largest value. Legend below. */
    public static String lines(List<String> x, List<String> names, List<List<Double>> series, DoubleFunction<String> fmt,
                               String aria) {
        int left = 60;
        int top = 10;
        int plotH = 200;
        int legendRows = (names.size() + 2) / 3;
        Svg svg = new Svg(WIDTH, top + plotH + 40 + legendRows * 18, aria);
        int plotW = WIDTH - left - 20;
        double max = series.stream().flatMap(List::stream).filter(v -> v != null).mapToDouble(Double::doubleValue).max()
                .orElse(1);
        if (max <= 0) max = 1;
        for (int t = 0; t <= 4; t++) {
            double y = top + plotH - plotH * t / 4.0;
            svg.line(left, y, left + plotW, y, GRID, null);
            svg.text(left - 6, y + 4, fmt.apply(max * t / 4), "end", 11, left - 8);
        }
        int n = x.size();
        DoubleFunction<Double> px = i -> n == 1 ? left + plotW / 2.0 : left + plotW * i / (n - 1);
        int every = Math.max(1, n / 6);
        for (int i = 0; i < n; i += every) {
            String anchor = n > 1 && i == n - 1 ? "end" : n > 1 && i == 0 ? "start" : "middle";
            svg.text(px.apply(i), top + plotH + 16, x.get(i), anchor, 11, plotW / 4.0);
        }
        for (int s = 0; s < names.size(); s++) {
            List<double[]> pts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Double v = series.get(s).get(i);
                if (v == null) continue;
                double y = top + plotH - plotH * v / max;
                pts.add(new double[] {px.apply(i), y});
                svg.circle(px.apply(i), y, 3, Colors.series(s), names.get(s) + " at " + x.get(i) + ": " + fmt.apply(v));
            }
            if (pts.size() > 1) svg.polyline(pts, Colors.series(s), 2, names.get(s));
        }
        legend(svg, names, top + plotH + 30);
        return svg.toString();
    }

    private static void legend(Svg svg, List<String> names, double y0) {
        double colW = (WIDTH - 60) / 3.0;
        for (int s = 0; s < names.size(); s++) {
            double x = 60 + (s % 3) * colW;
            double y = y0 + (s / 3) * 18;
            svg.rect(x, y, 10, 10, Colors.series(s), null);
            svg.text(x + 14, y + 9, names.get(s), "start", 11, colW - 20);
        }
    }

    /** Per run: entered above the axis (green), exited below (red), moved as a dot line label. */
    public static String enteredExited(List<String> runs, List<Long> entered, List<Long> exited, String aria) {
        int left = 60;
        int half = 80;
        Svg svg = new Svg(WIDTH, half * 2 + 40, aria);
        double max = Math.max(1, Math.max(entered.stream().mapToLong(Long::longValue).max().orElse(0),
                exited.stream().mapToLong(Long::longValue).max().orElse(0)));
        int plotW = WIDTH - left - 20;
        double slot = plotW / (double) Math.max(1, runs.size());
        double axis = 10 + half;
        svg.line(left, axis, left + plotW, axis, AXIS, null);
        svg.text(left - 6, 20, String.format(Locale.ROOT, "+%,d", (long) max), "end", 11, left - 8);
        svg.text(left - 6, axis + half, String.format(Locale.ROOT, "-%,d", (long) max), "end", 11, left - 8);
        int every = Math.max(1, runs.size() / 6);
        for (int i = 0; i < runs.size(); i++) {
            double x = left + i * slot + slot * 0.15;
            double w = slot * 0.7;
            double hIn = half * entered.get(i) / max;
            double hOut = half * exited.get(i) / max;
            svg.rect(x, axis - hIn, w, hIn, "#59a14f", runs.get(i) + ": " + entered.get(i) + " entered");
            svg.rect(x, axis, w, hOut, "#e15759", runs.get(i) + ": " + exited.get(i) + " exited");
            if (i % every == 0) svg.text(x + w / 2, axis + half + 24, runs.get(i), "middle", 11, slot * every);
        }
        return svg.toString();
    }

    /** A curve (and optional points) in the unit square with the diagonal as reference: ROC and calibration. */
    public static String unitCurve(List<double[]> points, boolean connect, String xTitle, String yTitle, String aria,
                                   java.util.function.IntFunction<String> pointLabel) {
        int size = 260;
        int left = 44;
        int top = 8;
        Svg svg = new Svg(size + left + 12, size + top + 40, aria);
        svg.rect(left, top, size, size, "#fafafa", null);
        for (int t = 0; t <= 4; t++) {
            double g = size * t / 4.0;
            svg.line(left + g, top, left + g, top + size, GRID, null);
            svg.line(left, top + g, left + size, top + g, GRID, null);
            svg.text(left - 4, top + size - g + 4, String.format(Locale.ROOT, "%.2f", t / 4.0), "end", 10, left);
            svg.text(left + g, top + size + 14, String.format(Locale.ROOT, "%.2f", t / 4.0), "middle", 10, 40);
        }
        svg.line(left, top + size, left + size, top, AXIS, "4 3");
        List<double[]> pts = new ArrayList<>();
        for (double[] p : points) pts.add(new double[] {left + size * p[0], top + size - size * p[1]});
        if (connect) svg.polyline(pts, Colors.series(0), 2, aria);
        for (int i = 0; i < pts.size() && pointLabel != null; i++) {
            svg.circle(pts.get(i)[0], pts.get(i)[1], 3.5, Colors.series(1), pointLabel.apply(i));
        }
        svg.text(left + size / 2.0, top + size + 32, xTitle, "middle", 11, size);
        svg.text(left + 2, top + 12, yTitle, "start", 11, size);
        return svg.toString();
    }

    /** Vertical columns with labels underneath and an optional dashed reference value (e.g. lift 1). */
    public static String columns(List<String> labels, List<Double> values, Double reference, DoubleFunction<String> fmt,
                                 String aria) {
        int left = 60;
        int top = 10;
        int plotH = 160;
        int w = labels.size() > 12 ? WIDTH : 420;
        Svg svg = new Svg(w, top + plotH + 40, aria);
        int plotW = w - left - 10;
        double max = Math.max(reference == null ? 0 : reference, values.stream().mapToDouble(Double::doubleValue).max()
                .orElse(1));
        if (max <= 0) max = 1;
        double slot = plotW / (double) Math.max(1, labels.size());
        for (int t = 0; t <= 4; t++) {
            double y = top + plotH - plotH * t / 4.0;
            svg.line(left, y, left + plotW, y, GRID, null);
            svg.text(left - 6, y + 4, fmt.apply(max * t / 4), "end", 11, left - 8);
        }
        int every = Math.max(1, (int) Math.ceil(labels.size() / (plotW / 46.0)));
        for (int i = 0; i < labels.size(); i++) {
            double h = plotH * values.get(i) / max;
            double x = left + i * slot + slot * 0.1;
            svg.rect(x, top + plotH - h, slot * 0.8, h, Colors.series(0), labels.get(i) + ": " + fmt.apply(values.get(i)));
            if (i % every == 0) svg.text(x + slot * 0.4, top + plotH + 16, labels.get(i), "middle", 10, slot * every);
        }
        if (reference != null) {
            double y = top + plotH - plotH * reference / max;
            svg.line(left, y, left + plotW, y, "#333", "4 3");
        }
        return svg.toString();
    }
}
