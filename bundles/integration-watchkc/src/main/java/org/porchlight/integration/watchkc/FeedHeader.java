package org.porchlight.integration.watchkc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVRecord;

/** Where each known column of a feed is: the header decides, in any order; unknown columns are ignored. */
final class FeedHeader {

    private final Map<String, Integer> index;
    private final int width;

    private FeedHeader(Map<String, Integer> index, int width) {
        this.index = index;
        this.width = width;
    }

    /** Reads the header record; fails if a required column is missing or a known column appears twice. */
    static FeedHeader of(CSVRecord header) throws InvalidFeedException {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).strip().toLowerCase(Locale.ROOT);
            if (WatchKcRow.COLUMNS.contains(name) && index.putIfAbsent(name, i) != null) {
                throw new InvalidFeedException("the header names the column " + name + " twice");
            }
        }
        List<String> missing = new ArrayList<>();
        for (String column : WatchKcRow.REQUIRED_COLUMNS) {
            if (!index.containsKey(column)) {
                missing.add(column);
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidFeedException("the feed has no column " + String.join(", ", missing));
        }
        return new FeedHeader(index, header.size());
    }

    /** How many fields every record must have. */
    int width() {
        return width;
    }

    /** The column's value in {@code record}, stripped of surrounding blanks; empty if the feed has no such column. */
    String value(CSVRecord record, String column) {
        Integer i = index.get(column);
        return i == null || i >= record.size() ? "" : record.get(i).strip();
    }
}
