package org.porchlight.requests.store;

import static org.porchlight.sql.Rows.instant;
import static org.porchlight.sql.Rows.timestamp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.porchlight.api.requests.IncidentType;
import org.porchlight.requests.DeliveryStatus;
import org.porchlight.requests.RequestState;
import org.porchlight.sql.Rows;

/**
 * The SQL of what the public sees of an agency's footage requests: activated requests whose publication is not
 * delayed past {@code now}, coarsely placed, and their answers counted per status.
 */
public final class PublicLogRows {

    private static final String ENTRIES = "SELECT id, incident_type, public_latitude, public_longitude, area_square_miles, "
            + "activated_at, ended_at, state FROM requests.footage_request WHERE agency_code = ? "
            + "AND activated_at IS NOT NULL AND activated_at < ? AND (publish_after IS NULL OR publish_after <= ?) "
            + "ORDER BY activated_at DESC LIMIT ?";
    private static final String ANSWERS = "SELECT r.id, r.activated_at, r.area_square_miles, r.window_start, r.window_end, "
            + "d.status, COUNT(d.id), r.owners_figure, r.owners_figure_suppressed FROM requests.footage_request r "
            + "LEFT JOIN requests.delivery d ON d.request_id = r.id "
            + "WHERE r.agency_code = ? AND r.activated_at >= ? AND r.activated_at < ? "
            + "AND (r.publish_after IS NULL OR r.publish_after <= ?) "
            + "GROUP BY r.id, r.activated_at, r.area_square_miles, r.window_start, r.window_end, d.status, r.owners_figure, "
            + "r.owners_figure_suppressed";

    /** One line of the public log: where to about 1 km, the area's size, when, and how it ended. */
    public record LogRow(UUID id, IncidentType incidentType, double latitude, double longitude, double squareMiles,
            Instant activatedAt, Instant endedAt, RequestState state) {
    }

    /**
     * A published request with one status of its answers and how many had it ({@code status} null and
     * {@code count} 0 for a request nobody was asked about), and its coarse owners figure.
     */
    public record AnswerRow(UUID request, Instant activatedAt, double squareMiles, Instant windowStart, Instant windowEnd,
            DeliveryStatus status, long count, long ownersFigure, boolean ownersFigureSuppressed) {
    }

    /** The agency's newest published requests activated before {@code before}. */
    public List<LogRow> entries(Connection c, String agency, Instant before, Instant now, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(ENTRIES)) {
            s.setString(1, agency);
            s.setTimestamp(2, timestamp(before));
            s.setTimestamp(3, timestamp(now));
            s.setInt(4, limit);
            return Rows.list(s, rs -> new LogRow(rs.getObject(1, UUID.class), IncidentType.valueOf(rs.getString(2)),
                    rs.getDouble(3), rs.getDouble(4), rs.getDouble(5), instant(rs, 6), instant(rs, 7),
                    RequestState.valueOf(rs.getString(8))));
        }
    }

    /** The published requests activated in {@code [from, to)}, one row per request and answer status. */
    public List<AnswerRow> answers(Connection c, String agency, Instant from, Instant to, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(ANSWERS)) {
            s.setString(1, agency);
            s.setTimestamp(2, timestamp(from));
            s.setTimestamp(3, timestamp(to));
            s.setTimestamp(4, timestamp(now));
            return Rows.list(s, rs -> {
                String status = rs.getString(6);
                return new AnswerRow(rs.getObject(1, UUID.class), instant(rs, 2), rs.getDouble(3), instant(rs, 4),
                        instant(rs, 5), status == null ? null : DeliveryStatus.valueOf(status), rs.getLong(7), rs.getLong(8),
                        rs.getBoolean(9));
            });
        }
    }
}
