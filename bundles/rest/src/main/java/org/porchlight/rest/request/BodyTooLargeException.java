package org.porchlight.rest.request;

import java.io.IOException;

/**
 * Thrown while a body is read once it passes the limit. An {@link IOException} so that it passes
 * unchanged through the JSON parser, which only wraps other kinds.
 */
public class BodyTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    private final long limit;

    public BodyTooLargeException(long limit) {
        super("request body larger than " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
