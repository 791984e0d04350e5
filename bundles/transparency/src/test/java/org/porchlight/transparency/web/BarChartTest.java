package org.porchlight.transparency.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class BarChartTest {

    private static final Pattern RECT = Pattern.compile("<rect x=\"([0-9.]+)\" y=\"([0-9.]+)\" width=\"([0-9.]+)\" height=\"([0-9.]+)\"");

    @Test
    void theTallestBarFillsTheScaleRoundedUpToARoundNumber() {
        String svg = BarChart.svg("c", "Requests", "desc", List.of(new BarChart.Bar("Jan", 4), new BarChart.Bar("Feb", 2)));
        List<double[]> rects = rects(svg);
        assertThat(BarChart.scaleTop(4)).isEqualTo(5);
        assertThat(rects.get(0)[3]).isEqualTo(BarChart.PLOT_HEIGHT * 4 / 5.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(rects.get(1)[3]).isEqualTo(rects.get(0)[3] / 2, org.assertj.core.data.Offset.offset(0.01));
        // Bars stand on the axis.
        assertThat(rects.get(0)[1] + rects.get(0)[3]).isEqualTo(BarChart.TOP + BarChart.PLOT_HEIGHT, org.assertj.core.data.Offset.offset(0.01));
        assertThat(svg).contains(">5</text>").contains(">0</text>").doesNotContain(">2.5</text>");
    }

    @Test
    void theScaleIsOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(BarChart.scaleTop(1)).isEqualTo(2);
        assertThat(BarChart.scaleTop(7)).isEqualTo(10);
        assertThat(BarChart.scaleTop(10)).isEqualTo(10);
        assertThat(BarChart.scaleTop(11)).isEqualTo(20);
        assertThat(BarChart.scaleTop(180)).isEqualTo(200);
        assertThat(BarChart.scaleTop(0.4)).isEqualTo(0.5);
    }

    @Test
    void zeroMonthsHaveNoHeightAndNoValueAndAnAllZeroChartStillDraws() {
        String svg = BarChart.svg("z", "Declines", "None", List.of(new BarChart.Bar("Jan", 0), new BarChart.Bar("Feb", 0)));
        List<double[]> rects = rects(svg);
        assertThat(rects).hasSize(2).allSatisfy(r -> assertThat(r[3]).isZero());
        assertThat(svg).doesNotContain("NaN").doesNotContain("Infinity").doesNotContain("class=\"value\"");
        assertThat(BarChart.scaleTop(0)).isEqualTo(1);
        assertThat(BarChart.ticks(1)).containsExactly(0, 1);
        assertThat(BarChart.ticks(20)).containsExactly(0, 10, 20);
        assertThat(BarChart.ticks(0.5)).containsExactly(0, 0.25, 0.5);
        assertThat(BarChart.svg("e", "Empty", "No months", List.of())).contains("<title id=\"e-title\">Empty</title>");
    }

    @Test
    void aChartIsAnImageWithItsTitleAndDescriptionAndNoInlineStyle() {
        String svg = BarChart.svg("chart-requests", "Requests per month", "From Jan to Feb: 3 in all",
                List.of(new BarChart.Bar("Jan", 1), new BarChart.Bar("Feb", 2)));
        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart bar-chart\" role=\"img\"")
                .contains("aria-labelledby=\"chart-requests-title chart-requests-desc\"")
                .contains("<title id=\"chart-requests-title\">Requests per month</title>")
                .contains("<desc id=\"chart-requests-desc\">From Jan to Feb: 3 in all</desc>")
                .contains("<title>Feb: 2</title>")
                .doesNotContain("style");
    }

    @Test
    void labelsTitlesAndDescriptionsAreEscaped() {
        String svg = BarChart.svg("x", "A <b>\"title\"</b> & 'more'", "<script>alert(1)</script>",
                List.of(new BarChart.Bar("<img src=x onerror=alert(1)>", 1)));
        assertThat(svg).doesNotContain("<b>").doesNotContain("<script>").doesNotContain("<img")
                .contains("A &lt;b&gt;&quot;title&quot;&lt;/b&gt; &amp; &#39;more&#39;")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("&lt;img src=x onerror=alert(1)&gt;");
        assertThatThrownBy(() -> BarChart.svg("bad\" onload=\"x", "t", "d", List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void numbersHaveNoExponentAndAtMostTwoDecimals() {
        assertThat(BarChart.number(3)).isEqualTo("3");
        assertThat(BarChart.number(2.5)).isEqualTo("2.5");
        assertThat(BarChart.number(1.0 / 3)).isEqualTo("0.33");
        assertThat(BarChart.number(1_000_000)).isEqualTo("1000000");
    }

    @Test
    void manyMonthsLabelEverySecondOne() {
        List<BarChart.Bar> bars = new java.util.ArrayList<>();
        for (int i = 0; i < 24; i++) {
            bars.add(new BarChart.Bar("m" + i, i));
        }
        String svg = BarChart.svg("m", "t", "d", bars);
        assertThat(svg).contains(">m0</text>").doesNotContain(">m1</text>").contains(">m2</text>");
        assertThat(rects(svg)).hasSize(24);
    }

    private static List<double[]> rects(String svg) {
        Matcher m = RECT.matcher(svg);
        List<double[]> found = new java.util.ArrayList<>();
        while (m.find()) {
            found.add(new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)),
                    Double.parseDouble(m.group(4))});
        }
        return found;
    }
}
