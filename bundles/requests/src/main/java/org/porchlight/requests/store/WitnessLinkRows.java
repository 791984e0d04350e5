package org.porchlight.requests.store;

import static org.porchlight.sql.Rows.instant;
import static org.porchlight.sql.Rows.timestamp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.porchlight.requests.WitnessLinks.WitnessLink;
import org.porchlight.sql.Rows;

/** All SQL about witness submission links: opened, listed, revoked, found by their token's hash, and their file slots. */
public final class WitnessLinkRows {

    private static final String INSERT = "INSERT INTO requests.witness_link (id, agency_code, case_number, token_hash, "
            + "created_by, created_at, expires_at, max_files, max_file_bytes) VALUES (?,?,?,?,?,?,?,?,?)";
    private static final String LIST = "SELECT id, case_number, created_at, expires_at, max_files, max_file_bytes, "
            + "files_shared, revoked_at FROM requests.witness_link WHERE agency_code = ?";
    private static final String AND_CASE = " AND case_number = ?";
    private static final String LIST_ORDER = " ORDER BY created_at DESC LIMIT 200";
    private static final String REVOKE = "UPDATE requests.witness_link SET revoked_at = COALESCE(revoked_at, ?) "
            + "WHERE id = ? AND agency_code = ?";
    private static final String BY_TOKEN = "SELECT id, agency_code, case_number, expires_at, max_files, max_file_bytes, "
            + "files_received, revoked_at FROM requests.witness_link WHERE token_hash = ?";
    private static final String TAKE_SLOT = "UPDATE requests.witness_link SET files_received = files_received + 1 "
            + "WHERE id = ? AND files_received < max_files";
    private static final String GIVE_BACK = "UPDATE requests.witness_link SET files_received = files_received - 1 "
            + "WHERE id = ? AND files_received > 0";
    private static final String ADD_SHARED = "UPDATE requests.witness_link SET files_shared = files_shared + ? WHERE id = ?";
    private static final String PURGE = "DELETE FROM requests.witness_link WHERE agency_code = ? AND expires_at < ?";

    /** A link as its token finds it, open or not. */
    public record Link(UUID id, String agency, String caseNumber, Instant expiresAt, int maxFiles, long maxFileBytes,
            int filesReceived, Instant revokedAt) {
    }

    /** Saves a new link; of its token only the hash is kept. */
    public void insert(Connection c, WitnessLink link, String agency, String tokenHash, UUID createdBy) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            s.setObject(1, link.id());
            s.setString(2, agency);
            s.setString(3, link.caseNumber());
            s.setString(4, tokenHash);
            s.setObject(5, createdBy);
            s.setTimestamp(6, timestamp(link.createdAt()));
            s.setTimestamp(7, timestamp(link.expiresAt()));
            s.setInt(8, link.maxFiles());
            s.setLong(9, link.maxFileBytes());
            s.executeUpdate();
        }
    }

    /** The agency's 200 newest links, optionally of one case; without their tokens. */
    public List<WitnessLink> list(Connection c, String agency, String caseNumber) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(LIST + (caseNumber == null ? "" : AND_CASE) + LIST_ORDER)) {
            s.setString(1, agency);
            if (caseNumber != null) {
                s.setString(2, caseNumber);
            }
            return Rows.list(s, rs -> new WitnessLink(rs.getObject(1, UUID.class), rs.getString(2), instant(rs, 3),
                    instant(rs, 4), rs.getInt(5), rs.getLong(6), rs.getInt(7), instant(rs, 8), null));
        }
    }

    /** Revokes the agency's link (a second revocation keeps the first time); false if the agency has no such link. */
    public boolean revoke(Connection c, String agency, UUID id, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(REVOKE)) {
            s.setTimestamp(1, timestamp(now));
            s.setObject(2, id);
            s.setString(3, agency);
            return s.executeUpdate() == 1;
        }
    }

    public Optional<Link> byToken(Connection c, String tokenHash) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(BY_TOKEN)) {
            s.setString(1, tokenHash);
            return Rows.first(s, rs -> new Link(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), instant(rs, 4),
                    rs.getInt(5), rs.getLong(6), rs.getInt(7), instant(rs, 8)));
        }
    }

    /** Takes one of the link's file slots; false if all are taken. */
    public boolean takeSlot(Connection c, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(TAKE_SLOT)) {
            s.setObject(1, id);
            return s.executeUpdate() > 0;
        }
    }

    /** Gives a file slot back, never below none taken. */
    public void giveBack(Connection c, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(GIVE_BACK)) {
            s.setObject(1, id);
            s.executeUpdate();
        }
    }

    public void addShared(Connection c, UUID id, int files) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(ADD_SHARED)) {
            s.setInt(1, files);
            s.setObject(2, id);
            s.executeUpdate();
        }
    }

    /** Deletes the agency's links that expired before {@code cutoff}; returns how many. */
    public int purge(Connection c, String agency, Instant cutoff) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(PURGE)) {
            s.setString(1, agency);
            s.setTimestamp(2, timestamp(cutoff));
            return s.executeUpdate();
        }
    }
}
