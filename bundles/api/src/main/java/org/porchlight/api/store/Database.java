package org.porchlight.api.store;

import java.sql.Connection;
import java.sql.SQLException;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The database as one bundle sees it. Each bundle that references this service gets its own
 * instance: by the time the reference is bound, the bundle's migrations (if it declares a
 * schema) have been applied. If they fail, the service is not available to that bundle and the
 * failure is logged and reported by {@code /api/health}.
 */
@ProviderType
public interface Database {

    /** Manifest header naming the schema a bundle owns, e.g. {@code Porchlight-Schema: registry}. */
    String SCHEMA_HEADER = "Porchlight-Schema";

    /** Folder inside the bundle holding its migrations. */
    String MIGRATIONS_FOLDER = "db/migration";

    /** The schema this bundle owns, or {@code null} if it declares none. */
    String schema();

    /** The database product, {@code "H2"} or {@code "PostgreSQL"}, for the rare SQL that must differ. */
    String productName();

    /**
     * Runs {@code work} in one transaction on a pooled connection: committed when it returns,
     * rolled back when it throws.
     *
     * @throws StorageException wrapping any {@link SQLException}
     */
    <T> T inTransaction(SqlWork<T> work);

    /**
     * Runs {@code work} on a pooled connection in auto-commit mode, for single reads, or for work
     * that runs transactions of its own on it ({@code setAutoCommit(false)}, then commit or roll
     * back each): the connection goes back to the pool in auto-commit mode, anything uncommitted
     * rolled back.
     *
     * @throws StorageException wrapping any {@link SQLException}
     */
    <T> T withConnection(SqlWork<T> work);

    /** Work against a connection that the caller must not close or keep. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
