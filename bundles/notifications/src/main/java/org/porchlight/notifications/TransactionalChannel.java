package org.porchlight.notifications;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.porchlight.api.notify.NotificationChannel;

/**
 * A channel that delivers by writing to Porchlight's own database (the inbox). The worker hands it
 * whole batches inside the fan-out's transaction, so a delivery commits together with the record
 * that it was made: exactly once, with no delivery row of its own. Internal to this bundle.
 */
public interface TransactionalChannel extends NotificationChannel {

    /** Delivers every one of {@code deliveries} within {@code transaction}; throws to roll the whole batch back. */
    void deliverAll(Connection transaction, List<Delivery> deliveries) throws SQLException;
}
