package org.porchlight.launcher;

/** Start-up cannot go on; the message is the one line that tells the operator what to fix. */
final class StartupFailure extends Exception {

    private static final long serialVersionUID = 1L;

    StartupFailure(String message) {
        super(message);
    }

    StartupFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
