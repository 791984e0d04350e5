package org.porchlight.notifications;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** A set of notification topics: exact names, or prefixes ending in {@code *}. */
record Topics(List<String> patterns) {

    /** From configuration or a service property (a string or an array of them); blanks are left out. */
    static Topics of(Object patterns) {
        String[] given = patterns instanceof String one ? new String[] {one}
                : patterns instanceof String[] many ? many : new String[0];
        return new Topics(Arrays.stream(given).filter(p -> p != null).map(p -> p.strip().toLowerCase(Locale.ROOT))
                .filter(p -> !p.isEmpty()).toList());
    }

    /** Whether {@code topic} is one of them; none listed matches nothing. */
    boolean contains(String topic) {
        for (String p : patterns) {
            if (p.endsWith("*") ? topic.startsWith(p.substring(0, p.length() - 1)) : topic.equals(p)) {
                return true;
            }
        }
        return false;
    }
}
