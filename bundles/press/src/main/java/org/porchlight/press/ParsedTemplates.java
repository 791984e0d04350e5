package org.porchlight.press;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.porchlight.api.problem.Problem;
import org.porchlight.api.problem.ProblemException;

/**
 * The template parts most recently parsed and judged, by template, version and part, so that a
 * version is parsed and judged once and not on every rendering. Versions never change, so an
 * entry never goes stale; the least recently used goes when the cache is full. A refusal (a
 * syntax error, a construct or limit the version may not pass) is kept too, so a refused version
 * is not parsed again either. Thread-safe; parsing happens outside the lock, so two renderings
 * of a version not yet kept may both parse it, and one result is kept.
 *
 * <p>It lives in the component that renders, and goes with it when the bundle stops or is updated.
 */
final class ParsedTemplates {

    /** One part of one version of one template. */
    record Key(UUID template, int version, String part) {
    }

    /** What parsing and judging gave: the prepared part, or the problem that refused it. */
    private record Outcome(StrictRenderer.Prepared prepared, Problem refusal) {
    }

    private final int capacity;
    private final Map<Key, Outcome> entries;

    ParsedTemplates(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a cache of parsed templates keeps at least one: " + capacity);
        }
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {

            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Outcome> eldest) {
                return size() > ParsedTemplates.this.capacity;
            }
        };
    }

    /**
     * The part as kept, or as {@code prepare} gives it (then kept).
     *
     * @throws ProblemException the refusal {@code prepare} threw, then or the first time
     */
    StrictRenderer.Prepared get(Key key, Supplier<StrictRenderer.Prepared> prepare) {
        Outcome kept;
        synchronized (entries) {
            kept = entries.get(key);
        }
        if (kept == null) {
            try {
                kept = new Outcome(prepare.get(), null);
            } catch (ProblemException e) {
                kept = new Outcome(null, e.problem());
            }
            synchronized (entries) {
                entries.put(key, kept);
            }
        }
        if (kept.refusal() != null) {
            throw refusal(kept.refusal());
        }
        return kept.prepared();
    }

    /** How many parts are kept. */
    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /** Forgets every part (the component stops). */
    void clear() {
        synchronized (entries) {
            entries.clear();
        }
    }

    /** A new exception each time: a thrown exception collects suppressed exceptions and headers, and is not shared. */
    private static ProblemException refusal(Problem problem) {
        return PlaceholderException.TYPE.uri().equals(problem.type()) ? new PlaceholderException(problem.detail())
                : new ProblemException(problem);
    }
}
