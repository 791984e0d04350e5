package org.porchlight.api.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.porchlight.api.geo.Circle;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.geo.Polygon;

class MapViewTest {

    private static final Polygon TRIANGLE = new Polygon(List.of(new GeoPoint(39.1, -94.58), new GeoPoint(39.11, -94.57),
            new GeoPoint(39.1, -94.56)));

    @Test
    void describesShapesAndTheFieldsTheMapFills() {
        String json = MapView.of(new Circle(new GeoPoint(39.0997, -94.5786), 20000)).marker(new GeoPoint(39.1, -94.5), "Porch")
                .placePin("lat", "lng").json();
        assertThat(json).isEqualTo("{\"mode\":\"pin\",\"shapes\":[{\"kind\":\"circle\",\"center\":[39.0997,-94.5786],"
                + "\"radius\":20000,\"label\":\"\"},{\"kind\":\"point\",\"at\":[39.1,-94.5],\"label\":\"Porch\"}],"
                + "\"lat\":\"lat\",\"lng\":\"lng\"}");
        assertThat(MapView.of(TRIANGLE).drawArea("area").json()).startsWith("{\"mode\":\"draw\",\"shapes\":[{\"kind\":\"polygon\","
                + "\"points\":[[39.1,-94.58],[39.11,-94.57],[39.1,-94.56]]").endsWith(",\"area\":\"area\"}");
    }

    @Test
    void labelsCannotLeaveTheirString() {
        for (String label : new String[] {"\"},{\"kind\":\"x", "</script><script>x()</script>", "a\\\"b", "line\nbreak\u2028"}) {
            String json = MapView.empty().marker(new GeoPoint(1, 2), label).json();
            assertThat(json).doesNotContain("<", ">", "\n", "\u2028").contains("\"label\":\"");
            // exactly one string value ends the label: the escaped text has no bare quote
            String inner = json.substring(json.indexOf("\"label\":\"") + 9, json.lastIndexOf("\"}]"));
            assertThat(inner.replace("\\\\", "").replace("\\\"", "")).doesNotContain("\"");
        }
    }

    @Test
    void theAreaTextRoundTripsAndRefusesWhatIsNotAPolygon() {
        assertThat(MapView.parseArea(MapView.areaText(TRIANGLE))).contains(TRIANGLE);
        assertThat(MapView.parseArea("39.1 -94.58\n\n39.11;-94.57\r\n39.1, -94.56\n")).contains(TRIANGLE);
        for (String bad : new String[] {"", "39.1,-94.58\n39.11,-94.57", "39.1,-94.58\n39.1,-94.58\n39.1,-94.58",
            "91,0\n0,1\n1,1", "0,181\n0,1\n1,1", "a,b\n0,1\n1,1", "1,2,3\n0,1\n1,1", "NaN,1\n0,1\n1,1", null}) {
            assertThat(MapView.parseArea(bad)).as(String.valueOf(bad)).isEmpty();
        }
    }

    @Test
    void numbersAreSixDecimalsRoundedHalfUpWithoutTrailingZeros() {
        Polygon corners = new Polygon(List.of(new GeoPoint(39.1000004, -94.5800005), new GeoPoint(-0.0000001, 100),
                new GeoPoint(0.1234565, -0.0000005)));
        assertThat(MapView.areaText(corners)).isEqualTo("39.1, -94.580001\n0, 100\n0.123457, -0.000001\n");
        java.util.Random random = new java.util.Random(18);
        for (int i = 0; i < 10_000; i++) { // as String.format("%.6f") wrote them, trailing zeros stripped
            double lat = random.nextDouble() * 180 - 90;
            double lng = Math.round((random.nextDouble() * 360 - 180) * 1e7) / 1e7;
            String text = MapView.areaText(new Polygon(List.of(new GeoPoint(lat, lng), new GeoPoint(0, 0), new GeoPoint(1, 1))));
            assertThat(text).startsWith(formatted(lat) + ", " + formatted(lng) + "\n");
        }
    }

    private static String formatted(double d) {
        String s = String.format(java.util.Locale.ROOT, "%.6f", d).replaceAll("0+$", "").replaceAll("\\.$", "");
        return "-0".equals(s) ? "0" : s;
    }
}
