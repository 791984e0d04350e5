package org.porchlight.notifications;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The outbox's backlog in SQL, for {@link OutboxFigures}: what waits to be handed out, and each channel's deliveries. */
final class OutboxBacklog {

    /** What waits: notifications not yet handed to their channels, and deliveries not yet made, by channel. */
    private static final String BACKLOG = "SELECT '', COUNT(*) FROM notify.notification WHERE state = 'PENDING' "
            + "UNION ALL SELECT channel, COUNT(*) FROM notify.delivery WHERE state = 'PENDING' GROUP BY channel";

    private OutboxBacklog() {
    }

    /**
     * The backlog: under the key {@code ""} the notifications waiting to be handed to their
     * channels, under each channel's name its deliveries waiting to be made (tried or not).
     */
    static Map<String, Long> count(Connection c) throws SQLException {
        Map<String, Long> waiting = new LinkedHashMap<>();
        try (PreparedStatement query = c.prepareStatement(BACKLOG); ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                waiting.put(rs.getString(1), rs.getLong(2));
            }
        }
        return waiting;
    }
}
