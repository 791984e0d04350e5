package org.porchlight.api.notify;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Where bundles leave notifications for delivery. Writing to the outbox is part of the caller's
 * transaction: if it rolls back, nobody is notified; once it commits, every notification is
 * delivered, even if the process dies right after.
 */
@ProviderType
public interface Outbox {

    /**
     * Adds the notifications inside the transaction {@code transaction} belongs to (a connection
     * from {@link org.porchlight.api.store.Database#inTransaction}). Notifications whose key the
     * recipient already has are skipped.
     *
     * @return how many were added
     */
    int enqueue(Connection transaction, List<Notification> notifications) throws SQLException;
}
