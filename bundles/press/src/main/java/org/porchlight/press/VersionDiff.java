package org.porchlight.press;

import java.util.ArrayList;
import java.util.List;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;

/** A unified diff between two versions of a template, line by line (java-diff-utils). */
public final class VersionDiff {

    private VersionDiff() {
    }

    /** The lines of a unified diff (three lines of context); empty if nothing changed. */
    public static List<String> unified(String name, int from, String before, int to, String after) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        Patch<String> patch = DiffUtils.diff(a, b);
        if (patch.getDeltas().isEmpty()) {
            return List.of();
        }
        return UnifiedDiffUtils.generateUnifiedDiff(name + " v" + from, name + " v" + to, a, patch, 3);
    }

    /** A version as the diff sees it: title, placeholders with their values, then the body. */
    public static String document(String title, List<Placeholder> placeholders, java.util.Map<String, String> values, String body) {
        StringBuilder s = new StringBuilder("Title: ").append(title).append('\n');
        for (Placeholder p : placeholders) {
            s.append("Placeholder: ").append(p.name()).append(' ').append(p.type()).append(p.source() == null ? "" : " " + p.source())
                    .append(values.containsKey(p.name()) ? " = " + values.get(p.name()).replace('\n', ' ') : "").append('\n');
        }
        return s.append('\n').append(body).toString();
    }

    private static List<String> lines(String text) {
        return new ArrayList<>(List.of(text.split("\n", -1)));
    }
}
