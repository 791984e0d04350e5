package org.porchlight.integration.watchkc;

/**
 * A feed that cannot be imported at all: a required column is missing, the file is not UTF-8 CSV,
 * or it is larger than allowed. The message is meant for the agency's staff and never quotes a row.
 */
final class InvalidFeedException extends Exception {

    private static final long serialVersionUID = 1L;

    InvalidFeedException(String message) {
        super(message);
    }
}
