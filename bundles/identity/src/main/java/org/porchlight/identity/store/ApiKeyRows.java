package org.porchlight.identity.store;

import static org.porchlight.sql.Rows.instant;
import static org.porchlight.sql.Rows.timestamp;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.porchlight.api.store.Database;
import org.porchlight.identity.ApiKeys.ApiKey;
import org.porchlight.sql.Rows;

/** All SQL about vendors' API keys in {@code identity.api_key}, each kept by the SHA-256 of its secret only. */
public final class ApiKeyRows {

    private static final String INSERT = "INSERT INTO identity.api_key (id, account_id, name, secret_hash, created_at) "
            + "VALUES (?, ?, ?, ?, ?)";
    private static final String LIST = "SELECT id, name, created_at, revoked_at FROM identity.api_key "
            + "WHERE account_id = ? ORDER BY created_at, id";
    private static final String REVOKE = "UPDATE identity.api_key SET revoked_at = ? "
            + "WHERE id = ? AND account_id = ? AND revoked_at IS NULL";
    private static final String VENDOR = "SELECT k.account_id FROM identity.api_key k JOIN identity.account a "
            + "ON a.id = k.account_id WHERE k.id = ? AND k.secret_hash = ? AND k.revoked_at IS NULL "
            + "AND a.status = 'ACTIVE' AND a.role = 'VENDOR'";

    private final Database database;

    public ApiKeyRows(Database database) {
        this.database = database;
    }

    public void insert(String id, UUID vendor, String name, String secretHash, Instant now) {
        database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(INSERT)) {
                s.setString(1, id);
                s.setObject(2, vendor);
                s.setString(3, name);
                s.setString(4, secretHash);
                s.setTimestamp(5, timestamp(now));
                return s.executeUpdate();
            }
        });
    }

    /** The vendor's keys, oldest first, revoked ones too. */
    public List<ApiKey> list(UUID vendor) {
        return database.withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement(LIST)) {
                s.setObject(1, vendor);
                return Rows.list(s, rs -> new ApiKey(rs.getString(1), rs.getString(2), instant(rs, 3), instant(rs, 4)));
            }
        });
    }

    /** Revokes one of the vendor's keys; false if it has no such key still in force. */
    public boolean revoke(UUID vendor, String id, Instant now) {
        return database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(REVOKE)) {
                s.setTimestamp(1, timestamp(now));
                s.setString(2, id);
                s.setObject(3, vendor);
                return s.executeUpdate() == 1;
            }
        });
    }

    /** The active vendor whose key in force this is. */
    public Optional<UUID> vendor(String id, String secretHash) {
        return database.withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement(VENDOR)) {
                s.setString(1, id);
                s.setString(2, secretHash);
                return Rows.first(s, rs -> rs.getObject(1, UUID.class));
            }
        });
    }
}
