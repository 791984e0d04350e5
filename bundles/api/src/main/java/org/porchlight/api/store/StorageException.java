package org.porchlight.api.store;

import java.sql.SQLException;

/** A database failure, unchecked so that services need not declare it. */
public class StorageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StorageException(String message, SQLException cause) {
        super(message, cause);
    }

    /** The SQLSTATE of the underlying failure, e.g. {@code 23505} for a unique violation. */
    public String sqlState() {
        return getCause() instanceof SQLException sql ? sql.getSQLState() : null;
    }

    /**
     * A failure as the log may tell it: the exception's class and, for a database failure, its
     * SQLSTATE; never its message, which may quote an address, an id or a statement's values.
     *
     * @since store 1.1
     */
    public static String describe(Throwable e) {
        StringBuilder s = new StringBuilder(e.getClass().getName());
        if (e instanceof StorageException storage && storage.sqlState() != null) {
            s.append(", SQL state ").append(storage.sqlState());
        }
        return s.toString();
    }
}
