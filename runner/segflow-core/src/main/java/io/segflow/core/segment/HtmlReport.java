package io.segflow.core.segment;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** A self-contained HTML page (inline CSS and SVG, no JavaScript) with every segmentation's report. */
public final class HtmlReport {
    private HtmlReport() {
    }

    public static String render(String project, List<SegmentReport> reports, List<String> neverBuilt) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>segflow segments: ")
                .append(esc(project)).append("</title>\n<style>body{font-family:system-ui,sans-serif;margin:2em;color:#222}"
                        + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}"
                        + "th:first-child,td:first-child{text-align:left}.small{color:#b00}.meta{color:#666}</style></head><body>\n")
                .append("<h1>Segments of ").append(esc(project)).append("</h1>\n");
        for (SegmentReport r : reports) section(sb, r);
        for (String n : neverBuilt) {
            sb.append("<h2>").append(esc(n)).append("</h2><p class=\"meta\">not built yet: run <code>segflow build</code></p>\n");
        }
        return sb.append("</body></html>\n").toString();
    }

    private static void section(StringBuilder sb, SegmentReport r) {
        sb.append("<h2>").append(esc(r.name())).append(" <small class=\"meta\">(").append(esc(r.type())).append(")</small></h2>\n")
                .append("<p class=\"meta\">last run ").append(esc(r.lastRunId())).append(" at ").append(esc(r.lastRunAt()))
                .append(r.changed() ? ", membership changed" : ", unchanged")
                .append(r.agreement() == null ? "" : String.format(Locale.ROOT, ", agreement with previous run %.1f%%", r.agreement() * 100))
                .append("; population ").append(r.population()).append("; groups below ").append(r.minSize())
                .append(" members are flagged and not exported</p>\n");
        sb.append(bars(r));
        sb.append("<table><tr><th>group</th><th>members</th><th>share</th><th>change</th>");
        TreeSet<String> profileCols = new TreeSet<>();
        r.groups().forEach(g -> profileCols.addAll(g.profile().keySet()));
        for (String c : profileCols) sb.append("<th>avg ").append(esc(c)).append("</th>");
        sb.append("</tr>\n");
        for (SegmentReport.Group g : r.groups()) {
            sb.append("<tr").append(g.belowMinSize() ? " class=\"small\"" : "").append("><td>").append(esc(g.name()))
                    .append(g.belowMinSize() ? " (below min size)" : "").append("</td><td>").append(g.size()).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.1f%%", g.share() * 100)).append("</td><td>")
                    .append(g.previous() == null ? "" : String.format(Locale.ROOT, "%+d", g.size() - g.previous())).append("</td>");
            for (String c : profileCols) {
                Double v = g.profile().get(c);
                sb.append("<td>").append(v == null ? "" : String.format(Locale.ROOT, "%.2f", v)).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</table>\n");
        if (!r.transitions().isEmpty()) transitions(sb, r.transitions());
    }

    private static String bars(SegmentReport r) {
        int rowH = 22;
        int width = 640;
        int label = 200;
        long max = Math.max(1, r.groups().stream().mapToLong(SegmentReport.Group::size).max().orElse(1));
        StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\""
                + (r.groups().size() * rowH + 4) + "\" role=\"img\" aria-label=\"group sizes\">\n");
        int y = 2;
        for (SegmentReport.Group g : r.groups()) {
            int w = (int) Math.round((width - label - 80) * (double) g.size() / max);
            svg.append("<text x=\"0\" y=\"").append(y + 15).append("\" font-size=\"13\">").append(esc(g.name())).append("</text>")
                    .append("<rect x=\"").append(label).append("\" y=\"").append(y + 3).append("\" width=\"").append(Math.max(w, 1))
                    .append("\" height=\"16\" fill=\"").append(g.belowMinSize() ? "#d66" : "#4a7bd0").append("\"/>")
                    .append("<text x=\"").append(label + w + 6).append("\" y=\"").append(y + 15).append("\" font-size=\"12\">")
                    .append(g.size()).append("</text>\n");
            y += rowH;
        }
        return svg.append("</svg>\n").toString();
    }

    private static void transitions(StringBuilder sb, Map<String, Map<String, Long>> m) {
        TreeSet<String> to = new TreeSet<>();
        m.values().forEach(v -> to.addAll(v.keySet()));
        sb.append("<h3>Transitions since the previous run (rows: from, columns: to)</h3><table><tr><th></th>");
        for (String t : to) sb.append("<th>").append(esc(t)).append("</th>");
        sb.append("</tr>\n");
        m.forEach((from, row) -> {
            sb.append("<tr><td>").append(esc(from)).append("</td>");
            for (String t : to) sb.append("<td>").append(row.getOrDefault(t, 0L)).append("</td>");
            sb.append("</tr>\n");
        });
        sb.append("</table>\n");
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
