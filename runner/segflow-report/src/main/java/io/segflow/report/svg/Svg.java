package io.segflow.report.svg;

import java.util.List;
import java.util.Locale;

/**
 * A small SVG writer: every text is XML-escaped, long labels are cut to a width with an ellipsis and keep the full
 * text as a {@code <title>} tooltip. The drawing scales to its container (viewBox, width 100%), so a chart never
 * forces horizontal scrolling.
 */
public final class Svg {
    /** Average glyph width of the 12 px system font, as a share of the font size; used to cut labels. */
    private static final double GLYPH = 0.58;

    private final StringBuilder sb = new StringBuilder();
    private final int width;

    public Svg(int width, int height, String ariaLabel) {
        this.width = width;
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" width=\"100%\" style=\"max-width:").append(width).append("px\" role=\"img\"")
                .append(" aria-label=\"").append(esc(ariaLabel)).append("\">");
    }

    public int width() {
        return width;
    }

    public Svg rect(double x, double y, double w, double h, String fill, String tooltip) {
        sb.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(Math.max(0, w)))
                .append("\" height=\"").append(n(Math.max(0, h))).append("\" fill=\"").append(fill).append('"');
        if (tooltip == null) {
            sb.append("/>");
        } else {
            sb.append("><title>").append(esc(tooltip)).append("</title></rect>");
        }
        return this;
    }

    public Svg line(double x1, double y1, double x2, double y2, String stroke, String dash) {
        sb.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
                .append("\" y2=\"").append(n(y2)).append("\" stroke=\"").append(stroke).append('"')
                .append(dash == null ? "" : " stroke-dasharray=\"" + dash + "\"").append("/>");
        return this;
    }

    /** A polyline through (x, y) pairs already in drawing coordinates. */
    public Svg polyline(List<double[]> points, String stroke, double strokeWidth, String tooltip) {
        sb.append("<polyline fill=\"none\" stroke=\"").append(stroke).append("\" stroke-width=\"").append(n(strokeWidth))
                .append("\" points=\"");
        for (double[] p : points) sb.append(n(p[0])).append(',').append(n(p[1])).append(' ');
        sb.append('"');
        if (tooltip == null) {
            sb.append("/>");
        } else {
            sb.append("><title>").append(esc(tooltip)).append("</title></polyline>");
        }
        return this;
    }

    public Svg circle(double cx, double cy, double r, String fill, String tooltip) {
        sb.append("<circle cx=\"").append(n(cx)).append("\" cy=\"").append(n(cy)).append("\" r=\"").append(n(r))
                .append("\" fill=\"").append(fill).append("\"><title>").append(esc(tooltip)).append("</title></circle>");
        return this;
    }

    /** Text cut to {@code maxWidth} pixels (ellipsis + tooltip when cut); anchor start, middle or end. */
    public Svg text(double x, double y, String text, String anchor, int size, double maxWidth) {
        return text(x, y, text, anchor, size, maxWidth, null);
    }

    public Svg text(double x, double y, String text, String anchor, int size, double maxWidth, String fill) {
        String shown = fit(text, size, maxWidth);
        sb.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" font-size=\"").append(size)
                .append("\" text-anchor=\"").append(anchor).append('"').append(fill == null ? "" : " fill=\"" + fill + "\"")
                .append('>');
        if (!shown.equals(text)) sb.append("<title>").append(esc(text)).append("</title>");
        sb.append(esc(shown)).append("</text>");
        return this;
    }

    /** Markup written as is (groups and transforms); callers pass constant markup only. */
    Svg raw(String markup) {
        sb.append(markup);
        return this;
    }

    /** The text, or its head with an ellipsis when it would be wider than {@code maxWidth} at {@code size}. */
    public static String fit(String text, int size, double maxWidth) {
        int max = (int) Math.floor(maxWidth / (size * GLYPH));
        if (text == null) return "";
        if (text.length() <= max) return text;
        return max <= 1 ? "…" : text.substring(0, max - 1) + "…";
    }

    @Override
    public String toString() {
        return sb + "</svg>";
    }

    static String n(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    public static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
