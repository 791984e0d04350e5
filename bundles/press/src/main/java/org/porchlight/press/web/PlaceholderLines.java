package org.porchlight.press.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.porchlight.press.Placeholder;
import org.porchlight.press.PlaceholderType;

/**
 * The editor's placeholder field: one declaration per line, {@code name TYPE [source] [= value]}, as the
 * version diff shows them ({@code day DATE = 2026-12-01}, {@code units PROGRAM_FIGURE Acme:unitsEarned}).
 */
final class PlaceholderLines {

    /** What a field holds: the declarations and values, or the lines that could not be read. */
    record Parsed(List<Placeholder> placeholders, Map<String, String> values, List<String> errors) {
    }

    private PlaceholderLines() {
    }

    static Parsed parse(String text) {
        List<Placeholder> placeholders = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        String[] lines = text == null ? new String[0] : text.split("\r?\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            int eq = line.indexOf('=');
            String declaration = (eq < 0 ? line : line.substring(0, eq)).strip();
            String[] words = declaration.split("\\s+");
            if (words.length < 2 || words[0].isEmpty()) {
                errors.add("line " + (i + 1) + ": '" + line + "' needs a name and a type, e.g. 'day DATE = 2026-12-01'");
                continue;
            }
            PlaceholderType type;
            try {
                type = PlaceholderType.valueOf(words[1].toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add("line " + (i + 1) + ": '" + words[1] + "' is not a type; one of " + Arrays.toString(PlaceholderType.values()));
                continue;
            }
            String source = words.length > 2 ? String.join(" ", Arrays.copyOfRange(words, 2, words.length)) : null;
            placeholders.add(new Placeholder(words[0], type, source));
            if (eq >= 0) {
                values.put(words[0], line.substring(eq + 1).strip());
            }
        }
        return new Parsed(placeholders, values, errors);
    }

    static String format(List<Placeholder> placeholders, Map<String, String> values) {
        StringBuilder s = new StringBuilder();
        for (Placeholder p : placeholders) {
            s.append(p.name()).append(' ').append(p.type());
            if (p.source() != null) {
                s.append(' ').append(p.source());
            }
            if (values != null && values.containsKey(p.name())) {
                s.append(" = ").append(values.get(p.name()).replace('\n', ' '));
            }
            s.append('\n');
        }
        return s.toString();
    }
}
