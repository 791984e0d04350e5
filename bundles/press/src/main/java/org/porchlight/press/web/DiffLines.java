package org.porchlight.press.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A unified diff as the page shows it: each line with its kind, {@code ins} (added), {@code del} (removed),
 * {@code head} (file and hunk headers) or {@code same}; the template escapes the text.
 */
final class DiffLines {

    private DiffLines() {
    }

    static List<Map<String, String>> of(List<String> unified) {
        List<Map<String, String>> lines = new ArrayList<>();
        for (String line : unified) {
            lines.add(Map.of("kind", kind(line), "text", line));
        }
        return lines;
    }

    static String kind(String line) {
        if (line.startsWith("+++") || line.startsWith("---") || line.startsWith("@@")) {
            return "head";
        }
        if (line.startsWith("+")) {
            return "ins";
        }
        if (line.startsWith("-")) {
            return "del";
        }
        return "same";
    }
}
