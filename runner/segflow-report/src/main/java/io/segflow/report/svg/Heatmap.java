package io.segflow.report.svg;

import java.util.List;
import java.util.function.DoubleFunction;

/**
 * A matrix of coloured cells with row labels on the left and slanted column labels on top, in the order given
 * (callers pass definition order, never alphabetical). Cells show their text and a tooltip with row, column and
 * value; a null value is an empty cell.
 */
public final class Heatmap {
    /** How a cell value maps to a colour: sequential over [0, max] or diverging around 0. */
    public enum Scale { SEQUENTIAL, DIVERGING }

    private Heatmap() {
    }

    /**
     * @param values    [row][column], null for no value
     * @param cellText  text inside each cell
     * @param shade     the value that colours a cell (may differ from the one shown, e.g. RFM monetary shading)
     * @param limit     |value| giving the darkest colour (max for sequential, e.g. 2 standard deviations for z)
     */
    public static String render(List<String> rows, List<String> columns, Double[][] shade, DoubleFunction<String> cellText,
                                Double[][] values, Scale scale, double limit, String rowTitle, String columnTitle,
                                String aria) {
        int rowLabel = 240;
        int header = 110;
        int maxWidth = 1000;
        int cell = (int) Math.max(34, Math.min(72, (maxWidth - rowLabel - 10) / (double) Math.max(1, columns.size())));
        int cellH = 26;
        int width = rowLabel + cell * columns.size() + 70; // room for the last slanted column label
        Svg svg = new Svg(width, header + cellH * rows.size() + 4, aria);
        for (int c = 0; c < columns.size(); c++) {
            double x = rowLabel + c * cell + cell / 2.0;
            svg.raw("<g transform=\"translate(" + Svg.n(x) + "," + (header - 6) + ") rotate(-40)\">");
            svg.text(0, 0, columns.get(c), "start", 11, header * 1.3);
            svg.raw("</g>");
        }
        for (int r = 0; r < rows.size(); r++) {
            double y = header + r * cellH;
            svg.text(rowLabel - 8, y + 17, rows.get(r), "end", 12, rowLabel - 12);
            for (int c = 0; c < columns.size(); c++) {
                Double v = values[r][c];
                Double s = shade[r][c];
                double t = s == null ? 0 : scale == Scale.SEQUENTIAL ? s / limit : Math.abs(s) / limit;
                String fill = s == null ? "#f4f4f4" : scale == Scale.SEQUENTIAL ? Colors.sequential(t)
                        : Colors.diverging(s, limit);
                String text = v == null ? "" : cellText.apply(v);
                svg.rect(rowLabel + c * cell, y, cell - 2, cellH - 2, fill, rowTitle + " " + rows.get(r) + ", "
                        + columnTitle + " " + columns.get(c) + ": " + (v == null ? "none" : text));
                if (v != null) {
                    svg.text(rowLabel + c * cell + (cell - 2) / 2.0, y + 17, text, "middle", 11, cell - 4,
                            Colors.textOn(Math.min(1, t)));
                }
            }
        }
        return svg.toString();
    }
}
