package org.porchlight.notifications;

import org.porchlight.api.store.StorageException;

/** How a failure is told: to the log without anything a message may quote, to operators a little more. */
final class FailureText {

    private FailureText() {
    }

    /**
     * For the log: the exception's class and SQL state, never its message, which may quote an
     * address or a statement's values.
     */
    static String describe(Throwable e) {
        StringBuilder s = new StringBuilder(e.getClass().getName());
        if (e instanceof StorageException storage && storage.sqlState() != null) {
            s.append(", SQL state ").append(storage.sqlState());
        }
        return s.toString();
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
