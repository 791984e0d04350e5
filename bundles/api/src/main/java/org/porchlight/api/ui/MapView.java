package org.porchlight.api.ui;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.porchlight.api.geo.Area;
import org.porchlight.api.geo.Circle;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.geo.Polygon;

/**
 * A map on a portal page: what it shows and which form fields it fills. A page puts
 * {@link #json()} into its model and its template into a {@code data-map} attribute; the portal's
 * script draws it with Leaflet and the configured tiles. Forms never depend on the map: the fields
 * it fills are ordinary inputs (latitude and longitude, or an area as text, one
 * {@code latitude, longitude} per line) that a keyboard or a browser without scripts fills as well.
 *
 * <pre>{@code
 * String map = MapView.of(agency.jurisdiction()).drawArea("area").json();
 * // <div class="map" data-map="${map}" role="region" aria-label="..."></div> (not role="img": the map holds buttons)
 * // <textarea id="area" name="area">${areaText}</textarea>
 * }</pre>
 *
 * @since 1.1
 */
public final class MapView {

    private final List<String> shapes = new ArrayList<>();
    private String mode = "view";
    private String latField;
    private String lngField;
    private String areaField;

    private MapView() {
    }

    /** An empty map; it fits whatever is added, or shows the world. */
    public static MapView empty() {
        return new MapView();
    }

    /** A map showing {@code area} (a circle or polygon), e.g. an agency's jurisdiction. */
    public static MapView of(Area area) {
        return new MapView().area(area, "");
    }

    /** Adds an area with a label (plain text; the map escapes it). */
    public MapView area(Area area, String label) {
        if (area instanceof Circle c) {
            shapes.add("{\"kind\":\"circle\",\"center\":" + point(c.center()) + ",\"radius\":" + number(c.radiusMeters())
                    + ",\"label\":" + string(label) + "}");
        } else if (area instanceof Polygon p) {
            StringBuilder points = new StringBuilder("[");
            for (GeoPoint v : p.vertices()) {
                points.append(points.length() > 1 ? "," : "").append(point(v));
            }
            shapes.add("{\"kind\":\"polygon\",\"points\":" + points.append(']') + ",\"label\":" + string(label) + "}");
        } else if (area != null) {
            throw new IllegalArgumentException("not a circle or a polygon: " + area);
        }
        return this;
    }

    /** Adds a marker with a label. */
    public MapView marker(GeoPoint at, String label) {
        shapes.add("{\"kind\":\"point\",\"at\":" + point(at) + ",\"label\":" + string(label) + "}");
        return this;
    }

    /** Clicking the map places one pin and writes it into the inputs with these ids. */
    public MapView placePin(String latitudeInputId, String longitudeInputId) {
        this.mode = "pin";
        this.latField = latitudeInputId;
        this.lngField = longitudeInputId;
        return this;
    }

    /** Clicking the map adds the corners of an area, written into the textarea with this id (see {@link #areaText}). */
    public MapView drawArea(String textareaId) {
        this.mode = "draw";
        this.areaField = textareaId;
        return this;
    }

    /** The map's description for the {@code data-map} attribute (JSON; the template's escaping keeps it an attribute). */
    public String json() {
        StringBuilder json = new StringBuilder("{\"mode\":\"").append(mode).append("\",\"shapes\":[")
                .append(String.join(",", shapes)).append(']');
        if (latField != null) {
            json.append(",\"lat\":").append(string(latField)).append(",\"lng\":").append(string(lngField));
        }
        if (areaField != null) {
            json.append(",\"area\":").append(string(areaField));
        }
        return json.append('}').toString();
    }

    /** A polygon as the area textarea holds it: one {@code latitude, longitude} per line. */
    public static String areaText(Polygon polygon) {
        StringBuilder text = new StringBuilder();
        for (GeoPoint v : polygon.vertices()) {
            text.append(number(v.latitude())).append(", ").append(number(v.longitude())).append('\n');
        }
        return text.toString();
    }

    /**
     * The polygon a form's area textarea holds: one {@code latitude, longitude} per line (blank
     * lines ignored), at least 3 distinct corners, each within the globe. Empty when the text is not
     * such a polygon; the page says so next to the field.
     */
    public static Optional<Polygon> parseArea(String text) {
        if (text == null || text.length() > 20_000) {
            return Optional.empty();
        }
        List<GeoPoint> corners = new ArrayList<>();
        for (String line : text.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.split("[,;\\s]+", -1);
            List<String> numbers = new ArrayList<>();
            for (String part : parts) {
                if (!part.isEmpty()) {
                    numbers.add(part);
                }
            }
            if (numbers.size() != 2) {
                return Optional.empty();
            }
            try {
                double lat = Double.parseDouble(numbers.get(0));
                double lng = Double.parseDouble(numbers.get(1));
                if (!(lat >= -90 && lat <= 90 && lng >= -180 && lng <= 180)) {
                    return Optional.empty();
                }
                corners.add(new GeoPoint(lat, lng));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        if (corners.size() > 200 || corners.stream().distinct().count() < 3) {
            return Optional.empty();
        }
        return Optional.of(new Polygon(corners));
    }

    private static String point(GeoPoint p) {
        return "[" + number(p.latitude()) + "," + number(p.longitude()) + "]";
    }

    private static String number(double d) {
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("not a finite number: " + d);
        }
        // six decimals, rounded half up from the shortest decimal of d (as %.6f), without trailing zeros;
        // no formatter and no regular expressions: a circle drawn as 32 corners is 64 of these per page
        String s = BigDecimal.valueOf(d).setScale(6, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        return "-0".equals(s) ? "0" : s;
    }

    private static String string(String s) {
        if (s == null) {
            return "\"\"";
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
