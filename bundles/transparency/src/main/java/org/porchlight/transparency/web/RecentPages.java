package org.porchlight.transparency.web;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Agencies' transparency pages as the portal showed them lately, kept for a short while: the
 * figures are monthly, and the page (a query per section, seven SVG charts, every figure in a table)
 * is the portal's costliest, so a crowd that opens one agency's page is served from memory.
 *
 * <p>A page is kept for the configured time under everything it was made from: the agency as shown
 * (code, name, time zone), the range, the language and the generation of the registered sources (a
 * source that comes or goes starts afresh). A page that lacks a failed section is not kept, so the
 * gap closes with the next request. At most {@value #MAX_KEPT} pages: any range can be asked for,
 * so when that many are kept the expired ones go, and if none has expired, all go.
 */
final class RecentPages {

    static final int MAX_KEPT = 256;

    /** What a page was made from. */
    record Key(String code, String name, ZoneId zone, YearMonth from, YearMonth to, Locale locale, long sources) {
    }

    /** A page's model, and whether it may be kept (every section answered). */
    record Made(Map<String, Object> model, boolean keep) {
    }

    private record Kept(Map<String, Object> model, Instant until) {
    }

    private final Map<Key, Kept> kept = new ConcurrentHashMap<>();

    /**
     * The model kept for {@code key} until after {@code now}, or the one {@code make} makes now (kept
     * for {@code keepFor} if it may be; not at all if {@code keepFor} is zero or less).
     */
    Map<String, Object> model(Key key, Instant now, Duration keepFor, Supplier<Made> make) {
        Kept known = kept.get(key);
        if (known != null && now.isBefore(known.until())) {
            return known.model();
        }
        Made made = make.get();
        if (made.keep() && !keepFor.isNegative() && !keepFor.isZero()) {
            if (kept.size() >= MAX_KEPT) {
                kept.values().removeIf(k -> !now.isBefore(k.until()));
                if (kept.size() >= MAX_KEPT) {
                    kept.clear();
                }
            }
            kept.put(key, new Kept(Collections.unmodifiableMap(made.model()), now.plus(keepFor)));
        } else {
            kept.remove(key);
        }
        return made.model();
    }

    int size() {
        return kept.size();
    }
}
