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
}
