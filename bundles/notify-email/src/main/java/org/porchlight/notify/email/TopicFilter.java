package org.porchlight.notify.email;

import java.util.List;
import java.util.Locale;

/** Topics a channel takes: exact names, or prefixes ending in {@code *}; none listed means every topic. */
record TopicFilter(List<String> patterns) {

    static TopicFilter of(String[] patterns) {
        return new TopicFilter(patterns == null ? List.of()
                : java.util.Arrays.stream(patterns).map(p -> p.strip().toLowerCase(Locale.ROOT)).filter(p -> !p.isEmpty()).toList());
    }

    boolean matches(String topic) {
        if (patterns.isEmpty()) {
            return true;
        }
        for (String p : patterns) {
            if (p.endsWith("*") ? topic.startsWith(p.substring(0, p.length() - 1)) : topic.equals(p)) {
                return true;
            }
        }
        return false;
    }
}
