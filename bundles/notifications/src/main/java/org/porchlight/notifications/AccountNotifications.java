package org.porchlight.notifications;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

import org.porchlight.api.notify.Notification;

/** A resident's rows in {@code notify} in SQL, for {@link InboxData}: their inbox and the notifications addressed to them. */
final class AccountNotifications {

    private static final String DELETE_INBOX = "DELETE FROM notify.inbox_item WHERE account_id = ?";
    private static final String DELETE_NOTIFICATIONS = "DELETE FROM notify.notification WHERE recipient = ?";

    private AccountNotifications() {
    }

    /**
     * Deletes the account's inbox items and every notification addressed to it, still to be sent or
     * sent (their deliveries go with them: ON DELETE CASCADE), in the caller's transaction.
     *
     * @return how many inbox items and notifications went
     */
    static long delete(Connection c, UUID account) throws SQLException {
        try (PreparedStatement items = c.prepareStatement(DELETE_INBOX);
                PreparedStatement notifications = c.prepareStatement(DELETE_NOTIFICATIONS)) {
            items.setObject(1, account);
            long removed = items.executeUpdate();
            notifications.setString(1, OutboxStore.recipient(Notification.Recipient.account(account)));
            return removed + notifications.executeUpdate();
        }
    }
}
