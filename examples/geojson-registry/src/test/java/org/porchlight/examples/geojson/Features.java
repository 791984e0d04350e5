package org.porchlight.examples.geojson;

import java.util.List;

/** Feeds for the tests: one feature per line, so that line numbers are easy to read. */
final class Features {

    private Features() {
    }

    /** A camera at {@code latitude, longitude}; {@code extra} is appended to its properties. */
    static String camera(String id, double latitude, double longitude, String extra) {
        return "{\"type\":\"Feature\",\"id\":\"" + id + "\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[" + longitude + ","
                + latitude + "]},\"properties\":{\"address\":\"1 Oak St\",\"camera_count\":2,\"records_video\":true,"
                + "\"retention_days\":30,\"updated_at\":\"2026-11-01T10:00:00Z\"" + extra + "}}";
    }

    static String camera(String id) {
        return camera(id, 39.0997, -94.5786, "");
    }

    /** A FeatureCollection: its opening on line 1, the features on lines 2, 3, ... and its end on the last line. */
    static String collection(String... features) {
        return "{\"type\": \"FeatureCollection\", \"features\": [\n" + String.join(",\n", List.of(features)) + "\n]}\n";
    }
}
