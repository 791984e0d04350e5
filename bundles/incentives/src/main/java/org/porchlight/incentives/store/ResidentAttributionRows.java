package org.porchlight.incentives.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * All SQL of one resident's referral attribution as their personal data: read for their export, and let go of when
 * they delete their account (a pending one is deleted; a counted one stays for the agency's figures under a random id).
 */
public final class ResidentAttributionRows {

    private static final String SELECT = "SELECT a.code, a.agency_code, c.name, c.partner, a.attributed_at, a.at_sign_up, "
            + "a.state, a.counted_at FROM incentives.attribution a JOIN incentives.campaign c ON c.id = a.campaign_id "
            + "WHERE a.account_id = ?";
    private static final String LOCK = "SELECT campaign_id, state FROM incentives.attribution WHERE account_id = ? FOR UPDATE";
    private static final String DELETE = "DELETE FROM incentives.attribution WHERE account_id = ?";
    private static final String UNPEND = "UPDATE incentives.campaign SET pending = pending - 1 WHERE id = ? AND pending > 0";
    private static final String UNLINK = "UPDATE incentives.attribution SET account_id = ? WHERE account_id = ?";

    /** The resident's attribution as they may see it, empty if they signed up without a code. */
    public Optional<Map<String, Object>> find(Connection c, UUID account) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(SELECT)) {
            s.setObject(1, account);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("code", rs.getString(1));
                row.put("agency", rs.getString(2));
                row.put("campaign", rs.getString(3));
                row.put("partner", rs.getString(4));
                row.put("attributedAt", instant(rs.getTimestamp(5)));
                row.put("atSignUp", rs.getBoolean(6));
                row.put("state", rs.getString(7));
                row.put("countedAt", instant(rs.getTimestamp(8)));
                return Optional.of(row);
            }
        }
    }

    /**
     * Lets go of the resident's attribution in the caller's transaction.
     *
     * @return {@code {removed, kept}}: a pending attribution is deleted (it will never be verified), a counted one
     *         stays for the campaign's figures and the ledger, linked to a random id instead of the account
     */
    public long[] forget(Connection c, UUID account) throws SQLException {
        UUID campaign;
        String state;
        try (PreparedStatement lock = c.prepareStatement(LOCK)) {
            lock.setObject(1, account);
            try (ResultSet rs = lock.executeQuery()) {
                if (!rs.next()) {
                    return new long[] {0, 0};
                }
                campaign = rs.getObject(1, UUID.class);
                state = rs.getString(2);
            }
        }
        if ("PENDING".equals(state)) {
            try (PreparedStatement delete = c.prepareStatement(DELETE); PreparedStatement unpend = c.prepareStatement(UNPEND)) {
                delete.setObject(1, account);
                delete.executeUpdate();
                unpend.setObject(1, campaign);
                unpend.executeUpdate();
            }
            return new long[] {1, 0};
        }
        try (PreparedStatement unlink = c.prepareStatement(UNLINK)) {
            unlink.setObject(1, UUID.randomUUID());
            unlink.setObject(2, account);
            unlink.executeUpdate();
        }
        return new long[] {0, 1};
    }

    private static String instant(Timestamp t) {
        return t == null ? null : t.toInstant().toString();
    }
}
