package org.porchlight.api.ui;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * A file a {@link Page} sends instead of a page (a footage file, a custody export): the shell writes
 * it as an attachment with the portal's security headers, never inside the layout.
 *
 * @param fileName    the name the browser saves it as; the shell keeps only letters, digits, dots, dashes
 *                    and underscores of it
 * @param contentType the file's content type, e.g. {@code video/mp4} or {@code text/csv}
 * @param size        the size in bytes, or -1 when not known in advance
 * @param body        writes the bytes; called once, after the headers
 * @since 1.1
 */
public record Download(String fileName, String contentType, long size, Body body) {

    /** Writes a download's bytes. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    public Download {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
    }
}
