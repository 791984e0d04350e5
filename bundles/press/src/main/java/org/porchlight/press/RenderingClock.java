package org.porchlight.press;

import java.util.function.LongSupplier;

import freemarker.core.Environment;
import freemarker.core.TemplateProcessingTracer;

/**
 * The time limit of one rendering: FreeMarker reports every element it enters, and the writer
 * every write; past the deadline both stop the rendering. No template construct repeats (the
 * policy refuses loops and recursion), so these checks come at least once per node evaluated.
 */
final class RenderingClock implements TemplateProcessingTracer {

    /** Thrown from FreeMarker's tracer, which may not throw checked exceptions; the renderer turns it into a 422. */
    static final class TimeUp extends RuntimeException {

        private static final long serialVersionUID = 1L;

        TimeUp(String message) {
            super(message, null, false, false);
        }
    }

    private final LongSupplier nanoTime;
    private final long deadline;
    private final long limitMillis;

    RenderingClock(LongSupplier nanoTime, long limitMillis) {
        this.nanoTime = nanoTime;
        this.limitMillis = limitMillis;
        this.deadline = nanoTime.getAsLong() + limitMillis * 1_000_000L;
    }

    void check() {
        if (nanoTime.getAsLong() - deadline > 0) {
            throw new TimeUp("takes longer than " + limitMillis + " ms to render");
        }
    }

    @Override
    public void enterElement(Environment env, TracedElement element) {
        check();
    }

    @Override
    public void exitElement(Environment env, TracedElement element) {
        // the deadline is checked on the way in
    }
}
