package org.porchlight.notifications;

import org.porchlight.api.store.StorageException;

/** How a failure is told: to the log without anything a message may quote, to operators a little more. */
final class FailureText {

    private FailureText() {
    }

    /** For the log: {@link StorageException#describe}, the exception's class and SQL state, never its message. */
    static String describe(Throwable e) {
        return StorageException.describe(e);
    }

    /** For operators, in the delivery's row (not in the log, not shown by any API): class and first line of the message. */
    static String detail(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getName();
        }
        int newline = message.indexOf('\n');
        return e.getClass().getName() + ": " + (newline < 0 ? message : message.substring(0, newline));
    }
}
