package org.porchlight.integration.watchkc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Feeds for tests: the sample from the resources, and rows built from a good one. */
final class TestFeeds {

    static final List<String> COLUMNS = WatchKcRow.COLUMNS;
    static final String HEADER = String.join(",", COLUMNS);

    private TestFeeds() {
    }

    static byte[] sample() throws IOException {
        try (InputStream in = TestFeeds.class.getResourceAsStream("/watchkc-sample.csv")) {
            return in.readAllBytes();
        }
    }

    /** A good row, in the header's column order. */
    static Map<String, String> good(String id) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("registration_id", id);
        row.put("registrant_type", "residence");
        row.put("business_name", "");
        row.put("address", "\"1 Main St, Kansas City, MO\"");
        row.put("latitude", "39.1");
        row.put("longitude", "-94.5");
        row.put("camera_count", "2");
        row.put("records_video", "yes");
        row.put("retention_days", "30");
        row.put("contact_ok", "yes");
        row.put("contact_email", "owner@example.org");
        row.put("contact_phone", "+18165550100");
        row.put("updated_at", "2025-02-22T17:54:00Z");
        row.put("status", "active");
        return row;
    }

    static String line(Map<String, String> row) {
        return String.join(",", row.values());
    }

    static String row(String id) {
        return line(good(id));
    }

    /** A good row with one column's raw CSV text replaced. */
    static String row(String id, String column, String rawValue) {
        Map<String, String> row = good(id);
        row.put(column, rawValue);
        return line(row);
    }

    /** A header and {@code count} good rows WKC-0000001 onwards. */
    static String generated(int count) {
        return HEADER + "\n" + IntStream.rangeClosed(1, count)
                .mapToObj(i -> row(String.format("WKC-%07d", i)))
                .collect(Collectors.joining("\n")) + "\n";
    }

    static Path write(Path file, String content) throws IOException {
        return Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
