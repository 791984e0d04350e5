package org.porchlight.requests.store;

import static org.porchlight.sql.Rows.instant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.porchlight.sql.Rows;

/**
 * The SQL behind this bundle's notification subjects: where a batch of requests, or of owners' deliveries with their
 * request, stand now. One query per batch, every id bound.
 */
public final class SubjectRows {

    private static final String REQUESTS = "SELECT id, state, expires_at, created_by FROM requests.footage_request "
            + "WHERE id IN (%s)";
    private static final String DELIVERIES = "SELECT d.id, r.state, r.expires_at, d.status FROM requests.delivery d "
            + "JOIN requests.footage_request r ON r.id = d.request_id WHERE d.id IN (%s)";

    /** Where a request stands: its state, when it expires, who made it. */
    public record RequestStanding(UUID id, String state, Instant expiresAt, UUID createdBy) {
    }

    /** Where a delivery stands: its request's state and expiry, and the owner's answer so far. */
    public record DeliveryStanding(UUID id, String requestState, Instant expiresAt, String status) {
    }

    /** Those of the requests that exist. */
    public List<RequestStanding> requests(Connection c, Collection<UUID> ids) throws SQLException {
        if (ids.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement s = c.prepareStatement(marked(REQUESTS, ids.size()))) {
            bind(s, ids);
            return Rows.list(s, rs -> new RequestStanding(rs.getObject(1, UUID.class), rs.getString(2), instant(rs, 3),
                    rs.getObject(4, UUID.class)));
        }
    }

    /** Those of the deliveries that exist. */
    public List<DeliveryStanding> deliveries(Connection c, Collection<UUID> ids) throws SQLException {
        if (ids.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement s = c.prepareStatement(marked(DELIVERIES, ids.size()))) {
            bind(s, ids);
            return Rows.list(s, rs -> new DeliveryStanding(rs.getObject(1, UUID.class), rs.getString(2), instant(rs, 3),
                    rs.getString(4)));
        }
    }

    /** The statement with one mark per id. */
    private static String marked(String sql, int ids) {
        return String.format(sql, Rows.marks(ids));
    }

    private static void bind(PreparedStatement s, Collection<UUID> ids) throws SQLException {
        int i = 1;
        for (UUID id : ids) {
            s.setObject(i++, id);
        }
    }
}
