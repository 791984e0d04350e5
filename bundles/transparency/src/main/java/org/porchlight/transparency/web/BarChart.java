package org.porchlight.transparency.web;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * A bar chart of one figure per month as SVG markup, drawn on the server: no chart library, no
 * script, no inline style (the portal's Content-Security-Policy refuses it). Shapes carry
 * presentation attributes and CSS classes; the chart is an image with a {@code <title>} and a
 * {@code <desc>} for screen readers, and the page repeats its numbers in a table below it. Every
 * text that goes into the markup is escaped here, since the template inserts it as it is.
 */
final class BarChart {

    /** The drawing's size in SVG units; the shell's {@code .chart} class scales it to the page. */
    static final int WIDTH = 640;
    static final int HEIGHT = 240;
    /** Room for the value axis on the left, the month labels below, and a value above a bar. */
    static final int LEFT = 44;
    static final int RIGHT = 8;
    static final int TOP = 20;
    static final int BOTTOM = 28;
    static final int PLOT_HEIGHT = HEIGHT - TOP - BOTTOM;

    private static final String BAR_FILL = "#0b5cad";
    private static final String AXIS_STROKE = "#4a5560";
    private static final String GRID_STROKE = "#c9d1d9";

    /** One bar: a month's label and its value (never negative on these charts; a negative one is drawn as zero). */
    record Bar(String label, double value) {
        Bar {
            Objects.requireNonNull(label, "label");
        }
    }

    private BarChart() {
    }

    /**
     * The chart as an {@code <svg>} element.
     *
     * @param id    a unique id on the page ({@code a-z 0-9 -}), for the title and description
     * @param title what the chart shows, e.g. "Footage requests made per month"
     * @param desc  the chart in a sentence, e.g. its range, highest month and total
     * @param bars  the months, oldest first
     */
    static String svg(String id, String title, String desc, List<Bar> bars) {
        if (!id.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("not an id: " + id);
        }
        double top = scaleTop(bars.stream().mapToDouble(Bar::value).max().orElse(0));
        StringBuilder svg = new StringBuilder(1024);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart bar-chart\" role=\"img\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ').append(HEIGHT).append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" aria-labelledby=\"").append(id).append("-title ").append(id).append("-desc\">")
                .append("<title id=\"").append(id).append("-title\">").append(escape(title)).append("</title>")
                .append("<desc id=\"").append(id).append("-desc\">").append(escape(desc)).append("</desc>");
        // Grid lines and their values at 0, the top of the scale and half of it when that is a round number.
        for (double tick : ticks(top)) {
            double y = y(tick, top);
            svg.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"")
                    .append(number(y)).append("\" y2=\"").append(number(y)).append("\" stroke=\"")
                    .append(tick == 0 ? AXIS_STROKE : GRID_STROKE).append("\" stroke-width=\"1\"/>")
                    .append("<text class=\"tick\" x=\"").append(LEFT - 6).append("\" y=\"").append(number(y + 4))
                    .append("\" text-anchor=\"end\">").append(number(tick)).append("</text>");
        }
        int n = bars.size();
        double slot = n == 0 ? 0 : (WIDTH - LEFT - RIGHT) / (double) n;
        double barWidth = slot * 0.7;
        // Label every month when they fit, else every second or third one.
        int labelEvery = n <= 12 ? 1 : (n <= 24 ? 2 : 3);
        for (int i = 0; i < n; i++) {
            Bar bar = bars.get(i);
            double value = Math.max(0, bar.value());
            double x = LEFT + i * slot + (slot - barWidth) / 2;
            double height = value / top * PLOT_HEIGHT;
            double y = TOP + PLOT_HEIGHT - height;
            svg.append("<g class=\"bar\">");
            svg.append("<rect x=\"").append(number(x)).append("\" y=\"").append(number(y)).append("\" width=\"")
                    .append(number(barWidth)).append("\" height=\"").append(number(height)).append("\" fill=\"").append(BAR_FILL)
                    .append("\"><title>").append(escape(bar.label())).append(": ").append(number(value)).append("</title></rect>");
            if (value > 0) {
                svg.append("<text class=\"value\" x=\"").append(number(x + barWidth / 2)).append("\" y=\"").append(number(y - 4))
                        .append("\" text-anchor=\"middle\">").append(number(value)).append("</text>");
            }
            if (i % labelEvery == 0) {
                svg.append("<text class=\"label\" x=\"").append(number(x + barWidth / 2)).append("\" y=\"")
                        .append(HEIGHT - BOTTOM + 16).append("\" text-anchor=\"middle\">").append(escape(bar.label())).append("</text>");
            }
            svg.append("</g>");
        }
        return svg.append("</svg>").toString();
    }

    /**
     * The top of the value axis: the largest value rounded up to 1, 2 or 5 times a power of ten,
     * so the grid lines fall on round numbers; 1 when every month is zero (or there is none).
     */
    static double scaleTop(double max) {
        if (!(max > 0)) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(max)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (max <= step * magnitude * (1 + 1e-9)) {
                double top = step * magnitude;
                // Whole numbers of at least 1 keep half the axis a whole number too (counts are whole).
                return top == 1 && max > 0.5 ? 2 : top;
            }
        }
        return 10 * magnitude;
    }

    /** Where the grid lines go: 0 and the top, and half the top when it is whole (counts) or the top is below 1 (rates). */
    static double[] ticks(double top) {
        double half = top / 2;
        return half == Math.rint(half) || top < 1 ? new double[] {0, half, top} : new double[] {0, top};
    }

    /** The vertical position of {@code value} on a scale up to {@code top}. */
    static double y(double value, double top) {
        return TOP + PLOT_HEIGHT - Math.max(0, value) / top * PLOT_HEIGHT;
    }

    /** A number as SVG and people read it: no exponent, at most two decimals, no trailing zeros. */
    static String number(double value) {
        BigDecimal rounded = BigDecimal.valueOf(Math.round(value * 100) / 100.0).stripTrailingZeros();
        return rounded.scale() < 0 ? rounded.setScale(0).toPlainString() : rounded.toPlainString();
    }

    /** Text for an SVG element or attribute. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        out.append(' '); // not allowed in XML 1.0
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
