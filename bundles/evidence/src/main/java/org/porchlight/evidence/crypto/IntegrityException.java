package org.porchlight.evidence.crypto;

import java.io.IOException;

/**
 * Stored evidence is not what was written: a segment failed authentication, the blob was cut
 * short or extended, or a wrapped key does not open. The message says what, never key material.
 */
public class IntegrityException extends IOException {

    private static final long serialVersionUID = 1L;

    public IntegrityException(String message) {
        super(message);
    }

    public IntegrityException(String message, Throwable cause) {
        super(message, cause);
    }
}
