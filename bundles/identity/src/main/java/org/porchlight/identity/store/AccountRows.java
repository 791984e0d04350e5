package org.porchlight.identity.store;

import static org.porchlight.sql.Rows.instant;
import static org.porchlight.sql.Rows.timestamp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.porchlight.identity.Account;
import org.porchlight.sql.Rows;

/** The SQL of the directory's accounts: created, found by id or address, listed per agency, and the platform admins. */
public final class AccountRows {

    private static final String COLUMNS = "a.id, a.role, g.code, a.email, a.display_name, a.status, a.created_at, "
            + "a.phone, a.language, a.last_sign_in_at";
    private static final String FROM = " FROM identity.account a LEFT JOIN identity.agency g ON g.id = a.agency_id";
    private static final String INSERT = "INSERT INTO identity.account (id, role, agency_id, email, display_name, "
            + "password_hash, status, activation_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String FIND = "SELECT " + COLUMNS + FROM + " WHERE a.id = ?";
    private static final String ID_BY_EMAIL = "SELECT id FROM identity.account WHERE email = ?";
    private static final String STAFF = "SELECT " + COLUMNS + FROM + " WHERE g.code = ? ORDER BY a.display_name, a.id";
    private static final String ACTIVE_STAFF = "SELECT a.id" + FROM + " WHERE g.code = ? AND a.status = ? AND a.role IN (%s)";
    private static final String PLATFORM_ADMINS = "SELECT COUNT(*) FROM identity.account WHERE role = 'PLATFORM_ADMIN'";

    private AccountRows() {
    }

    /** A new account of the agency with {@code agencyId} (null for none); returns its id. */
    public static UUID insert(Connection c, String role, UUID agencyId, String email, String displayName, String passwordHash,
            String status, String activationHash, Instant now) throws SQLException {
        UUID id = UUID.randomUUID();
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            s.setObject(1, id);
            s.setString(2, role);
            s.setObject(3, agencyId);
            s.setString(4, email);
            s.setString(5, displayName);
            s.setString(6, passwordHash);
            s.setString(7, status);
            s.setString(8, activationHash);
            s.setTimestamp(9, timestamp(now));
            s.executeUpdate();
        }
        return id;
    }

    public static Optional<Account> find(Connection c, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(FIND)) {
            s.setObject(1, id);
            return Rows.first(s, AccountRows::read);
        }
    }

    /** The account with this (normalised) address, whatever its state. */
    public static Optional<UUID> idByEmail(Connection c, String email) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(ID_BY_EMAIL)) {
            s.setString(1, email);
            return Rows.first(s, rs -> rs.getObject(1, UUID.class));
        }
    }

    /** Every account of the agency with {@code code} (upper case), by name. */
    public static List<Account> staff(Connection c, String code) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(STAFF)) {
            s.setString(1, code);
            return Rows.list(s, AccountRows::read);
        }
    }

    /** Ids of the agency's accounts in {@code status} with one of {@code roles} (not empty); one query, every value bound. */
    public static List<UUID> withRoles(Connection c, String code, String status, List<String> roles) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(String.format(ACTIVE_STAFF, Rows.marks(roles.size())))) {
            s.setString(1, code);
            s.setString(2, status);
            for (int i = 0; i < roles.size(); i++) {
                s.setString(3 + i, roles.get(i));
            }
            return Rows.list(s, rs -> rs.getObject(1, UUID.class));
        }
    }

    /** How many platform admins there are. */
    public static long platformAdmins(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(PLATFORM_ADMINS)) {
            return Rows.single(s);
        }
    }

    private static Account read(ResultSet rs) throws SQLException {
        return new Account(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), instant(rs, 7), rs.getString(8), rs.getString(9), instant(rs, 10));
    }
}
