package org.porchlight.press;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.porchlight.api.problem.Problem;
import org.porchlight.api.problem.ProblemException;

/**
 * The template parts most recently parsed and judged, by template, version and part, so that a
 * version is parsed and judged once and not on every rendering. Versions never change, so an
 * entry never goes stale. The cache holds parts of at most so many characters of template text
 * in all (each counted as at least {@link #MIN_CHARS}), least recently used out first: a parsed
 * part takes 6 to 22 bytes of heap per character of its text (docs/benchmarks.md), so the bound
 * on characters bounds the memory, whoever writes the templates. A refusal (a
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
    private record Outcome(StrictRenderer.Prepared prepared, Problem refusal, int chars) {
    }

    /** What a part counts for at least, however short: the entry itself, its key and FreeMarker's template object. */
    static final int MIN_CHARS = 256;

    private final long maxChars;
    /** Least recently used first. */
    private final Map<Key, Outcome> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long chars;

    /** @param maxChars most characters of template text kept parsed, in all */
    ParsedTemplates(long maxChars) {
        if (maxChars < MIN_CHARS) {
            throw new IllegalArgumentException("a cache of parsed templates keeps at least one part: " + maxChars);
        }
        this.maxChars = maxChars;
    }

    /**
     * The part as kept, or as {@code prepare} gives it (then kept).
     *
     * @param length the length of the part's text
     * @throws ProblemException the refusal {@code prepare} threw, then or the first time
     */
    StrictRenderer.Prepared get(Key key, int length, Supplier<StrictRenderer.Prepared> prepare) {
        Outcome kept;
        synchronized (entries) {
            kept = entries.get(key);
        }
        if (kept == null) {
            int weight = Math.max(MIN_CHARS, length);
            try {
                kept = new Outcome(prepare.get(), null, weight);
            } catch (ProblemException e) {
                kept = new Outcome(null, e.problem(), MIN_CHARS); // the text is not kept, the detail is short
            }
            keep(key, kept);
        }
        if (kept.refusal() != null) {
            throw refusal(kept.refusal());
        }
        return kept.prepared();
    }

    private void keep(Key key, Outcome outcome) {
        synchronized (entries) {
            Outcome replaced = entries.put(key, outcome);
            chars += outcome.chars() - (replaced == null ? 0 : replaced.chars());
            Iterator<Outcome> eldest = entries.values().iterator();
            while (chars > maxChars && eldest.hasNext()) {
                chars -= eldest.next().chars();
                eldest.remove();
            }
        }
    }

    /** How many parts are kept. */
    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /** Characters of template text kept, each part counted as at least {@link #MIN_CHARS}. */
    long chars() {
        synchronized (entries) {
            return chars;
        }
    }

    /** Forgets every part (the component stops). */
    void clear() {
        synchronized (entries) {
            entries.clear();
            chars = 0;
        }
    }

    /** A new exception each time: a thrown exception collects suppressed exceptions and headers, and is not shared. */
    private static ProblemException refusal(Problem problem) {
        return PlaceholderException.TYPE.uri().equals(problem.type()) ? new PlaceholderException(problem.detail())
                : new ProblemException(problem);
    }
}
