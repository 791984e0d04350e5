package org.porchlight.press;

import java.io.IOException;
import java.io.Writer;

/**
 * Where a rendering writes: it keeps at most {@code limit} characters and stops the rendering
 * with {@link LimitReached} at the first character beyond, or once the deadline has passed.
 */
final class BoundedWriter extends Writer {

    /** The rendering went past its output size or its time; the message names which. */
    static final class LimitReached extends IOException {

        private static final long serialVersionUID = 1L;

        LimitReached(String message) {
            super(message);
        }
    }

    private final StringBuilder out;
    private final int limit;
    private final RenderingClock clock;

    BoundedWriter(int limit, int expected, RenderingClock clock) {
        this.out = new StringBuilder(Math.min(limit, expected));
        this.limit = limit;
        this.clock = clock;
    }

    @Override
    public void write(char[] buffer, int offset, int length) throws IOException {
        room(length);
        out.append(buffer, offset, length);
    }

    @Override
    public void write(String s, int offset, int length) throws IOException {
        room(length);
        out.append(s, offset, offset + length);
    }

    @Override
    public void write(int c) throws IOException {
        room(1);
        out.append((char) c);
    }

    private void room(int length) throws LimitReached {
        if (length > limit - out.length()) {
            throw new LimitReached("renders to more than " + limit + " characters");
        }
        clock.check();
    }

    @Override
    public void flush() {
        // nothing to flush: the text stays in memory until the rendering returns it
    }

    @Override
    public void close() {
        // nothing to close
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
